import { TapDecodeError, TapEncodeError } from './tap3-errors.js';

const ascii = new TextEncoder();
const text = new TextDecoder('latin1');

/** An AsciiString / NumberString / HexString / Currency: the characters as octets. */
export function asciiBytes(value: string): Uint8Array {
  return ascii.encode(value);
}

/** The characters of an octet string field. */
export function asciiOf(bytes: Uint8Array): string {
  return text.decode(bytes);
}

/**
 * A TD.57 BCDString (IMSI, MSISDN): two digits per octet, the first in the
 * high nibble, an odd count filled with F in the last low nibble.
 *
 * @throws {TapEncodeError} for anything but digits.
 */
export function bcdBytes(digits: string, field: string): Uint8Array {
  if (!/^\d+$/.test(digits)) throw new TapEncodeError(field, `it is ${JSON.stringify(digits.replace(/\d(?=\d{4})/g, '*'))}, not digits`);
  const padded = digits.length % 2 ? `${digits}F` : digits;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The digits of a BCDString, up to the first filler nibble. */
export function digitsOf(bytes: Uint8Array): string {
  let digits = '';
  for (const byte of bytes) {
    for (const nibble of [byte >> 4, byte & 0x0f]) {
      if (nibble > 9) return digits;
      digits += String(nibble);
    }
  }
  return digits;
}

/** `CCYYMMDDhhmmss` of a time at a UTC offset like `+0100` (TD.57 LocalTimeStamp). */
export function localTimeStamp(epochMs: number, utcOffset: string): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes(utcOffset) * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
}

/**
 * The time a LocalTimeStamp and its UTC offset name, ms since the epoch.
 *
 * @throws {TapDecodeError} for a stamp that is not 14 digits or an offset not `±hhmm`.
 */
export function epochOf(stamp: string, utcOffset: string, where: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) throw new TapDecodeError(where, `the LocalTimeStamp ${JSON.stringify(stamp)} is not CCYYMMDDhhmmss`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - offsetMinutes(utcOffset, where) * 60_000;
}

function offsetMinutes(offset: string, where = 'a UTC offset'): number {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(offset);
  if (!m) throw new TapDecodeError(where, `the UTC offset ${JSON.stringify(offset)} is not ±hhmm`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** An amount in currency units as TD.57's AbsoluteAmount: a whole number scaled by 10^places. */
export function scaledAmount(amount: number, places: number, field: string): bigint {
  if (!Number.isFinite(amount) || amount < 0) throw new TapEncodeError(field, `the amount ${amount} is not a number of at least 0`);
  return BigInt(Math.round(amount * 10 ** places));
}

/** An AbsoluteAmount back in currency units. */
export function unscaledAmount(value: bigint, places: number): number {
  return Number(value) / 10 ** places;
}
