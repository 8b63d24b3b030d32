/**
 * Result codes: the base protocol's and credit control's (Result-Code, RFC
 * 6733 §7.1 and RFC 4006 §9) and 3GPP's S6a codes, which travel in an
 * Experimental-Result with Vendor-Id 10415 (TS 29.272 §7.4, TS 29.230 §8).
 * The same number can mean different things in the two: 5004 is
 * DIAMETER_INVALID_AVP_VALUE as a Result-Code and
 * DIAMETER_ERROR_ROAMING_NOT_ALLOWED as a 3GPP experimental result.
 *
 * @module
 */
import { VENDOR_3GPP } from './dictionary.js';

/** Result-Code values. */
export const RESULT_CODE = {
  DIAMETER_SUCCESS: 2001,
  DIAMETER_LIMITED_SUCCESS: 2002,
  DIAMETER_COMMAND_UNSUPPORTED: 3001,
  DIAMETER_UNABLE_TO_DELIVER: 3002,
  DIAMETER_REALM_NOT_SERVED: 3003,
  DIAMETER_TOO_BUSY: 3004,
  DIAMETER_LOOP_DETECTED: 3005,
  DIAMETER_APPLICATION_UNSUPPORTED: 3007,
  DIAMETER_INVALID_HDR_BITS: 3008,
  DIAMETER_INVALID_AVP_BITS: 3009,
  DIAMETER_UNKNOWN_PEER: 3010,
  DIAMETER_AUTHENTICATION_REJECTED: 4001,
  DIAMETER_END_USER_SERVICE_DENIED: 4010,
  DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE: 4011,
  DIAMETER_CREDIT_LIMIT_REACHED: 4012,
  DIAMETER_AVP_UNSUPPORTED: 5001,
  DIAMETER_UNKNOWN_SESSION_ID: 5002,
  DIAMETER_AUTHORIZATION_REJECTED: 5003,
  DIAMETER_INVALID_AVP_VALUE: 5004,
  DIAMETER_MISSING_AVP: 5005,
  DIAMETER_NO_COMMON_APPLICATION: 5010,
  DIAMETER_UNABLE_TO_COMPLY: 5012,
  DIAMETER_INVALID_AVP_LENGTH: 5014,
  DIAMETER_INVALID_MESSAGE_LENGTH: 5015,
  DIAMETER_USER_UNKNOWN: 5030,
  DIAMETER_RATING_FAILED: 5031,
} as const;

/** 3GPP experimental result codes of S6a (vendor 10415). */
export const EXPERIMENTAL_RESULT = {
  DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE: 4181,
  DIAMETER_ERROR_USER_UNKNOWN: 5001,
  DIAMETER_ERROR_ROAMING_NOT_ALLOWED: 5004,
  DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION: 5420,
  DIAMETER_ERROR_RAT_NOT_ALLOWED: 5421,
  DIAMETER_ERROR_EQUIPMENT_UNKNOWN: 5422,
  DIAMETER_ERROR_UNKNOWN_SERVING_NODE: 5423,
} as const;

/** What an answer said: a Result-Code, or an Experimental-Result with its vendor. */
export interface DiameterResult {
  readonly code: number;
  /** Set for an Experimental-Result: the vendor whose code it is (10415 for 3GPP). */
  readonly vendorId?: number;
}

/** The outcome classes of RFC 6733 §7.1, by the thousands digit. */
export type ResultClass = 'informational' | 'success' | 'protocol-error' | 'transient-failure' | 'permanent-failure' | 'unknown';

/** The class of a result code. */
export function resultClass(code: number): ResultClass {
  const thousands = Math.floor(code / 1000);
  return (
    (['unknown', 'informational', 'success', 'protocol-error', 'transient-failure', 'permanent-failure'] as const)[thousands] ?? 'unknown'
  );
}

/** Whether an answer's result is a success (2xxx). */
export function isSuccess(result: DiameterResult): boolean {
  return resultClass(result.code) === 'success';
}

const BASE_NAMES = new Map<number, string>(Object.entries(RESULT_CODE).map(([name, code]) => [code, name]));
const TGPP_NAMES = new Map<number, string>(Object.entries(EXPERIMENTAL_RESULT).map(([name, code]) => [code, name]));

/**
 * The name of a result, e.g. `DIAMETER_ERROR_USER_UNKNOWN (5001, 3GPP)`.
 *
 * @example
 * ```ts
 * resultName({ code: 4012 }) // 'DIAMETER_CREDIT_LIMIT_REACHED (4012)'
 * ```
 */
export function resultName(result: DiameterResult): string {
  if (result.vendorId === undefined || result.vendorId === 0) return `${BASE_NAMES.get(result.code) ?? 'result'} (${result.code})`;
  if (result.vendorId === VENDOR_3GPP) return `${TGPP_NAMES.get(result.code) ?? 'experimental result'} (${result.code}, 3GPP)`;
  return `experimental result ${result.code} of vendor ${result.vendorId}`;
}
