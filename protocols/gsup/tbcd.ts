/**
 * TBCD, the digit packing of IMSIs, MSISDNs and IMEIs (3GPP TS 29.002
 * TBCD-STRING / TS 24.008 BCD numbers): two digits a byte, the first digit in
 * the low nibble, an odd count padded with an F in the last high nibble.
 *
 * @module
 */
import { GsupDecodeError, GsupEncodeError } from './codec-errors.js';

/** Nibble values 0x0–0xE as characters; 0xF is the filler. TS 24.008 Table 10.5.118. */
const BCD_ALPHABET = '0123456789*#abc';

/** Which characters a number may hold: IMSIs and IMEIs are digits, MSISDNs may also hold `*#abc`. */
export type TbcdCharset = 'digits' | 'dialled';

function allowed(charset: TbcdCharset): string {
  return charset === 'digits' ? BCD_ALPHABET.slice(0, 10) : BCD_ALPHABET;
}

/**
 * Packs a digit string into TBCD.
 *
 * @param field the message field, for the error.
 * @example
 * ```ts
 * encodeTbcd('901700000000001', 'imsi', 'digits').toString('hex') // '09710000000000f1'
 * ```
 */
export function encodeTbcd(text: string, field: string, charset: TbcdCharset): Buffer {
  const alphabet = allowed(charset);
  const nibbles = [...text.toLowerCase()].map((ch) => alphabet.indexOf(ch));
  const bad = nibbles.indexOf(-1);
  if (bad !== -1) {
    throw new GsupEncodeError(
      field,
      `character ${JSON.stringify(text[bad])} at position ${bad} cannot be packed`,
      charset === 'digits' ? 'decimal digits only' : 'digits and * # a b c only',
    );
  }
  const out = Buffer.alloc(Math.ceil(nibbles.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = nibbles[2 * i]! | ((nibbles[2 * i + 1] ?? 0xf) << 4);
  return out;
}

/**
 * Unpacks TBCD from `message[start, end)`. An F is accepted only as the
 * filler of the last high nibble; anything else that is not a digit of the
 * charset is a {@link GsupDecodeError} at that byte.
 *
 * @param what e.g. "IMSI", for the error.
 */
export function decodeTbcd(message: Buffer, start: number, end: number, what: string, charset: TbcdCharset): string {
  const alphabet = allowed(charset);
  let text = '';
  for (let at = start; at < end; at++) {
    const byte = message[at]!;
    const low = byte & 0x0f;
    const high = byte >> 4;
    text += nibble(low, at, what, alphabet);
    if (high === 0xf && at === end - 1) break;
    text += nibble(high, at, what, alphabet);
  }
  return text;
}

function nibble(value: number, at: number, what: string, alphabet: string): string {
  const ch = alphabet[value];
  if (ch === undefined) {
    const where = value === 0xf ? 'a filler F before the last digit' : `nibble 0x${value.toString(16)}, not a valid ${what} character`;
    throw new GsupDecodeError(at, `${what} has ${where}`);
  }
  return ch;
}
