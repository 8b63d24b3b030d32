import { test, expect } from '@playwright/test';
import { compactSamples } from './compact-samples.js';
import { MetricSamples } from './metric-samples.js';
import { evaluateSlo } from './slo.js';
import { sloRecordOf } from './slo-record.js';
import { mergeSloSummaries } from './slo-merge.js';
import { summarizeSlos, type SloSummary, type SloSummaryRow } from './slo-summary.js';

const where = { project: 'core', file: 'specs/peak.roam.yaml', test: 'peak › attach' };

/** The summary one segment's reporter would write: its SLO rows and the samples behind them. */
function segmentSummary(latencies: readonly number[], successes: readonly boolean[]): SloSummary {
  const samples = new MetricSamples();
  for (const v of latencies) samples.add('attach_latency', v, { visited: '208-01' });
  for (const v of successes) samples.add('attach_success', v, { visited: '208-01' });
  const rows: SloSummaryRow[] = [
    { ...where, ...sloRecordOf(evaluateSlo('p(95)<300ms', latencies), 'attach_latency{visited:208-01}') },
    { ...where, ...sloRecordOf(evaluateSlo('rate>=99%', successes), 'attach_success') },
  ];
  return summarizeSlos(rows, new Date(0), [{ ...where, samples: compactSamples(samples) }]);
}

test('segments of one test: each SLO is evaluated again over the union of their samples, not averaged', () => {
  // One segment is fast, the other slow: the p95 of the union is the slow one's, which neither row says alone.
  const fast = Array.from({ length: 100 }, (_, i) => 50 + i);
  const slow = Array.from({ length: 100 }, (_, i) => 200 + 2 * i);
  const a = segmentSummary(fast, Array(100).fill(true));
  const b = segmentSummary(slow, [...Array(98).fill(true), false, false]);
  expect(a.rows[0]!.pass && b.rows[0]!.pass).toBe(false);
  const { summary, unmerged } = mergeSloSummaries([a, b]);
  expect(unmerged).toEqual([]);
  expect(summary.total).toBe(2);
  const latency = summary.rows.find((r) => r.metric.startsWith('attach_latency'))!;
  const union = evaluateSlo('p(95)<300ms', [...fast, ...slow]);
  expect(latency).toMatchObject({ ...where, samples: 200, measured: union.measured, pass: union.pass });
  const success = summary.rows.find((r) => r.metric === 'attach_success')!;
  expect(success).toMatchObject({ samples: 200, measured: 0.99, pass: true });
  // The merged summary carries the union's samples, so merges of merges stay exact.
  expect(summary.samples).toHaveLength(1);
  expect(mergeSloSummaries([summary]).summary.rows).toEqual(summary.rows);
});

test('shards of different tests are put side by side; a check without samples is kept per shard and listed', () => {
  const a = segmentSummary([10, 20], [true, true]);
  const other = { ...a, rows: a.rows.map((r) => ({ ...r, test: 'peak › handoff' })), samples: [] };
  const merged = mergeSloSummaries([a, other]).summary;
  expect(merged.rows.map((r) => r.test).sort()).toEqual(['peak › attach', 'peak › attach', 'peak › handoff', 'peak › handoff']);

  const bare = { ...a, samples: undefined };
  const { summary, unmerged } = mergeSloSummaries([bare, bare]);
  expect(summary.total).toBe(4);
  expect(unmerged).toEqual(['peak › attach › attach_latency{visited:208-01} p(95)<300ms', 'peak › attach › attach_success rate>=99%']);
});
