/**
 * Errors of the wire codecs (IPA framing, CCM, GSUP). Each names what could
 * not be decoded and the byte offset of the problem, so a capture can be
 * checked by hand against the spot that failed.
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';

/** Shown after every decode failure: what usually causes it. */
const PEER_HINT =
  'Make sure the peer is an Osmocom GSUP/CTRL endpoint (osmo-hlr port 4222 or 4259, not the VTY on 4258) and that nothing in between rewrites the stream';

/**
 * Bytes on an IPA connection that are not a well-formed IPA frame or CCM
 * message.
 *
 * @example
 * ```ts
 * try { decoder.push(chunk) } catch (e) { if (e instanceof IpaDecodeError) console.log(e.offset) }
 * ```
 */
export class IpaDecodeError extends RoamError {
  /** Byte offset of the problem: in the stream for frames, in the payload for CCM. */
  readonly offset: number;

  constructor(what: string, offset: number, cause: string) {
    super('ROAM_IPA_DECODE', `decode ${what}`, `${cause} (at byte offset ${offset})`, { hint: PEER_HINT });
    this.offset = offset;
  }
}

/**
 * A GSUP message that does not decode: unknown message type, a truncated or
 * oversized IE, a wrong fixed length, a bad TBCD digit...
 *
 * @example
 * ```ts
 * try { decodeGsup(bytes) } catch (e) { if (e instanceof GsupDecodeError) console.log(e.offset, e.message) }
 * ```
 */
export class GsupDecodeError extends RoamError {
  /** Byte offset of the problem from the start of the GSUP message (its message type byte). */
  readonly offset: number;

  constructor(offset: number, cause: string) {
    super('ROAM_GSUP_DECODE', 'decode GSUP message', `${cause} (at byte offset ${offset})`, { hint: PEER_HINT });
    this.offset = offset;
  }
}

/**
 * A GSUP message we were asked to send cannot be encoded: a field is out of
 * range or not in the form the protocol needs.
 *
 * @example
 * ```ts
 * encodeGsup({ type: 0x08, imsi: '12ab' }) // throws GsupEncodeError (field "imsi")
 * ```
 */
export class GsupEncodeError extends RoamError {
  /** The message field that was wrong, e.g. `imsi`, `authTuples[0].rand`. */
  readonly field: string;

  constructor(field: string, cause: string, expected: string) {
    super('ROAM_GSUP_ENCODE', `encode GSUP field ${field}`, cause, { hint: `Give ${expected}` });
    this.field = field;
  }
}

/**
 * A payload too large for one IPA frame (its length field is 16 bits).
 *
 * @example
 * ```ts
 * encodeIpaFrame(IpaProtocol.Osmo, Buffer.alloc(70_000)) // throws IpaEncodeError
 * ```
 */
export class IpaEncodeError extends RoamError {
  constructor(cause: string) {
    super('ROAM_IPA_ENCODE', 'encode IPA frame', cause, { hint: 'Send less data per message; an IPA payload holds at most 65535 bytes' });
  }
}
