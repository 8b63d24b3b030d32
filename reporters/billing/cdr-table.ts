import { toCsv } from './csv.js';
import { columnsOf, reportFields, type IdentityPseudonyms } from './report-fields.js';

/**
 * Records (CDRs, rated CDRs, usage) as CSV with every field they have, IMSIs
 * and MSISDNs replaced by pseudonyms (or `[redacted]` without `identities`)
 * and SIM secrets dropped. Empty input gives a header-only `record` column.
 *
 * @example
 * ```ts
 * await writeFile('cdrs-208-01.csv', cdrsCsv(sim.billedRecords().filter((r) => r.visitedPlmn === '208-01'), sim.hasher));
 * ```
 */
export function cdrsCsv(records: readonly object[], identities?: IdentityPseudonyms): string {
  const rows = records.map((record) => reportFields(record, identities));
  const columns = columnsOf(rows.length ? rows : [new Map([['record', '']])]);
  return toCsv([columns, ...rows.map((row) => columns.map((c) => row.get(c) ?? ''))]);
}
