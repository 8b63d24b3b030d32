/**
 * GSUP message types (libosmocore `enum osmo_gsup_message_type`). A request,
 * its error and its result differ only in the low two bits: 00 request,
 * 01 error, 10 result. With no transaction id on the wire, that shared upper
 * part (the "family") plus the IMSI is how replies are matched.
 *
 * @module
 */

/** Every GSUP message type libosmocore 1.7 knows. */
export const GsupMessageType = {
  UpdateLocationRequest: 0x04,
  UpdateLocationError: 0x05,
  UpdateLocationResult: 0x06,
  SendAuthInfoRequest: 0x08,
  SendAuthInfoError: 0x09,
  SendAuthInfoResult: 0x0a,
  AuthFailReport: 0x0b,
  PurgeMsRequest: 0x0c,
  PurgeMsError: 0x0d,
  PurgeMsResult: 0x0e,
  InsertSubscriberDataRequest: 0x10,
  InsertSubscriberDataError: 0x11,
  InsertSubscriberDataResult: 0x12,
  DeleteSubscriberDataRequest: 0x14,
  DeleteSubscriberDataError: 0x15,
  DeleteSubscriberDataResult: 0x16,
  LocationCancelRequest: 0x1c,
  LocationCancelError: 0x1d,
  LocationCancelResult: 0x1e,
  ProcessSsRequest: 0x20,
  ProcessSsError: 0x21,
  ProcessSsResult: 0x22,
  MoForwardSmRequest: 0x24,
  MoForwardSmError: 0x25,
  MoForwardSmResult: 0x26,
  MtForwardSmRequest: 0x28,
  MtForwardSmError: 0x29,
  MtForwardSmResult: 0x2a,
  ReadyForSmRequest: 0x2c,
  ReadyForSmError: 0x2d,
  ReadyForSmResult: 0x2e,
  CheckImeiRequest: 0x30,
  CheckImeiError: 0x31,
  CheckImeiResult: 0x32,
  EPrepareHandoverRequest: 0x34,
  EPrepareHandoverError: 0x35,
  EPrepareHandoverResult: 0x36,
  EPrepareSubsequentHandoverRequest: 0x38,
  EPrepareSubsequentHandoverError: 0x39,
  EPrepareSubsequentHandoverResult: 0x3a,
  ESendEndSignalRequest: 0x3c,
  ESendEndSignalError: 0x3d,
  ESendEndSignalResult: 0x3e,
  EProcessAccessSignallingRequest: 0x40,
  EForwardAccessSignallingRequest: 0x44,
  EClose: 0x47,
  EAbort: 0x4b,
  ERoutingError: 0x4e,
} as const;

/** The name of a GSUP message type, as in {@link GsupMessageType}. */
export type GsupMessageTypeName = keyof typeof GsupMessageType;

const NAMES = new Map<number, GsupMessageTypeName>(
  Object.entries(GsupMessageType).map(([name, value]) => [value, name as GsupMessageTypeName]),
);

/**
 * Whether a byte is a message type libosmocore knows.
 *
 * @example
 * ```ts
 * isKnownGsupMessageType(0x08) // true
 * ```
 */
export function isKnownGsupMessageType(type: number): boolean {
  return NAMES.has(type);
}

/**
 * The readable name of a message type, or `0x..` for an unknown one.
 *
 * @example
 * ```ts
 * gsupMessageTypeName(0x0a) // 'SendAuthInfoResult'
 * ```
 */
export function gsupMessageTypeName(type: number): string {
  return NAMES.get(type) ?? `0x${type.toString(16).padStart(2, '0')}`;
}

/** Whether a message asks (request), refuses (error) or answers (result). */
export type GsupMessageKind = 'request' | 'error' | 'result' | 'other';

/**
 * The kind of a message type, from its low two bits.
 *
 * @example
 * ```ts
 * gsupMessageKind(0x09) // 'error'
 * ```
 */
export function gsupMessageKind(type: number): GsupMessageKind {
  switch (type & 0b11) {
    case 0b00:
      return 'request';
    case 0b01:
      return 'error';
    case 0b10:
      return 'result';
    default:
      return 'other';
  }
}

/**
 * The family of a message type: the request type it belongs to (low bits cleared).
 *
 * @example
 * ```ts
 * gsupMessageFamily(0x0a) === GsupMessageType.SendAuthInfoRequest // true
 * ```
 */
export function gsupMessageFamily(type: number): number {
  return type & 0xfc;
}

/**
 * The error or result type answering a request type.
 *
 * @example
 * ```ts
 * gsupReplyType(GsupMessageType.InsertSubscriberDataRequest, 'result') // 0x12
 * ```
 */
export function gsupReplyType(requestType: number, kind: 'error' | 'result'): number {
  return gsupMessageFamily(requestType) | (kind === 'error' ? 0b01 : 0b10);
}
