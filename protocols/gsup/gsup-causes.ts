/**
 * The cause values GSUP carries in its Cause IE: GMM causes of 3GPP TS 24.008
 * §10.5.5.14, which osmo-hlr uses for CS and PS alike.
 *
 * @module
 */

/** GMM cause values by name. */
export const GsupCause = {
  IMSI_UNKNOWN: 0x02,
  ILLEGAL_MS: 0x03,
  IMEI_NOT_ACCEPTED: 0x05,
  ILLEGAL_ME: 0x06,
  GPRS_NOT_ALLOWED: 0x07,
  GPRS_AND_NON_GPRS_NOT_ALLOWED: 0x08,
  MS_IDENTITY_NOT_DERIVED: 0x09,
  IMPLICITLY_DETACHED: 0x0a,
  PLMN_NOT_ALLOWED: 0x0b,
  LA_NOT_ALLOWED: 0x0c,
  ROAMING_NOT_ALLOWED: 0x0d,
  GPRS_NOT_ALLOWED_IN_PLMN: 0x0e,
  NO_SUITABLE_CELL_IN_LA: 0x0f,
  MSC_TEMPORARILY_NOT_REACHABLE: 0x10,
  NETWORK_FAILURE: 0x11,
  MAC_FAILURE: 0x14,
  SYNCH_FAILURE: 0x15,
  CONGESTION: 0x16,
  GSM_AUTH_UNACCEPTABLE: 0x17,
  NOT_AUTHORIZED_FOR_CSG: 0x19,
  SMS_VIA_GPRS_IN_RA_NOT_ALLOWED: 0x1c,
  NO_PDP_CONTEXT_ACTIVATED: 0x28,
  SEMANTICALLY_INCORRECT_MESSAGE: 0x5f,
  INVALID_MANDATORY_INFO: 0x60,
  MESSAGE_TYPE_NOT_IMPLEMENTED: 0x61,
  MESSAGE_TYPE_NOT_COMPATIBLE_WITH_STATE: 0x62,
  IE_NOT_IMPLEMENTED: 0x63,
  CONDITIONAL_IE_ERROR: 0x64,
  MESSAGE_NOT_COMPATIBLE_WITH_STATE: 0x65,
  PROTOCOL_ERROR_UNSPECIFIED: 0x6f,
} as const;

/** A cause name from {@link GsupCause}. */
export type GsupCauseName = keyof typeof GsupCause;

const NAMES = new Map<number, GsupCauseName>(Object.entries(GsupCause).map(([name, value]) => [value, name as GsupCauseName]));

/**
 * The name of a cause value; `UNKNOWN_CAUSE_0x..` for one not in the table.
 *
 * @example
 * ```ts
 * gsupCauseName(0x02) // 'IMSI_UNKNOWN'
 * ```
 */
export function gsupCauseName(cause: number): GsupCauseName | `UNKNOWN_CAUSE_0x${string}` {
  return NAMES.get(cause) ?? `UNKNOWN_CAUSE_0x${cause.toString(16).padStart(2, '0')}`;
}
