import { RoamError } from '../core/errors.js';

/**
 * Reject causes a network sends a subscriber, with their 3GPP TS 24.008
 * MM/GMM cause values (the same values GSUP carries); #33 is the session
 * management cause for a service the subscription lacks.
 */
export const REJECT_CAUSES = {
  IMSI_UNKNOWN: 2,
  ILLEGAL_MS: 3,
  IMSI_UNKNOWN_IN_VLR: 4,
  GPRS_NOT_ALLOWED: 7,
  PLMN_NOT_ALLOWED: 11,
  ROAMING_NOT_ALLOWED: 13,
  NETWORK_FAILURE: 17,
  MAC_FAILURE: 20,
  SYNCH_FAILURE: 21,
  CONGESTION: 22,
  SERVICE_NOT_SUBSCRIBED: 33,
  INVALID_MANDATORY_INFO: 96,
} as const;

/** A reject cause by name, e.g. `PLMN_NOT_ALLOWED`. */
export type RejectCause = keyof typeof REJECT_CAUSES;

const CAUSE_TEXT: Record<RejectCause, string> = {
  IMSI_UNKNOWN: 'subscriber not found in the home HLR (IMSI unknown)',
  ILLEGAL_MS: 'the subscriber failed authentication (RES did not match)',
  IMSI_UNKNOWN_IN_VLR: 'the visited network has no registration for this IMSI; attach first',
  GPRS_NOT_ALLOWED: 'the subscription does not allow packet services',
  PLMN_NOT_ALLOWED: 'roaming is not allowed in this network (PLMN)',
  ROAMING_NOT_ALLOWED: 'roaming is not allowed for this subscriber here',
  NETWORK_FAILURE: 'a network element did not answer',
  MAC_FAILURE: 'the SIM could not verify the network (MAC failure)',
  SYNCH_FAILURE: 'the SIM found the sequence number stale',
  CONGESTION: 'the network is congested',
  SERVICE_NOT_SUBSCRIBED: 'the subscription does not include this service',
  INVALID_MANDATORY_INFO: 'the request lacked mandatory information',
};

/** Whether `name` is a known reject cause. */
export function isRejectCause(name: unknown): name is RejectCause {
  return typeof name === 'string' && Object.hasOwn(REJECT_CAUSES, name);
}

/**
 * A network refused a procedure with a reject cause. This is an expected
 * outcome of roaming, not a bug: procedures turn it into a `REJECTED` state.
 */
export class RejectError extends RoamError {
  /** The reject cause by name. */
  readonly rejectCause: RejectCause;
  /** The TS 24.008 cause value. */
  readonly causeValue: number;
  /** Why, in words, without the cause name. */
  readonly reason: string;

  constructor(procedure: string, rejectCause: RejectCause, reason?: string) {
    const text = reason ?? CAUSE_TEXT[rejectCause];
    super('ROAM_REJECTED', procedure, `${rejectCause} (#${REJECT_CAUSES[rejectCause]}): ${text}`);
    this.rejectCause = rejectCause;
    this.causeValue = REJECT_CAUSES[rejectCause];
    this.reason = text;
  }
}
