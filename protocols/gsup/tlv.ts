/**
 * Reading GSUP's `tag | length | value` sequences with bounds checks, so a
 * short or lying length becomes a {@link GsupDecodeError} naming the offset
 * instead of a RangeError or a silent over-read.
 *
 * @module
 */
import { GsupDecodeError, GsupEncodeError } from './codec-errors.js';
import { describeGsupIe } from './gsup-ies.js';

/** One IE: its tag, its value and where it sits in the message. */
export interface GsupTlv {
  readonly tag: number;
  readonly value: Buffer;
  /** Offset of the tag byte from the start of the message. */
  readonly at: number;
}

/**
 * Splits `message[start, end)` into IEs. Offsets stay relative to the whole
 * message so nested IEs report where they really are.
 *
 * @param where what is being read, for the error message ("the message", "auth tuple at 14").
 */
export function readTlvs(message: Buffer, start: number, end: number, where: string): GsupTlv[] {
  const out: GsupTlv[] = [];
  let at = start;
  while (at < end) {
    if (at + 2 > end) throw new GsupDecodeError(at, `an IE header in ${where} is cut short: 1 byte left where tag and length need 2`);
    const tag = message[at]!;
    const length = message[at + 1]!;
    if (at + 2 + length > end) {
      throw new GsupDecodeError(at, `IE ${describeGsupIe(tag)} in ${where} says ${length} bytes but only ${end - at - 2} remain`);
    }
    out.push({ tag, value: message.subarray(at + 2, at + 2 + length), at });
    at += 2 + length;
  }
  return out;
}

/**
 * Throws unless an IE has one of the allowed lengths.
 *
 * @param what e.g. "RAND"; @param allowed the lengths accepted.
 */
export function expectLength(tlv: GsupTlv, what: string, allowed: readonly number[]): void {
  if (!allowed.includes(tlv.value.length)) {
    const want = allowed.length === 1 ? `${allowed[0]}` : `one of ${allowed.join(', ')}`;
    throw new GsupDecodeError(tlv.at, `${what} IE ${describeGsupIe(tlv.tag)} is ${tlv.value.length} bytes long, expected ${want}`);
  }
}

/** Throws unless an IE's length is within [min, max]. */
export function expectLengthBetween(tlv: GsupTlv, what: string, min: number, max: number): void {
  if (tlv.value.length < min || tlv.value.length > max) {
    throw new GsupDecodeError(tlv.at, `${what} IE ${describeGsupIe(tlv.tag)} is ${tlv.value.length} bytes long, expected ${min} to ${max}`);
  }
}

/**
 * Appends `tag | length | value` to a list of parts; checks the value fits in one length byte.
 *
 * @param field the message field the value came from, for the error.
 */
export function pushTlv(parts: Buffer[], tag: number, value: Uint8Array | readonly number[], field: string): void {
  if (value.length > 0xff) {
    throw new GsupEncodeError(
      field,
      `its IE ${describeGsupIe(tag)} would be ${value.length} bytes long`,
      'a value that encodes to at most 255 bytes',
    );
  }
  parts.push(Buffer.from([tag, value.length]), Buffer.from(value));
}
