/**
 * Checking provisioning arguments before they reach osmo-hlr: a stray space
 * or line break would change the VTY command, and keys must never be echoed
 * into an error, so a bad key is reported without its value.
 *
 * @module
 */
import { InvalidIdentityError } from '../../simulator/domain-errors.js';

/** An IMSI: 6 to 15 digits, as osmo-hlr's `osmo_imsi_str_valid` wants. */
export function checkImsi(imsi: string): string {
  if (!/^\d{6,15}$/.test(imsi))
    throw new InvalidIdentityError('imsi', JSON.stringify(imsi), 'it is not 6 to 15 digits', 'a string of 6 to 15 decimal digits');
  return imsi;
}

/** An MSISDN: 1 to 15 digits. */
export function checkMsisdn(msisdn: string): string {
  if (!/^\d{1,15}$/.test(msisdn))
    throw new InvalidIdentityError(
      'msisdn',
      JSON.stringify(msisdn),
      'it is not 1 to 15 digits',
      'a string of 1 to 15 decimal digits, no "+"',
    );
  return msisdn;
}

/** A 128-bit key (K, OPc, OP, Ki) as 32 hex digits, lowercased. Its value never appears in the error. */
export function checkKey(field: 'k' | 'opc' | 'op' | 'ki', key: string): string {
  if (!/^[0-9a-fA-F]{32}$/.test(key)) {
    throw new InvalidIdentityError(
      field,
      '(value redacted)',
      `it is ${key.length} characters, not 32 hex digits`,
      '32 hexadecimal digits (128 bits)',
    );
  }
  return key.toLowerCase();
}

/** IND bit length of Milenage SQN management: 0 to 28. */
export function checkIndBitlen(bits: number): number {
  if (!Number.isInteger(bits) || bits < 0 || bits > 28) {
    throw new InvalidIdentityError(
      'indBitlen',
      String(bits),
      'it is not an integer from 0 to 28',
      'an integer from 0 to 28 (osmo-hlr default: 5)',
    );
  }
  return bits;
}
