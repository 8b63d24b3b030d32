/**
 * Errors of the Diameter codec. A decode error names the byte offset (from
 * the start of the message) and, when it is inside one, the AVP that failed,
 * so a capture can be checked by hand against the spot; it also carries the
 * RFC 6733 result code an answer to the broken request should carry.
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';

const PEER_HINT =
  'Make sure the peer speaks Diameter (RFC 6733) over TCP and that nothing in between rewrites the stream; open the pcap of the run in Wireshark to see the bytes';

/** Result codes (RFC 6733 §7.1) a decode failure maps to. */
export const DECODE_RESULT = {
  /** 3008: a header bit or the version is wrong. */
  invalidHeaderBits: 3008,
  /** 3009: an AVP has reserved flag bits set. */
  invalidAvpBits: 3009,
  /** 5004: an AVP value is not valid for its type. */
  invalidAvpValue: 5004,
  /** 5014: an AVP length runs past its container or is too short for its header. */
  invalidAvpLength: 5014,
  /** 5015: the message length is not a multiple of 4, too short or too long. */
  invalidMessageLength: 5015,
} as const;

/**
 * Bytes that are not a well-formed Diameter message, or an AVP value that is
 * not valid for its type.
 *
 * @example
 * ```ts
 * try { decodeMessage(bytes) } catch (e) { if (e instanceof DiameterDecodeError) console.log(e.offset, e.avpCode) }
 * ```
 */
export class DiameterDecodeError extends RoamError {
  /** Byte offset of the problem from the start of the message (or of the AVP data, for a typed value). */
  readonly offset: number;
  /** The AVP that failed, when the problem is inside one. */
  readonly avpCode: number | undefined;
  /** The vendor of {@link avpCode} (0 for IETF AVPs). */
  readonly vendorId: number | undefined;
  /** The result code (RFC 6733 §7.1) an answer to the message should carry. */
  readonly resultCode: number;
  /** True when the stream cannot be resynchronised (a bad header): the connection must close. */
  readonly fatal: boolean;

  constructor(
    what: string,
    offset: number,
    cause: string,
    options: { avpCode?: number; vendorId?: number; resultCode?: number; fatal?: boolean } = {},
  ) {
    const avp = options.avpCode === undefined ? '' : `, AVP ${options.avpCode}${options.vendorId ? ` (vendor ${options.vendorId})` : ''}`;
    super('ROAM_DIAMETER_DECODE', `decode ${what}`, `${cause} (at byte offset ${offset}${avp})`, { hint: PEER_HINT });
    this.offset = offset;
    this.avpCode = options.avpCode;
    this.vendorId = options.vendorId;
    this.resultCode = options.resultCode ?? DECODE_RESULT.invalidAvpValue;
    this.fatal = options.fatal ?? false;
  }
}

/**
 * A Diameter message we were asked to send cannot be encoded: a value out of
 * range or not of the AVP's type.
 *
 * @example
 * ```ts
 * encodeMessage({ ..., avps: [avp(BASE.ResultCode, -1)] }) // throws DiameterEncodeError (field "Result-Code")
 * ```
 */
export class DiameterEncodeError extends RoamError {
  /** The AVP or header field that was wrong, e.g. `Result-Code`, `commandCode`. */
  readonly field: string;

  constructor(field: string, cause: string, expected: string) {
    super('ROAM_DIAMETER_ENCODE', `encode Diameter ${field}`, cause, { hint: `Give ${expected}` });
    this.field = field;
  }
}
