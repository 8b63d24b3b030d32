import { createRequire } from 'node:module';
import type MccMncList from 'mcc-mnc-list';
import type { Plmn } from '../plmn.js';

// Required (not imported) on the first lookup: the list is a large CommonJS file, which an ESM
// import would scan for its exports on every start, and most processes never look an operator up.
let list: typeof MccMncList | undefined;
/** The MCC/MNC reference data (`mcc-mnc-list`), loaded on the first call. @internal */
export function mccMncList(): typeof MccMncList {
  list ??= createRequire(import.meta.url)('mcc-mnc-list') as typeof MccMncList;
  return list;
}

/** What the E.212 reference data says about one PLMN. */
export interface OperatorInfo {
  /** The brand users know, e.g. `"Telekom"`, or the operator name when there is no brand. */
  readonly brand: string;
  /** The operating company. */
  readonly operator: string;
  /** English country name. */
  readonly country: string;
  /** ISO 3166-1 alpha-2 code, e.g. `"DE"` (some territories have longer codes). */
  readonly countryCode: string;
}

/**
 * Looks up a PLMN in the MCC/MNC reference data (`mcc-mnc-list`, from
 * Wikipedia's list of E.212 codes). Returns `undefined` for codes it does
 * not know, such as test networks.
 *
 * @example
 * ```ts
 * operatorOf(parsePlmn('208-01'))?.brand // 'Orange'
 * ```
 */
export function operatorOf(plmn: Plmn): OperatorInfo | undefined {
  const key = `${plmn.mcc}-${plmn.mnc}`;
  if (operatorCache.has(key)) return operatorCache.get(key);
  const info = lookUpOperator(plmn);
  operatorCache.set(key, info);
  return info;
}

// The list is scanned linearly; subscriber factories ask for the same few codes thousands of times.
const operatorCache = new Map<string, OperatorInfo | undefined>();
const countryCache = new Map<string, string | undefined>();

function lookUpOperator(plmn: Plmn): OperatorInfo | undefined {
  const found = mccMncList().find({ mcc: plmn.mcc, mnc: plmn.mnc });
  if (!found) return undefined;
  return {
    brand: found.brand || found.operator || `${plmn.mcc}-${plmn.mnc}`,
    operator: found.operator || found.brand || '',
    country: found.countryName || '',
    countryCode: (found.countryCode || '').split('-')[0] ?? '',
  };
}

/** The ISO country of an MCC, from any PLMN of that MCC in the reference data. */
export function countryOfMcc(mcc: string): string | undefined {
  if (countryCache.has(mcc)) return countryCache.get(mcc);
  const found = mccMncList().filter({ mcc })[0];
  const country = found?.countryCode?.split('-')[0] || undefined;
  countryCache.set(mcc, country);
  return country;
}
