import type { SloRecord } from './slo-record.js';
import type { CompactSamples } from './compact-samples.js';

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
 * The summary as an aligned plain-text table for the console.
 *
 * @example
 * ```ts
 * console.log(sloSummaryTable(summary));
 * ```
 */
export function sloSummaryTable(summary: SloSummary): string {
  if (summary.total === 0) return '[roam] SLO summary: no SLO was checked in this run.\n';
  const lines = [[...HEADERS], ...summary.rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const render = (line: string[]) =>
    line
      .map((cell, c) => (c === 3 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [
    `[roam] SLO summary: ${summary.met} met, ${summary.breached} breached, of ${summary.total}`,
    render(lines[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.slice(1).map(render),
    '',
  ].join('\n');
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
