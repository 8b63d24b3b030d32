/**
 * The digit packings S6a uses: TBCD for MSISDNs (TS 29.329 MSISDN, TS 29.002
 * TBCD-STRING: two digits a byte, the first in the low nibble, an odd count
 * padded with F) and the 3-octet PLMN identity of Visited-PLMN-Id (TS 24.008
 * §10.5.1.13: MCC digit 2|1, MNC digit 3|MCC digit 3, MNC digit 2|1, with F
 * for a two-digit MNC).
 *
 * @module
 */
import { DiameterDecodeError, DiameterEncodeError } from './errors.js';

const DIGITS = '0123456789*#abc';

/**
 * Packs digits into TBCD.
 *
 * @example
 * ```ts
 * encodeTbcd('491720000001').toString('hex') // '947102000010'
 * ```
 */
export function encodeTbcd(digits: string, field = 'MSISDN'): Buffer {
  const out = Buffer.alloc((digits.length + 1) >> 1);
  for (let i = 0; i < digits.length; i++) {
    const nibble = DIGITS.indexOf(digits[i]!.toLowerCase());
    if (nibble < 0)
      throw new DiameterEncodeError(
        field,
        `character ${JSON.stringify(digits[i])} at position ${i} is not a TBCD digit`,
        'digits (and * # a b c) only',
      );
    out[i >> 1]! |= i & 1 ? nibble << 4 : nibble;
  }
  if (digits.length & 1) out[out.length - 1]! |= 0xf0;
  return out;
}

/** Unpacks TBCD into digits, stopping at the F filler. */
export function decodeTbcd(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const low = bytes[i]! & 0x0f;
    const high = bytes[i]! >> 4;
    if (low === 0x0f) break;
    out += DIGITS[low];
    if (high === 0x0f) break;
    out += DIGITS[high];
  }
  return out;
}

const PLMN_TEXT = /^(\d{3})-?(\d{2,3})$/;

/**
 * The 3-octet PLMN identity of `"MCC-MNC"`.
 *
 * @example
 * ```ts
 * encodePlmnId('262-01').toString('hex') // '62f210'
 * ```
 */
export function encodePlmnId(plmn: string): Buffer {
  const match = PLMN_TEXT.exec(plmn);
  if (!match)
    throw new DiameterEncodeError(
      'PLMN id',
      `${JSON.stringify(plmn)} is not MCC-MNC`,
      'three MCC digits and two or three MNC digits, e.g. "262-01"',
    );
  const [mcc, mnc] = [match[1]!, match[2]!].map((s) => [...s].map(Number)) as [number[], number[]];
  return Buffer.from([(mcc[1]! << 4) | mcc[0]!, ((mnc.length === 3 ? mnc[2]! : 0xf) << 4) | mcc[2]!, (mnc[1]! << 4) | mnc[0]!]);
}

/**
 * `"MCC-MNC"` from a 3-octet PLMN identity.
 *
 * @throws {DiameterDecodeError} for a length other than 3 or a nibble that is not a digit.
 */
export function decodePlmnId(bytes: Uint8Array): string {
  if (bytes.length !== 3) throw new DiameterDecodeError('PLMN id', 0, `it is ${bytes.length} bytes, not 3`, { resultCode: 5014 });
  const nibbles = [bytes[0]! & 0xf, bytes[0]! >> 4, bytes[1]! & 0xf, bytes[2]! & 0xf, bytes[2]! >> 4, bytes[1]! >> 4];
  const bad = nibbles.findIndex((n, i) => n > 9 && !(i === 5 && n === 0xf));
  if (bad >= 0)
    throw new DiameterDecodeError('PLMN id', bad >> 1, `nibble ${nibbles[bad]!.toString(16)} is not a digit`, { resultCode: 5004 });
  const [m1, m2, m3, n1, n2, n3] = nibbles as [number, number, number, number, number, number];
  return `${m1}${m2}${m3}-${n1}${n2}${n3 === 0xf ? '' : n3}`;
}
