import { createRequire } from 'node:module';
import type { CountryCode } from 'libphonenumber-js/max';
import { parseMsisdn, type Msisdn } from '../identity.js';

type PhoneNumbers = typeof import('libphonenumber-js/max');
type Examples = (typeof import('libphonenumber-js/mobile/examples'))['default'];

let loaded: { phone: PhoneNumbers; examples: Examples } | undefined;

/**
 * libphonenumber's full metadata, read on first use rather than on import:
 * it is a few hundred milliseconds of start-up that only making or checking
 * an MSISDN needs. Required (its CommonJS build), so these functions stay
 * synchronous.
 */
function libphonenumber(): { phone: PhoneNumbers; examples: Examples } {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = {
      phone: require('libphonenumber-js/max') as PhoneNumbers,
      examples: require('libphonenumber-js/mobile/examples') as Examples,
    };
  }
  return loaded;
}

/** A source of random decimal digits, so callers can make numbers deterministic. */
export type DigitSource = (count: number) => string;

/**
 * Makes a mobile MSISDN that is valid for the country (libphonenumber's
 * metadata), by keeping the country's example mobile number's leading digits
 * and drawing the rest. Falls back to the country calling code plus random
 * digits for countries without an example.
 *
 * @param country ISO 3166-1 alpha-2 code, e.g. `"DE"`.
 * @param digits where the random digits come from (seeded faker in practice).
 */
export function mobileMsisdnFor(country: string, digits: DigitSource): Msisdn {
  const { phone, examples } = libphonenumber();
  const code = country.toUpperCase() as CountryCode;
  const example = safe(() => phone.getExampleNumber(code, examples));
  if (!example) return parseMsisdn(`+${safe(() => phone.getCountryCallingCode(code)) ?? '999'}${digits(9)}`);
  const national = example.nationalNumber;
  // Keep a prefix that fixes the mobile range, then draw the subscriber part.
  const keep = Math.min(3, Math.max(1, national.length - 6));
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = `+${example.countryCallingCode}${national.slice(0, keep)}${digits(national.length - keep)}`;
    if (isValidMobileMsisdn(candidate)) return parseMsisdn(candidate);
  }
  return parseMsisdn(example.number);
}

/** True when libphonenumber's metadata calls `msisdn` a valid mobile number. */
export function isValidMobileMsisdn(msisdn: string): boolean {
  const parsed = libphonenumber().phone.parsePhoneNumberFromString(msisdn);
  if (parsed === undefined || !parsed.isValid()) return false;
  // Numbering plans such as NANP do not tell mobile from fixed numbers.
  const type = parsed.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
