// The reference list loads on the first check, not with every module that can check a PLMN.
import { mccMncList } from './operators.js';
import { isPlmnId, parsePlmn } from '../plmn.js';

/** The MCC of E.212's internal-use codes: private networks, which do not roam. */
const INTERNAL_USE_MCC = '999';

/**
 * Why a PLMN cannot be a network of a roaming world, or undefined when it
 * can: it must be in the MCC/MNC reference data (E.212, through
 * `mcc-mnc-list`), and not an internal-use code (MCC 999, private networks
 * that never roam). The test network 001-01 is listed, for labs. Malformed
 * ids are left to the PLMN grammar.
 *
 * @example
 * ```ts
 * roamingNetworkProblem('208-01') // undefined
 * roamingNetworkProblem('999-99') // '999-99 does not roam: MCC 999 is for internal use in private networks. ...'
 * ```
 */
export function roamingNetworkProblem(id: string): string | undefined {
  if (!isPlmnId(id)) return undefined;
  const plmn = parsePlmn(id);
  if (plmn.mcc === INTERNAL_USE_MCC) {
    return `${plmn.id} does not roam: MCC ${INTERNAL_USE_MCC} is for internal use in private networks. Use a public network, e.g. 208-01, or the test network 001-01`;
  }
  if (mccMncList().find({ mcc: plmn.mcc, mnc: plmn.mnc })) return undefined;
  const sameCountry = mccMncList()
    .filter({ mcc: plmn.mcc })
    .filter((entry) => entry.status === 'Operational' && entry.mnc)
    .slice(0, 3)
    .map((entry) => `${plmn.mcc}-${entry.mnc}${entry.brand || entry.operator ? ` (${entry.brand || entry.operator})` : ''}`);
  const suggestion = sameCountry.length
    ? `networks of MCC ${plmn.mcc} include ${sameCountry.join(', ')}`
    : `no network has MCC ${plmn.mcc}`;
  return `${plmn.id} is not in the MCC/MNC reference data (E.212): ${suggestion}; the test network is 001-01`;
}
