/**
 * Decodes Diameter messages (RFC 6733 §3, §4.1): the header, then every AVP
 * with its flags, vendor and padding, recursing into the AVPs the dictionary
 * knows as Grouped. Every length is checked against its container before it
 * is trusted, so truncated or garbage bytes end in a {@link DiameterDecodeError}
 * naming the offset and AVP, never in a crash or a read past the end.
 *
 * @module
 */
import { fixedLength } from './avp-types.js';
import { DIAMETER_DICTIONARY } from './default-dictionary.js';
import type { DiameterDictionary } from './dictionary.js';
import { DECODE_RESULT, DiameterDecodeError } from './errors.js';
import { AVP_FLAG, COMMAND_FLAG, DIAMETER_VERSION, DecodedAvp, HEADER_LENGTH, type DiameterMessage } from './message.js';

/** Grouped AVPs nest at most this deep; deeper is refused as garbage. */
export const MAX_GROUP_DEPTH = 16;

const RESERVED_COMMAND_FLAGS = 0x0f;
const RESERVED_AVP_FLAGS = 0x1f;

/**
 * Decodes one whole message (exactly the bytes of its length field).
 *
 * @throws {DiameterDecodeError} with the byte offset (and AVP) of the first problem.
 * @example
 * ```ts
 * const message = decodeMessage(frame);
 * message.commandCode // 318
 * ```
 */
export function decodeMessage(bytes: Buffer, dictionary: DiameterDictionary = DIAMETER_DICTIONARY): DiameterMessage {
  checkHeader(bytes, bytes.length);
  const length = bytes.readUInt32BE(0) & 0xff_ffff;
  if (length !== bytes.length)
    throw new DiameterDecodeError('Diameter message', 1, `the header says ${length} bytes, there are ${bytes.length}`, {
      resultCode: DECODE_RESULT.invalidMessageLength,
      fatal: true,
    });
  const flags = bytes[4]!;
  if (
    (flags & RESERVED_COMMAND_FLAGS) !== 0 ||
    (flags & (COMMAND_FLAG.request | COMMAND_FLAG.error)) === (COMMAND_FLAG.request | COMMAND_FLAG.error)
  )
    throw new DiameterDecodeError('Diameter header', 4, `command flags 0x${flags.toString(16)} have reserved bits or both R and E set`, {
      resultCode: DECODE_RESULT.invalidHeaderBits,
    });
  return {
    flags,
    commandCode: bytes.readUInt32BE(4) & 0xff_ffff,
    applicationId: bytes.readUInt32BE(8),
    hopByHopId: bytes.readUInt32BE(12),
    endToEndId: bytes.readUInt32BE(16),
    length,
    avps: decodeAvpList(bytes, HEADER_LENGTH, length, dictionary, 0),
  };
}

/**
 * Checks the first bytes of a message as a stream reader sees them: version
 * 1, a length of at least 20, a multiple of 4, and at most `maxLength`.
 * Returns the length. These problems leave a TCP stream out of step, so the
 * errors are `fatal`.
 *
 * @throws {DiameterDecodeError} (fatal).
 */
export function checkHeader(bytes: Buffer, maxLength: number): number {
  if (bytes.length < 4)
    throw new DiameterDecodeError('Diameter header', bytes.length, `only ${bytes.length} bytes, a header has ${HEADER_LENGTH}`, {
      resultCode: DECODE_RESULT.invalidMessageLength,
      fatal: true,
    });
  if (bytes[0] !== DIAMETER_VERSION)
    throw new DiameterDecodeError('Diameter header', 0, `version ${bytes[0]}, not ${DIAMETER_VERSION}`, {
      resultCode: DECODE_RESULT.invalidHeaderBits,
      fatal: true,
    });
  const length = bytes.readUInt32BE(0) & 0xff_ffff;
  if (length < HEADER_LENGTH || length % 4 !== 0)
    throw new DiameterDecodeError(
      'Diameter header',
      1,
      `message length ${length} is ${length < HEADER_LENGTH ? `shorter than the ${HEADER_LENGTH}-byte header` : 'not a multiple of 4'}`,
      {
        resultCode: DECODE_RESULT.invalidMessageLength,
        fatal: true,
      },
    );
  if (length > maxLength)
    throw new DiameterDecodeError('Diameter header', 1, `message length ${length} is more than the ${maxLength} bytes allowed`, {
      resultCode: DECODE_RESULT.invalidMessageLength,
      fatal: true,
    });
  return length;
}

/** Decodes the AVPs between `start` and `end` of `bytes` (a message or a grouped AVP's data). */
export function decodeAvpList(bytes: Buffer, start: number, end: number, dictionary: DiameterDictionary, depth: number): DecodedAvp[] {
  const avps: DecodedAvp[] = [];
  let offset = start;
  while (offset < end) {
    if (end - offset < 8) throw lengthError(offset, `${end - offset} bytes left, an AVP header has 8`);
    const code = bytes.readUInt32BE(offset);
    const flags = bytes[offset + 4]!;
    const length = bytes.readUInt32BE(offset + 4) & 0xff_ffff;
    const vendored = (flags & AVP_FLAG.vendor) !== 0;
    const headerLength = vendored ? 12 : 8;
    if (vendored && end - offset < 12) throw lengthError(offset, `${end - offset} bytes left, a vendor AVP header has 12`, code);
    const vendorId = vendored ? bytes.readUInt32BE(offset + 8) : 0;
    if ((flags & RESERVED_AVP_FLAGS) !== 0)
      throw new DiameterDecodeError('Diameter AVP', offset + 4, `AVP flags 0x${flags.toString(16)} have reserved bits set`, {
        avpCode: code,
        vendorId,
        resultCode: DECODE_RESULT.invalidAvpBits,
      });
    if (length < headerLength)
      throw lengthError(offset + 5, `AVP length ${length} is shorter than its ${headerLength}-byte header`, code, vendorId);
    if (offset + length > end)
      throw lengthError(offset + 5, `AVP length ${length} runs ${offset + length - end} bytes past its container`, code, vendorId);
    // Some peers leave the last AVP of a group unpadded; the group's own padding covers it.
    const padded = Math.min(end, offset + length + ((4 - (length & 3)) & 3));
    const dataOffset = offset + headerLength;
    const dataLength = length - headerLength;
    const def = dictionary.avp(code, vendorId);
    let children: DecodedAvp[] | undefined;
    if (def?.type === 'Grouped') {
      if (depth >= MAX_GROUP_DEPTH) throw lengthError(offset, `grouped AVPs nest deeper than ${MAX_GROUP_DEPTH}`, code, vendorId);
      children = decodeAvpList(bytes, dataOffset, dataOffset + dataLength, dictionary, depth + 1);
    } else if (def) {
      const fixed = fixedLength(def.type);
      if (fixed > 0 && dataLength !== fixed)
        throw lengthError(offset + 5, `${def.name} is a ${def.type} of ${fixed} bytes, this one has ${dataLength}`, code, vendorId);
    }
    avps.push(new DecodedAvp(code, flags, vendorId, bytes, dataOffset, dataLength, offset, children));
    offset = padded;
  }
  return avps;
}

function lengthError(offset: number, cause: string, avpCode?: number, vendorId?: number): DiameterDecodeError {
  return new DiameterDecodeError('Diameter AVP', offset, cause, {
    ...(avpCode === undefined ? {} : { avpCode }),
    ...(vendorId === undefined ? {} : { vendorId }),
    resultCode: DECODE_RESULT.invalidAvpLength,
  });
}
