import { test, expect } from '@playwright/test';
import { evaluateSlo } from './slo.js';
import { metricFromTitle, readSloRecords, SLO_ANNOTATION, sloRecordOf } from './slo-record.js';
import { sloSummaryMarkdown, sloSummaryTable, summarizeSlos, type SloSummaryRow } from './slo-summary.js';

const row = (slo: string, sample: number[] | boolean[], metric = 'attach_latency'): SloSummaryRow => ({
  ...sloRecordOf(evaluateSlo(slo, sample), metric),
  test: 'IR24-LU-01 | a roamer',
  file: 'tests/a.spec.ts',
  project: '',
});

test('records round-trip through annotations, and foreign ones are skipped', () => {
  const record = sloRecordOf(evaluateSlo('p(95)<450ms', [100, 200, 300]), 'attach_latency');
  const annotations = [
    { type: 'spec', description: 'x.yaml:1' },
    { type: SLO_ANNOTATION, description: JSON.stringify(record) },
    { type: SLO_ANNOTATION, description: 'not json' },
  ];
  expect(readSloRecords(annotations)).toEqual([record]);
  expect(sloRecordOf(evaluateSlo('avg<1ms', []), 'x').measured).toBeNull();
});

test('the metric comes from the assertion message without the SLO', () => {
  expect(metricFromTitle('attach_latency p(95)<450ms', 'p(95)<450ms')).toBe('attach_latency');
  expect(metricFromTitle('Expect "toMeetSlo"', 'p(95)<450ms')).toBe('sample');
  expect(metricFromTitle(undefined, 'p(95)<450ms')).toBe('sample');
});

test('the table and the Markdown show every SLO with target, measured value, samples and verdict', () => {
  const summary = summarizeSlos([row('p(95)<450ms', [100, 200, 300]), row('rate>=99.5%', [true, false], 'attach_success')]);
  expect(summary).toMatchObject({ total: 2, met: 1, breached: 1 });
  const table = sloSummaryTable(summary);
  expect(table).toContain('[roam] SLO summary: 1 met, 1 breached, of 2');
  expect(table).toMatch(/attach_latency\s+p\(95\)<450ms\s+290ms\s+3\s+met/);
  expect(table).toMatch(/attach_success\s+rate>=99\.5%\s+50%\s+2\s+BREACHED/);
  const markdown = sloSummaryMarkdown(summary);
  expect(markdown).toContain('| IR24-LU-01 \\| a roamer | attach_latency | `p(95)<450ms` | 290ms | 3 | ✅ met |');
  expect(markdown).toContain('| ❌ breached |');
  expect(sloSummaryTable(summarizeSlos([]))).toContain('no SLO was checked');
});

test('with a width, long test titles wrap inside their column and every line fits; without one, rows stay whole', () => {
  const long: SloSummaryRow = {
    ...row('p(95)<450ms', [100, 200, 300]),
    test: 'attach.roam.yaml › IR24-LU-01: a German roamer attaches in France over a slow inter-PLMN link',
  };
  const summary = summarizeSlos([long, row('rate>=99.5%', [true, false], 'attach_success')]);
  const whole = sloSummaryTable(summary);
  expect(whole.split('\n').some((line) => line.length > 80)).toBe(true);
  const fitted = sloSummaryTable(summary, { width: 80 });
  const lines = fitted.trimEnd().split('\n');
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
  // The first row's other cells stay on its first line; its title continues below, in the test column.
  expect(fitted).toMatch(/^attach\.roam\.yaml ›\s+attach_latency\s+p\(95\)<450ms\s+290ms\s+3\s+met$/m);
  const title = lines
    .slice(3, lines.findIndex((l) => l.includes('attach_success')))
    .map((l) => l.slice(0, l.indexOf('  ') === -1 ? l.length : l.search(/ {2,}/)).trim())
    .join(' ');
  expect(title).toBe(long.test);
  expect(fitted).toMatch(/attach_success\s+rate>=99\.5%\s+50%\s+2\s+BREACHED/);
});
