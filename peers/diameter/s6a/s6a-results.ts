/**
 * How S6a results and our reject causes map to each other, both ways: the
 * HSS front answers a {@link RejectError} of the home network with the
 * result TS 29.272 §7.4 defines for it, and the MME side turns the result
 * back into the TS 24.008/24.301 cause the subscriber sees, as TS 29.272
 * Annex A suggests and as MMEs let operators configure.
 *
 * @module
 */
import { EXPERIMENTAL_RESULT as E, RESULT_CODE as R, type DiameterResult } from '../../../protocols/diameter/result-codes.js';
import { VENDOR_3GPP } from '../../../protocols/diameter/dictionary.js';
import type { RejectCause } from '../../../simulator/causes.js';

const tgpp = (code: number): DiameterResult => ({ code, vendorId: VENDOR_3GPP });

/** The S6a procedures, for causes whose result depends on the procedure. */
export type S6aProcedure = 'authentication' | 'update-location' | 'purge';

/**
 * The result an HSS answers when the home network rejects with `cause`.
 *
 * | cause | result |
 * |---|---|
 * | IMSI_UNKNOWN | DIAMETER_ERROR_USER_UNKNOWN (5001, 3GPP) |
 * | PLMN_NOT_ALLOWED, ROAMING_NOT_ALLOWED | DIAMETER_ERROR_ROAMING_NOT_ALLOWED (5004, 3GPP) |
 * | GPRS_NOT_ALLOWED, SERVICE_NOT_SUBSCRIBED | DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION (5420, 3GPP) |
 * | ILLEGAL_MS in an authentication (the AUTS did not verify) | DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE (4181, 3GPP) |
 * | CONGESTION | DIAMETER_TOO_BUSY (3004) |
 * | anything else | DIAMETER_UNABLE_TO_COMPLY (5012) |
 */
export function resultForRejectCause(cause: RejectCause, procedure: S6aProcedure): DiameterResult {
  switch (cause) {
    case 'IMSI_UNKNOWN':
      return tgpp(E.DIAMETER_ERROR_USER_UNKNOWN);
    case 'PLMN_NOT_ALLOWED':
    case 'ROAMING_NOT_ALLOWED':
      return tgpp(E.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
    case 'GPRS_NOT_ALLOWED':
    case 'SERVICE_NOT_SUBSCRIBED':
      return tgpp(E.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
    case 'ILLEGAL_MS':
      return procedure === 'authentication' ? tgpp(E.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE) : { code: R.DIAMETER_UNABLE_TO_COMPLY };
    case 'CONGESTION':
      return { code: R.DIAMETER_TOO_BUSY };
    default:
      return { code: R.DIAMETER_UNABLE_TO_COMPLY };
  }
}

/** How an MME maps the results that have more than one reasonable cause. */
export interface S6aCauseMapping {
  /** For DIAMETER_ERROR_ROAMING_NOT_ALLOWED; `PLMN_NOT_ALLOWED` (#11, TS 29.272 Annex A's default) when omitted. */
  readonly roamingNotAllowed?: RejectCause;
  /** For DIAMETER_ERROR_RAT_NOT_ALLOWED; `ROAMING_NOT_ALLOWED` (#13, roaming not allowed in this area) when omitted. */
  readonly ratNotAllowed?: RejectCause;
}

/**
 * The reject cause for a failed S6a result, or undefined when the result
 * has no cause of its own (the caller then fails the procedure, which a
 * VLR reports as NETWORK_FAILURE).
 *
 * @param resync whether the request was a resynchronisation: the HSS refusing vectors then means the SIM's AUTS did not verify.
 */
export function rejectCauseForResult(
  result: DiameterResult,
  options: S6aCauseMapping & { resync?: boolean } = {},
): RejectCause | undefined {
  if (result.vendorId === VENDOR_3GPP) {
    switch (result.code) {
      case E.DIAMETER_ERROR_USER_UNKNOWN:
        return 'IMSI_UNKNOWN';
      case E.DIAMETER_ERROR_ROAMING_NOT_ALLOWED:
        return options.roamingNotAllowed ?? 'PLMN_NOT_ALLOWED';
      case E.DIAMETER_ERROR_RAT_NOT_ALLOWED:
        return options.ratNotAllowed ?? 'ROAMING_NOT_ALLOWED';
      case E.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION:
        return 'GPRS_NOT_ALLOWED';
      case E.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE:
        return options.resync ? 'ILLEGAL_MS' : 'NETWORK_FAILURE';
      default:
        return undefined;
    }
  }
  if (result.vendorId) return undefined;
  switch (result.code) {
    case R.DIAMETER_TOO_BUSY:
      return 'CONGESTION';
    case R.DIAMETER_UNABLE_TO_COMPLY:
      return 'NETWORK_FAILURE';
    case R.DIAMETER_USER_UNKNOWN:
      return 'IMSI_UNKNOWN';
    default:
      return undefined;
  }
}
