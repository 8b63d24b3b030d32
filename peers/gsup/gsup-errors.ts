/**
 * Errors of a GSUP conversation with an HLR: a refusal with a cause, no
 * answer in time, a connection that failed or went away, and a peer that
 * sent bytes we cannot decode.
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import { gsupCauseName, type GsupCauseName } from '../../protocols/gsup/gsup-causes.js';
import { gsupMessageTypeName } from '../../protocols/gsup/gsup-message-types.js';

/** What to do about the most common refusals. */
const CAUSE_HINTS: Partial<Record<GsupCauseName, string>> = {
  IMSI_UNKNOWN: 'Provision the subscriber in the HLR first (createSubscriber), give it auth data for SendAuthInfo, or check the IMSI',
  GPRS_NOT_ALLOWED: "The subscriber's PS access is disabled in the HLR; set its network-access-mode to ps or cs+ps",
  PLMN_NOT_ALLOWED: "The subscriber's CS access is disabled in the HLR; set its network-access-mode to cs or cs+ps",
  ROAMING_NOT_ALLOWED: 'The home network does not let this subscriber roam here; check the roaming agreement',
  NETWORK_FAILURE: 'The HLR gave up, e.g. because InsertSubscriberData was refused or not answered in time; check its log',
  INVALID_MANDATORY_INFO: 'The request lacked something the HLR needs (for CheckIMEI: a known IMSI); check the request fields',
};

let processHasher: IdentityHasher | undefined;

/**
 * How a GSUP error names a subscriber: its keyed pseudonym (`sub_` and 16
 * hex digits) from `hasher`, or from one process-wide hasher with a random
 * key. Never the IMSI, unless `ROAM_CLEAR_IDENTITIES=1` asked for clear
 * identities (local debugging only).
 *
 * @example
 * ```ts
 * subscriberShown('262011234567890', world.hasher) // 'sub_5e0c…'
 * ```
 */
export function subscriberShown(imsi: string, hasher?: IdentityHasher): string {
  return (hasher ?? (processHasher ??= new IdentityHasher())).subscriber(imsi);
}

/**
 * The HLR answered a request with an error message: `cause` says why.
 *
 * @example
 * ```ts
 * try { await client.sendAuthInfo(imsi) } catch (e) {
 *   if (e instanceof GsupRejectError && e.causeName === 'IMSI_UNKNOWN') provision(imsi);
 * }
 * ```
 */
export class GsupRejectError extends RoamError {
  /** GMM cause value from the Cause IE (0 when the HLR sent none); replaces Error's `cause`, which a refusal has no use for. */
  override readonly cause: number;
  /** Name of the cause, e.g. `IMSI_UNKNOWN`. */
  readonly causeName: string;
  /** The subscriber's pseudonym (see {@link subscriberShown}); the IMSI never appears in a GSUP error. */
  readonly subscriber: string;
  /** The error message type received, e.g. 0x09 for SendAuthInfo error. */
  readonly messageType: number;

  /** @param subscriber how the subscriber is shown: its pseudonym from {@link subscriberShown}, never the IMSI. */
  constructor(operation: string, subscriber: string, messageType: number, cause: number | undefined, peer: string) {
    const name = cause === undefined ? 'NO_CAUSE' : gsupCauseName(cause);
    const shown = cause === undefined ? 'no cause' : `cause 0x${cause.toString(16).padStart(2, '0')} ${name}`;
    super(
      'ROAM_GSUP_REJECT',
      `${operation} for subscriber ${subscriber}`,
      `the HLR at ${peer} answered ${gsupMessageTypeName(messageType)} with ${shown}`,
      {
        hint: CAUSE_HINTS[name as GsupCauseName] ?? 'See 3GPP TS 24.008 §10.5.5.14 for what the cause means',
      },
    );
    this.cause = cause ?? 0;
    this.causeName = name;
    this.subscriber = subscriber;
    this.messageType = messageType;
  }
}

/**
 * A request got no answer within its timeout.
 *
 * @example
 * ```ts
 * const client = await GsupClient.connect({ host, requestTimeoutMs: 500 });
 * await client.purgeMs(imsi).catch((e) => e instanceof GsupTimeoutError);
 * ```
 */
export class GsupTimeoutError extends RoamError {
  readonly timeoutMs: number;

  constructor(failedTo: string, peer: string, timeoutMs: number) {
    super('ROAM_GSUP_TIMEOUT', failedTo, `no answer from the HLR at ${peer} within ${timeoutMs} ms`, {
      hint: 'Check that osmo-hlr is running and reachable (a chaos fault on the link?), or raise requestTimeoutMs',
    });
    this.timeoutMs = timeoutMs;
  }
}

/** Why a {@link GsupConnectionError} happened. */
export type GsupConnectionFailure = 'connect-failed' | 'handshake-timeout' | 'closed-by-peer' | 'closed-by-client';

const CONNECTION_HINTS: Record<GsupConnectionFailure, string> = {
  'connect-failed': 'Check that osmo-hlr is running and listens on that address (GSUP port 4222)',
  'handshake-timeout': 'The peer accepted TCP but never sent the IPA ID_GET; check that it is a GSUP server and not another service',
  'closed-by-peer': 'The HLR dropped the connection (crash, restart, chaos fault, or it disliked our identity); reconnect and retry',
  'closed-by-client': 'The client was closed while the request was pending; keep it open until requests settle',
};

/**
 * The connection could not be made, or went away with requests pending.
 *
 * @example
 * ```ts
 * await GsupClient.connect({ host: '127.0.0.9' }).catch((e) => e instanceof GsupConnectionError && e.reason === 'connect-failed');
 * ```
 */
export class GsupConnectionError extends RoamError {
  readonly reason: GsupConnectionFailure;

  constructor(failedTo: string, reason: GsupConnectionFailure, cause: string, error?: unknown) {
    super('ROAM_GSUP_CONNECTION', failedTo, cause, { hint: CONNECTION_HINTS[reason], cause: error });
    this.reason = reason;
  }
}

/**
 * The peer sent bytes that are not valid IPA or GSUP; the connection was
 * closed because nothing after them can be trusted. `cause` holds the
 * decode error with the byte offset.
 *
 * @example
 * ```ts
 * client.on('close', (error) => { if (error instanceof GsupProtocolError) console.error(error.cause) });
 * ```
 */
export class GsupProtocolError extends RoamError {
  constructor(failedTo: string, peer: string, decodeError: Error) {
    super('ROAM_GSUP_PROTOCOL', failedTo, `the peer at ${peer} sent data that does not decode (${stripPrefix(decodeError.message)})`, {
      hint: 'Check that the port is osmo-hlr GSUP (4222); the connection was closed, reconnect to continue',
      cause: decodeError,
    });
  }
}

// The inner error's own "[roam] Failed to ..." and hint would repeat inside ours.
function stripPrefix(message: string): string {
  return message.replace(/^\[roam\] Failed to /, '').replace(/\. Make sure.*$/s, '');
}
