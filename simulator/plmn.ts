import { InvalidPlmnError } from './domain-errors.js';

/** A PLMN id as users write it: `"MCC-MNC"`, e.g. `"262-01"`. */
export type PlmnId = `${string}-${string}`;

/**
 * A Public Land Mobile Network: one operator in one country, named by its
 * Mobile Country Code and Mobile Network Code (ITU-T E.212).
 */
export interface Plmn {
  /** Three decimal digits, e.g. `"262"` (Germany). */
  readonly mcc: string;
  /** Two or three decimal digits, e.g. `"01"`. Its length matters: `"01"` and `"001"` differ. */
  readonly mnc: string;
  /** `"MCC-MNC"`, the form used in link names and specs. */
  readonly id: PlmnId;
}

const PLMN_PATTERN = /^(\d{3})[-/ ]?(\d{2,3})$/;

/**
 * Parses and validates a PLMN id.
 *
 * Accepts `"262-01"`, `"262/01"`, `"262 01"`, `"26201"` or a {@link Plmn}. An MCC must
 * not start with 0 or 1, since E.212 assigns those to no country, except
 * `001`, the test network used in labs.
 *
 * @throws {InvalidPlmnError} when it is not three MCC digits and two or three MNC digits.
 * @example
 * ```ts
 * parsePlmn('208-01') // { mcc: '208', mnc: '01', id: '208-01' }
 * ```
 */
export function parsePlmn(input: string | Plmn): Plmn {
  if (typeof input === 'object' && input !== null) return parsePlmn(`${input.mcc}-${input.mnc}`);
  if (typeof input !== 'string') throw new InvalidPlmnError(input, 'it is not a string');
  const match = PLMN_PATTERN.exec(input.trim());
  if (!match) throw new InvalidPlmnError(input, 'it is not three MCC digits followed by two or three MNC digits');
  const [, mcc, mnc] = match as unknown as [string, string, string];
  if (!isCountryMcc(mcc)) {
    throw new InvalidPlmnError(input, `MCC ${mcc} starts with ${mcc[0]}, and no country code does (001 is the test network)`);
  }
  return Object.freeze({ mcc, mnc, id: `${mcc}-${mnc}` as PlmnId });
}

/** True when `input` is a well-formed PLMN id. */
export function isPlmnId(input: unknown): input is PlmnId {
  if (typeof input !== 'string') return false;
  const match = PLMN_PATTERN.exec(input.trim());
  return match !== null && isCountryMcc(match[1]!);
}

function isCountryMcc(mcc: string): boolean {
  return mcc === '001' || (mcc[0] !== '0' && mcc[0] !== '1');
}
