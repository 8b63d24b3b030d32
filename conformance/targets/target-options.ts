import { RoamError } from '../../core/errors.js';

/** Where the implementation under test is, and what the suite needs to know around it. */
export interface TargetOptions {
  /** `builtin`, `osmo-hlr` (HLR only), or a URL: `http(s)://host:port`, `gsup://host:port[?vty=<port>]`. */
  readonly target: string;
  /** The home network whose IMSIs the element serves. Default 262-01. */
  readonly home?: string;
  /** A visited network with a roaming agreement (the VLR's own network for the VLR suite). Default 208-01. */
  readonly visited?: string;
  /** A visited network without an agreement. Default 001-01. */
  readonly unagreed?: string;
  /** A CSV of subscribers the user provisioned (`imsi,msisdn,k,opc[,roaming]`): the suite provisions nothing. */
  readonly subscribers?: string;
  /** Bearer token of the element's admin API (`/admin/...`). */
  readonly adminToken?: string;
  /** Bearer token billing takes charging events with. */
  readonly token?: string;
  /** VLR suite: where the VLR under test reaches the suite's HLR (`host:port`); ephemeral for the built-in VLR. */
  readonly hlrListen?: string;
  /** VLR suite: where the VLR under test sends its charging events (`host:port`). */
  readonly billingListen?: string;
  /** The partner's TADIG code, named in the evidence. */
  readonly partner?: string;
}

/** The implementation under test cannot be set up for the suite. */
export class TargetSetupError extends RoamError {
  constructor(target: string, cause: string, hint: string) {
    super('ROAM_CONFORMANCE_TARGET', `set up ${target} for the conformance suite`, cause, { hint });
  }
}
