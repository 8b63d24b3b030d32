import { escapeMarkup } from '../charts/svg-text.js';
import { toCsv } from './csv.js';
import { columnsOf, reportFields, type IdentityPseudonyms, type ReportRow } from './report-fields.js';

/** One finding of a reconciliation, whatever fields the billing side gives it (session, subscriber, amounts, ...). */
export type ReconciliationFinding = object;

/**
 * What a billing reconciliation found when comparing the CDRs billing
 * recorded with what subscribers really did. Structural: the simulator's
 * reconciliation result fits as it is.
 */
export interface ReconciliationReport {
  /** Usage that happened but was never billed. */
  readonly missing: readonly ReconciliationFinding[];
  /** Usage billed more than once. */
  readonly duplicated: readonly ReconciliationFinding[];
  /** Usage billed at the wrong tariff or amount. */
  readonly misRated: readonly ReconciliationFinding[];
  /** Billed records for usage that never happened; shown only when the reconciliation has the field. */
  readonly unexpected?: readonly ReconciliationFinding[];
  /** Usage billed to another subscriber or home network; shown only when the reconciliation has the field. */
  readonly wrongSubscriber?: readonly ReconciliationFinding[];
  /** Usage billed in another visited network; shown only when the reconciliation has the field. */
  readonly wrongNetwork?: readonly ReconciliationFinding[];
  /** Billing sessions never closed; shown only when the reconciliation has the field. */
  readonly openAtEnd?: readonly ReconciliationFinding[];
  /** Charging events not delivered to billing yet; shown only when the reconciliation has the field. */
  readonly inFlight?: readonly ReconciliationFinding[];
}

/** How the reconciliation tables are written. */
export interface ReconciliationTableOptions {
  /** Pseudonyms for IMSIs and MSISDNs in findings, usually the run's `IdentityHasher`; without it they show as `[redacted]`. */
  readonly identities?: IdentityPseudonyms;
  /** Heading of the HTML page. */
  readonly title?: string;
}

const KINDS = [
  ['missing', 'Missing', 'used but never billed'],
  ['duplicated', 'Duplicated', 'billed more than once'],
  ['misRated', 'Mis-rated', 'billed at the wrong tariff or amount'],
  ['unexpected', 'Unexpected', 'billed but never used'],
  ['wrongSubscriber', 'Wrong subscriber', 'billed to another subscriber or home network'],
  ['wrongNetwork', 'Wrong network', 'billed in another visited network'],
  ['openAtEnd', 'Open at end', 'started in billing, never closed'],
  ['inFlight', 'In flight', 'charging not delivered to billing yet'],
] as const;

type Kind = (typeof KINDS)[number];
const OPTIONAL = new Set<Kind[0]>(['unexpected', 'wrongSubscriber', 'wrongNetwork', 'openAtEnd', 'inFlight']);

/** The kinds this report has: the optional ones only when the reconciliation reports them. */
function kindsOf(report: ReconciliationReport): readonly Kind[] {
  return KINDS.filter(([kind]) => !OPTIONAL.has(kind) || report[kind] !== undefined);
}

function findings(report: ReconciliationReport, kind: Kind[0]): readonly ReconciliationFinding[] {
  return report[kind] ?? [];
}

/** Whether a reconciliation found no drift at all. */
export function isReconciled(report: ReconciliationReport): boolean {
  return KINDS.every(([kind]) => findings(report, kind).length === 0);
}

/**
 * The reconciliation as CSV (RFC 4180, CRLF): a `finding` column
 * (`missing`, `duplicated`, `misRated`) then every field any finding has.
 * Cells that a spreadsheet would run as a formula are prefixed with `'`.
 *
 * @example
 * ```ts
 * await writeFile('reconciliation.csv', reconciliationCsv(result, { identities: world.hasher }));
 * ```
 */
export function reconciliationCsv(report: ReconciliationReport, options: ReconciliationTableOptions = {}): string {
  const rows = kindsOf(report).flatMap(([kind]) =>
    findings(report, kind).map((finding) => new Map([['finding', kind], ...reportFields(finding, options.identities)]) as ReportRow),
  );
  const columns = columnsOf(rows.length ? rows : [new Map([['finding', '']])]);
  return toCsv([columns, ...rows.map((row) => columns.map((c) => row.get(c) ?? ''))]);
}

/**
 * The reconciliation as a self-contained HTML page (inline style, no scripts,
 * nothing loaded from anywhere): a summary of the counts, then one table per
 * kind of finding.
 *
 * @example
 * ```ts
 * await allure.attachment('Billing reconciliation', reconciliationHtml(result, { identities: world.hasher }), 'text/html');
 * ```
 */
export function reconciliationHtml(report: ReconciliationReport, options: ReconciliationTableOptions = {}): string {
  const title = options.title ?? 'Billing reconciliation';
  const verdict = isReconciled(report)
    ? '<p class="ok">Reconciled: every charge matches what the subscribers did.</p>'
    : `<p class="drift">Drift: ${kindsOf(report)
        .filter(([kind]) => !OPTIONAL.has(kind) || kind === 'unexpected' || findings(report, kind).length > 0)
        .map(([kind, name]) => `${findings(report, kind).length} ${name.toLowerCase()}`)
        .join(', ')}.</p>`;
  const summary = kindsOf(report).map(
    ([kind, name, meaning]) =>
      `<tr><th scope="row">${name}</th><td>${meaning}</td><td class="n">${findings(report, kind).length}</td></tr>`,
  );
  const sections = kindsOf(report)
    .filter(([kind]) => findings(report, kind).length > 0)
    .map(([kind, name]) =>
      table(
        `${name} (${findings(report, kind).length})`,
        findings(report, kind).map((finding) => reportFields(finding, options.identities)),
      ),
    );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeMarkup(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;color:#24292f;margin:16px}
table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1a7f37}.drift{color:#cf222e;font-weight:600}
</style></head><body>
<h1>${escapeMarkup(title)}</h1>
${verdict}
<table><thead><tr><th>Finding</th><th>Meaning</th><th>Count</th></tr></thead><tbody>${summary.join('')}</tbody></table>
${sections.join('\n')}
</body></html>
`;
}

function table(caption: string, rows: readonly ReportRow[]): string {
  const columns = columnsOf(rows);
  const head = columns.map((c) => `<th scope="col">${escapeMarkup(c)}</th>`).join('');
  const body = rows.map((row) => `<tr>${columns.map((c) => `<td>${escapeMarkup(row.get(c) ?? '')}</td>`).join('')}</tr>`).join('\n');
  return `<h2>${escapeMarkup(caption)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
