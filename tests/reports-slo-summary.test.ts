import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateSlo, formatMeasured } from '../metrics/slo.js';
import type { SloSummary } from '../metrics/slo-summary.js';
import { repoRoot, writeInlineProject } from './support/inline-project.js';

// The SLO summary reporter as a user configures it, on a small project run by
// Playwright in a subprocess against the built package (run `npm run build` first).
test.describe.configure({ timeout: 120_000 });

const LATENCIES = [112, 140, 151, 163, 170, 188, 201, 230, 260, 310, 333, 347];
const SUCCESS = [true, true, true, true, true, true, true, false];

const CONFIG = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  workers: 1,
  reporter: [['list'], ['roaming-harness/reporters/slo-summary', { outputDir: 'out/slo' }]],
  use: { roaming: { home: ['262-01'], visited: ['208-01'] } },
});
`;

const SPEC = `
scenario: A German roamer attaches in France
id: IR24-LU-01
world:
  home: { plmn: 262-01 }
  visited: [{ plmn: 208-01 }]
subscribers:
  travellers: { count: 2 }
steps:
  - attach: { who: travellers, visited: 208-01 }
expect:
  slo:
    attach_latency: 'p(95)<5000ms'
    attach_success: 'rate>=50%'
`;

const TESTS = `
import { test, expect } from 'roaming-harness';
import { specs } from 'roaming-harness/specs';

const LATENCIES = ${JSON.stringify(LATENCIES)};
const SUCCESS = ${JSON.stringify(SUCCESS)};

specs('specs/*.roam.yaml');

test('attach latency meets its SLOs', () => {
  expect(LATENCIES, 'attach_latency p(95)<450ms').toMeetSlo('p(95)<450ms');
  expect(LATENCIES).toMeetSlo('avg<300ms', { metric: 'attach_latency' });
});

test('the attach success rate misses its SLO', () => {
  expect.soft(SUCCESS).toMeetSlo('rate>=99.5%', { metric: 'attach_success' });
  expect(SUCCESS).not.toMeetSlo('rate>=100%', { metric: 'attach_success' });
});
`;

test('the SLO summary prints, and writes as Markdown and JSON, the numbers the matchers computed', async () => {
  const project = writeInlineProject('reports-slo', {
    'playwright.config.ts': CONFIG,
    'specs/attach.roam.yaml': SPEC,
    'tests/slo.spec.ts': TESTS,
  });
  // Playwright resolves reporter names from the project's node_modules, as after `npm install roaming-harness`.
  mkdirSync(join(project.dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(project.dir, 'node_modules', 'roaming-harness'), 'dir');
  try {
    const { code, output } = await project.run();
    expect(code, output).toBe(1);
    expect(output).toContain('2 passed');
    expect(output).toContain('1 failed');

    const summary = JSON.parse(readFileSync(join(project.dir, 'out', 'slo', 'slo-summary.json'), 'utf8')) as SloSummary;
    const markdown = readFileSync(join(project.dir, 'out', 'slo', 'slo-summary.md'), 'utf8');
    const expected = [
      { test: 'attach latency meets its SLOs', metric: 'attach_latency', slo: 'p(95)<450ms', sample: LATENCIES, negated: false },
      { test: 'attach latency meets its SLOs', metric: 'attach_latency', slo: 'avg<300ms', sample: LATENCIES, negated: false },
      { test: 'the attach success rate misses its SLO', metric: 'attach_success', slo: 'rate>=99.5%', sample: SUCCESS, negated: false },
      { test: 'the attach success rate misses its SLO', metric: 'attach_success', slo: 'rate>=100%', sample: SUCCESS, negated: true },
    ];
    for (const e of expected) {
      const verdict = evaluateSlo(e.slo, e.sample);
      const row = summary.rows.find((r) => r.test === e.test && r.slo === e.slo);
      expect(row, `${e.test} ${e.slo}`).toEqual({
        metric: e.metric,
        slo: e.slo,
        measured: verdict.measured,
        measuredText: formatMeasured(verdict.slo, verdict.measured),
        samples: e.sample.length,
        pass: verdict.pass,
        negated: e.negated,
        test: e.test,
        file: 'tests/slo.spec.ts',
        project: '',
      });
      const measured = formatMeasured(verdict.slo, verdict.measured).replace(/[.()[\]]/g, '\\$&');
      const slo = e.slo.replace(/[.()[\]]/g, '\\$&');
      const word = verdict.pass ? 'met' : 'BREACHED';
      expect(output).toMatch(new RegExp(`${e.test}\\s+${e.metric}\\s+${slo}\\s+${measured}\\s+${e.sample.length}\\s+${word}`));
      expect(markdown).toContain(
        `| ${e.test} | ${e.metric} | \`${e.slo}\` | ${formatMeasured(verdict.slo, verdict.measured)} | ${e.sample.length} | ${verdict.pass ? '✅ met' : '❌ breached'} |`,
      );
    }

    // The YAML scenario's SLOs are named after the metric in the spec.
    const fromSpec = summary.rows.filter((r) => r.test.endsWith('IR24-LU-01: A German roamer attaches in France'));
    expect(fromSpec.map((r) => [r.metric, r.slo, r.samples, r.pass])).toEqual([
      ['attach_latency', 'p(95)<5000ms', 2, true],
      ['attach_success', 'rate>=50%', 2, true],
    ]);
    expect(summary).toMatchObject({ total: 6, met: 4, breached: 2 });
    expect(output).toContain('[roam] SLO summary: 4 met, 2 breached, of 6');
  } finally {
    project.remove();
  }
});
