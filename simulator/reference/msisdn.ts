import { createRequire } from 'node:module';
import type { CountryCode, Examples } from 'libphonenumber-js/max';
import { parseMsisdn, type Msisdn } from '../identity.js';

type PhoneNumbers = typeof import('libphonenumber-js/max');

// libphonenumber's full metadata is loaded when the first number is made or checked, not on import.
let loaded: { readonly phone: PhoneNumbers; readonly examples: Examples } | undefined;
function libphonenumber(): { readonly phone: PhoneNumbers; readonly examples: Examples } {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const examples = require('libphonenumber-js/mobile/examples') as Examples | { default: Examples };
    loaded = {
      phone: require('libphonenumber-js/max') as PhoneNumbers,
      examples: 'default' in examples ? (examples.default as Examples) : examples,
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
  const code = country.toUpperCase() as CountryCode;
  const { phone, examples } = libphonenumber();
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
