import type { SloRecord } from './slo-record.js';
import type { CompactSamples } from './compact-samples.js';
import { wrapText } from '../core/text-wrap.js';

/** One SLO check in the summary, with the test it was made in. */
export interface SloSummaryRow extends SloRecord {
  /** The test's title path below the file, e.g. `specs/attach.roam.yaml › IR24-LU-01: …`. */
  readonly test: string;
  /** The test file, relative to the folder of the Playwright config. */
  readonly file: string;
  readonly project: string;
}

/** The samples one test measured, kept so summaries of segments of a run can be merged and re-evaluated. */
export interface TestSamples {
  readonly project: string;
  readonly file: string;
  readonly test: string;
  readonly samples: CompactSamples;
}

/** Every SLO of a run with its verdict; also the JSON written as `slo-summary.json`. */
export interface SloSummary {
  readonly generatedAt: string;
  readonly total: number;
  readonly met: number;
  readonly breached: number;
  readonly rows: readonly SloSummaryRow[];
  /** The samples of each test that checked an SLO, when the reporter had them. */
  readonly samples?: readonly TestSamples[];
}

const HEADERS = ['test', 'metric', 'SLO', 'measured', 'samples', 'verdict'] as const;

/**
 * Sums up SLO rows.
 *
 * @example
 * ```ts
 * summarizeSlos(rows).breached // 1
 * ```
 */
export function summarizeSlos(rows: readonly SloSummaryRow[], now: Date = new Date(), samples?: readonly TestSamples[]): SloSummary {
  const met = rows.filter((r) => r.pass).length;
  return {
    generatedAt: now.toISOString(),
    total: rows.length,
    met,
    breached: rows.length - met,
    rows,
    ...(samples?.length ? { samples } : {}),
  };
}

/** The verdict word of a row: `met` or `BREACHED`. */
export function verdictOf(row: SloRecord): string {
  return row.pass ? 'met' : 'BREACHED';
}

function cells(row: SloSummaryRow): string[] {
  return [row.test, row.metric, row.slo, row.measuredText, String(row.samples), verdictOf(row)];
}

/**
 * The summary as an aligned plain-text table for the console. With a
 * `width` (a terminal's, see `terminalWidth`), the test, SLO and metric
 * columns are narrowed in that order and their cells wrap onto more lines,
 * so no row runs past the edge.
 *
 * @example
 * ```ts
 * console.log(sloSummaryTable(summary, { width: terminalWidth() }));
 * ```
 */
export function sloSummaryTable(summary: SloSummary, options: { width?: number | undefined } = {}): string {
  if (summary.total === 0) return '[roam] SLO summary: no SLO was checked in this run.\n';
  const lines = [[...HEADERS], ...summary.rows.map(cells)];
  const widths = fitColumns(
    HEADERS.map((_, c) => Math.max(...lines.map((l) => l[c]!.length))),
    options.width,
  );
  const render = (line: string[]) => {
    const wrapped = line.map((cell, c) => wrapText(cell, widths[c]));
    return Array.from({ length: Math.max(...wrapped.map((w) => w.length)) }, (_, i) =>
      wrapped
        .map((parts, c) => (c === 3 || c === 4 ? (parts[i] ?? '').padStart(widths[c]!) : (parts[i] ?? '').padEnd(widths[c]!)))
        .join(GAP)
        .trimEnd(),
    );
  };
  return [
    ...wrapText(`[roam] SLO summary: ${summary.met} met, ${summary.breached} breached, of ${summary.total}`, options.width),
    ...render(lines[0]!),
    widths.map((w) => '-'.repeat(w)).join(GAP),
    ...lines.slice(1).flatMap(render),
    '',
  ].join('\n');
}

const GAP = '  ';
/** Columns that may be narrowed, most expendable first (test, SLO, metric), and how narrow each may get. */
const SHRINKABLE: readonly (readonly [column: number, min: number])[] = [
  [0, 16],
  [2, 10],
  [1, 10],
];

/** Column widths narrowed until the row fits `width`, as far as the columns' minimums allow. */
function fitColumns(natural: readonly number[], width: number | undefined): number[] {
  const widths = [...natural];
  if (width === undefined) return widths;
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1) - width;
  for (const [column, min] of SHRINKABLE) {
    if (excess <= 0) break;
    const take = Math.min(excess, Math.max(0, widths[column]! - min));
    widths[column] = widths[column]! - take;
    excess -= take;
  }
  return widths;
}

/**
 * The summary as GitHub-flavoured Markdown, for a CI job summary.
 *
 * @example
 * ```ts
 * await appendFile(process.env.GITHUB_STEP_SUMMARY!, sloSummaryMarkdown(summary));
 * ```
 */
export function sloSummaryMarkdown(summary: SloSummary): string {
  const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
  const rows = summary.rows.map((row) => {
    const [test, metric, , measured, samples] = cells(row).map(escape);
    // A code span shows its text as it is, so the SLO only needs its pipes escaped.
    return `| ${test} | ${metric} | \`${row.slo.replace(/\|/g, '\\|')}\` | ${measured} | ${samples} | ${row.pass ? '✅ met' : '❌ breached'} |`;
  });
  return [
    '## SLO summary',
    '',
    summary.total === 0 ? 'No SLO was checked in this run.' : `**${summary.met} met, ${summary.breached} breached**, of ${summary.total}.`,
    '',
    ...(summary.total ? ['| test | metric | SLO | measured | samples | verdict |', '|---|---|---|---:|---:|---|', ...rows, ''] : []),
  ].join('\n');
}
