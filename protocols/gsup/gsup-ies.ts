/**
 * GSUP information element tags (libosmocore `enum osmo_gsup_iei`). Every IE
 * is `tag (1 byte) | length (1 byte) | value`; the auth tuple and PDP info
 * IEs nest further IEs of the same form in their value.
 *
 * @module
 */

/** IE tags by name. */
export const GsupIe = {
  Imsi: 0x01,
  Cause: 0x02,
  AuthTuple: 0x03,
  PdpInfoComplete: 0x04,
  PdpInfo: 0x05,
  CancelType: 0x06,
  FreezePtmsi: 0x07,
  Msisdn: 0x08,
  HlrNumber: 0x09,
  MessageClass: 0x0a,
  PdpContextId: 0x10,
  PdpType: 0x11,
  AccessPointName: 0x12,
  PdpQos: 0x13,
  ChargingCharacteristics: 0x14,
  Rand: 0x20,
  Sres: 0x21,
  Kc: 0x22,
  Ik: 0x23,
  Ck: 0x24,
  Autn: 0x25,
  Auts: 0x26,
  Res: 0x27,
  CnDomain: 0x28,
  SupportedRatTypes: 0x29,
  CurrentRatType: 0x2a,
  SessionId: 0x30,
  SessionState: 0x31,
  SsInfo: 0x35,
  SmRpMr: 0x40,
  SmRpDa: 0x41,
  SmRpOa: 0x42,
  SmRpUi: 0x43,
  SmRpCause: 0x44,
  SmRpMms: 0x45,
  SmAlertReason: 0x46,
  Imei: 0x50,
  ImeiResult: 0x51,
  NumVectorsRequested: 0x52,
  SourceName: 0x60,
  DestinationName: 0x61,
  AnApdu: 0x62,
  CauseRr: 0x63,
  CauseBssap: 0x64,
  CauseSm: 0x65,
} as const;

const NAMES = new Map<number, string>(Object.entries(GsupIe).map(([name, value]) => [value, name]));

/**
 * `0x03 (AuthTuple)`: a tag with its name, for error messages.
 *
 * @example
 * ```ts
 * describeGsupIe(0x26) // '0x26 (Auts)'
 * ```
 */
export function describeGsupIe(tag: number): string {
  const hex = `0x${tag.toString(16).padStart(2, '0')}`;
  const name = NAMES.get(tag);
  return name ? `${hex} (${name})` : hex;
}
