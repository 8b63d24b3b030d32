import { InvalidIdentityError } from './domain-errors.js';
import type { Plmn } from './plmn.js';

/** An International Mobile Subscriber Identity: MCC + MNC + MSIN, 15 digits at most (3GPP TS 23.003). */
export type Imsi = string & { readonly __brand: 'Imsi' };
/** A subscriber's E.164 number, digits only with a leading `+`, e.g. `+4915123456789`. */
export type Msisdn = string & { readonly __brand: 'Msisdn' };

/**
 * Validates an IMSI, optionally against the home PLMN it must start with.
 *
 * @throws {InvalidIdentityError} naming the value and what a valid one looks like.
 * @example
 * ```ts
 * parseImsi('262011234567890', parsePlmn('262-01'))
 * ```
 */
export function parseImsi(value: unknown, home?: Plmn): Imsi {
  const expected = home
    ? `15 digits starting with the home MCC+MNC ${home.mcc}${home.mnc}, e.g. ${home.mcc}${home.mnc}${'0'.repeat(15 - home.mcc.length - home.mnc.length)}`
    : '6 to 15 decimal digits: MCC, MNC, then MSIN, e.g. 262011234567890';
  if (typeof value !== 'string') throw new InvalidIdentityError('IMSI', String(value), 'it is not a string', expected);
  if (!/^\d{6,15}$/.test(value)) {
    throw new InvalidIdentityError('IMSI', JSON.stringify(value), 'it is not 6 to 15 decimal digits', expected);
  }
  if (home && !value.startsWith(home.mcc + home.mnc)) {
    throw new InvalidIdentityError('IMSI', JSON.stringify(value), `it does not start with ${home.mcc}${home.mnc}`, expected);
  }
  return value as Imsi;
}

/**
 * Validates and normalises an MSISDN to `+` and digits (spaces, dashes and
 * dots are dropped; `00` becomes `+`).
 *
 * @throws {InvalidIdentityError} when it is not an E.164 number.
 */
export function parseMsisdn(value: unknown): Msisdn {
  const expected = 'an E.164 number: "+", a country code, then up to 15 digits in all, e.g. +4915123456789';
  if (typeof value !== 'string') throw new InvalidIdentityError('MSISDN', String(value), 'it is not a string', expected);
  const compact = value.replace(/[\s.()-]/g, '').replace(/^00/, '+');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (!/^[1-9]\d{5,14}$/.test(digits)) {
    throw new InvalidIdentityError('MSISDN', JSON.stringify(value), 'it is not 6 to 15 digits without a leading 0', expected);
  }
  return `+${digits}` as Msisdn;
}

/**
 * Validates a 128-bit secret (K or OPc) given as 32 hex digits, and returns its bytes.
 * The value is never echoed in the error, since it is a secret.
 *
 * @throws {InvalidIdentityError} when it is not 32 hex digits.
 */
export function parseKey128(field: 'K' | 'OPc' | 'OP' | 'Ki', value: unknown): Buffer {
  const expected = '32 hexadecimal digits (128 bits)';
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    if (value.length !== 16) throw new InvalidIdentityError(field, '(bytes)', `it is ${value.length} bytes, not 16`, expected);
    return Buffer.from(value);
  }
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{32}$/.test(value)) {
    const length = typeof value === 'string' ? `${value.length} characters` : typeof value;
    throw new InvalidIdentityError(field, '(value hidden)', `it is ${length}, not 32 hex digits`, expected);
  }
  return Buffer.from(value, 'hex');
}
