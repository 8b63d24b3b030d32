/**
 * One SLO summary from the summaries of the shards and segments of a run.
 *
 * Shards (Playwright `--shard`) run different tests: their rows are simply
 * put together. Segments (`roam run --segment`) run the same test on
 * different subscribers: a p95 of the whole is not a function of the
 * segments' p95s, so each SLO a test checked in several segments is
 * evaluated again over the union of the segments' samples, which each
 * summary carries. Rows whose samples are missing are kept as they were,
 * and listed, rather than merged wrongly.
 *
 * @module
 */
import { expandSamples, compactSamples, type CompactSamples } from './compact-samples.js';
import { MetricSamples, parseMetricSelector } from './metric-samples.js';
import { evaluateSlo, parseSlo } from './slo.js';
import { sloRecordOf } from './slo-record.js';
import { summarizeSlos, type SloSummary, type SloSummaryRow, type TestSamples } from './slo-summary.js';

/** A merged summary, and the rows that could not be evaluated again (no samples), as `test › metric SLO`. */
export interface MergedSloSummary {
  readonly summary: SloSummary;
  readonly unmerged: readonly string[];
}

const testKey = (t: { project: string; file: string; test: string }) => JSON.stringify([t.project, t.file, t.test]);

/**
 * Merges SLO summaries: the union of their tests, each SLO checked in
 * several of them evaluated again over all their samples.
 *
 * @example
 * ```ts
 * const { summary } = mergeSloSummaries([segment1, segment2]);
 * ```
 */
export function mergeSloSummaries(inputs: readonly SloSummary[], now: Date = new Date()): MergedSloSummary {
  const samplesByTest = new Map<string, { at: TestSamples; parts: CompactSamples[] }>();
  for (const input of inputs) {
    for (const entry of input.samples ?? []) {
      const key = testKey(entry);
      const known = samplesByTest.get(key);
      if (known) known.parts.push(entry.samples);
      else samplesByTest.set(key, { at: entry, parts: [entry.samples] });
    }
  }
  const rowsByCheck = new Map<string, SloSummaryRow[]>();
  for (const input of inputs) {
    for (const row of input.rows) {
      const key = JSON.stringify([testKey(row), row.metric, row.slo, row.negated]);
      rowsByCheck.set(key, [...(rowsByCheck.get(key) ?? []), row]);
    }
  }
  const rows: SloSummaryRow[] = [];
  const unmerged: string[] = [];
  for (const checks of rowsByCheck.values()) {
    const first = checks[0]!;
    if (checks.length === 1) {
      rows.push(first);
      continue;
    }
    const held = samplesByTest.get(testKey(first));
    const evaluated = held && held.parts.length >= checks.length ? reevaluate(first, held.parts) : undefined;
    if (evaluated) rows.push(evaluated);
    else {
      rows.push(...checks);
      unmerged.push(`${first.test} › ${first.metric} ${first.slo}`);
    }
  }
  const samples = [...samplesByTest.values()].map(({ at, parts }) => ({
    project: at.project,
    file: at.file,
    test: at.test,
    samples: parts.length === 1 ? parts[0]! : compactSamples(parts.reduce((all, part) => expandSamples(part, all), new MetricSamples())),
  }));
  return { summary: summarizeSlos(rows, now, samples), unmerged };
}

/** The check of `row` made again over every part's samples; undefined when its metric or SLO cannot be read back. */
function reevaluate(row: SloSummaryRow, parts: readonly CompactSamples[]): SloSummaryRow | undefined {
  try {
    const selector = parseMetricSelector(row.metric);
    const slo = parseSlo(row.slo);
    const all = parts.reduce((into, part) => expandSamples(part, into), new MetricSamples());
    const record = sloRecordOf(evaluateSlo(slo, all.select(selector).map(Number)), row.metric, row.negated);
    return { ...row, ...record };
  } catch {
    return undefined;
  }
}
