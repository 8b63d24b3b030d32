import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpecText } from '../specs/loader.js';
import { validateSpecFiles, formatSpecProblems } from '../specs/validate-files.js';
import { specJsonSchema } from '../specs/json-schema.js';
import { compileGate, evaluateGate, formatGate } from '../metrics/run-gate.js';
import { compactSamples, expandSamples } from '../metrics/compact-samples.js';
import { clockOf } from '../specs/scenario-clock.js';
import { MetricSamples } from '../fixtures/matchers.js';
import { repoRoot } from './support/inline-project.js';

// The spec language: what validates, what does not and how it says so, the JSON Schema, and the run gate's arithmetic.

const SCENARIO = `scenario: A roamer calls home
id: T-01
tags: [call]
references: { ir24: "IR.24 4.2" }
owner: roaming-qa
epic: Roaming
clock: virtual
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
      agreement: { tariff: eu-regulated }
      latency: { handoff: 30-120ms }
    - plmn: 214-01
      agreement: none
subscribers:
  travellers: { count: 3, seed: 7 }
links:
  vlr:208-01 -> hlr:262-01: [{ latency: 40ms, jitter: 10ms }, { partition: true, at: 10s, for: 5s }]
steps:
  - attach: { who: travellers, visited: 208-01 }
  - call: { who: travellers, duration: 90s, handoff: [{ to: 214-01, after: 30s }] }
  - data: { who: travellers, bytes: 5MB }
  - sms: { who: travellers }
  - locationUpdate: { who: travellers, kind: moving, lac: 12 }
  - wait: 10s
  - fault: { link: 'ue -> vlr:208-01', loss: 5%, for: 10s }
  - load: { who: travellers, rate: 2000/min, for: 1m, mix: { handoff: 3, locationUpdate: 1 } }
  - detach: { who: travellers }
expect:
  transitions: { attach: [IDLE, REGISTERED], mode: subsequence }
  slo:
    attach_latency{visited:208-01}: ['p(50)<300ms', 'p(95)<450ms']
    attach_success: 'rate>=99.5%'
  attachSuccessRate: 99.5%
  billing: reconciled
`;

test('a full scenario validates, with units turned into numbers', () => {
  const { scenarios, problems } = parseSpecText(SCENARIO, 'ok.roam.yaml');
  expect(problems).toEqual([]);
  const spec = scenarios[0]!.spec;
  expect(spec.references).toEqual({ ir24: 'IR.24 4.2' });
  const steps = 'steps' in spec ? spec.steps : [];
  expect(steps[1]!.call).toMatchObject({ duration: 90_000, handoff: [{ to: '214-01', after: 30_000 }] });
  expect(steps[2]!.data!.bytes).toBe(5_000_000);
  expect(steps[6]!.fault).toMatchObject({ loss: 5, for: 10_000 });
  expect(steps[7]!.load).toMatchObject({ rate: 2000 / 60, for: 60_000 });
  expect(spec.expect.attachSuccessRate).toBeCloseTo(99.5);
  expect(spec.world.visited[0]!.latency).toEqual({ handoff: { minMs: 30, maxMs: 120, jitterPct: 10 } });
});

test('a malformed spec gets every problem at once, each with line, column and path', () => {
  const broken = SCENARIO.replace('count: 3', 'count: three')
    .replace('visited: 208-01 }\n  - call', 'visited: 208-1 }\n  - call')
    .replace("'rate>=99.5%'", "'rate>>99.5%'")
    .replace('- wait: 10s', '- wait: 10 seconds')
    .replace('- sms: { who: travellers }', '- sms: { who: tourists }')
    .replace('- detach: { who: travellers }', '- detach: { who: travellers }\n    hangup: { who: travellers }');
  const { scenarios, problems } = parseSpecText(broken, 'broken.roam.yaml');
  expect(scenarios).toEqual([]);
  const at = (path: string) => problems.find((p) => p.path === path);
  expect(at('subscribers.travellers.count')).toMatchObject({ location: { file: 'broken.roam.yaml', line: 17 } });
  expect(at('steps[0].attach.visited')).toMatchObject({ location: { line: 21 }, message: expect.stringContaining('PLMN id') });
  expect(at('steps[5].wait')).toMatchObject({ location: { line: 26 }, message: expect.stringContaining('is not a duration') });
  expect(at('steps[8]')!.message).toContain('a step does one thing; this one has hangup and detach: split it into 2 steps');
  const slo = at('expect.slo.attach_success')!;
  expect(slo.location.line).toBe(35); // one line down: the hangup added above
  expect(slo.message).toContain('at character 6 (">"), expected a number');
  expect(slo.message).toContain('threshold := aggregate operator number unit?');
  // Undefined references are listed in the same run as the schema's problems.
  expect(at('steps[3].sms.who')).toMatchObject({ location: { line: 24 }, message: 'no subscriber group "tourists"; defined: travellers' });
  expect(problems).toHaveLength(6);
  for (const p of problems) expect(p.location.column).toBeGreaterThan(0);
});

test('undefined groups, networks and links are caught before any run', () => {
  const dangling = SCENARIO.replace('- sms: { who: travellers }', '- sms: { who: tourists }')
    .replace('handoff: [{ to: 214-01', 'handoff: [{ to: 222-01')
    .replace("link: 'ue -> vlr:208-01'", "link: 'ue -> vlr:999-01'");
  const { problems } = parseSpecText(dangling, 'dangling.roam.yaml');
  expect(problems.map((p) => [p.path, p.location.line])).toEqual([
    ['steps[1].call.handoff[0].to', 22],
    ['steps[3].sms.who', 24],
    ['steps[6].fault.link', 27],
  ]);
  expect(problems[1]!.message).toBe('no subscriber group "tourists"; defined: travellers');
  expect(problems[0]!.message).toContain('222-01 is not a visited network of this world; visited: 208-01, 214-01');
});

test('a drill validates, and a document that is neither scenario nor drill says what it needs', () => {
  const drill = `drill: Partition
hypothesis: it recovers
clock: virtual
world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01 }] }
subscribers: { t: { count: 2 } }
steady-state: { attach_success: 'rate>=99%' }
method:
  - load: { who: t, rate: 5/s, for: 10s, background: true }
  - fault: { link: 'vlr:208-01 -> hlr:262-01', partition: true, at: 2s, for: 3s }
rollbacks: [reset-faults]
expect: { recovery: { within: 5s } }
---
title: what is this
`;
  const { scenarios, problems } = parseSpecText(drill, 'drill.roam.yaml');
  expect(scenarios).toHaveLength(1);
  expect(scenarios[0]!.spec).toMatchObject({ drill: 'Partition', rollbacks: ['reset-faults'], expect: { recovery: { within: 5000 } } });
  expect(problems).toEqual([
    expect.objectContaining({
      location: expect.objectContaining({ line: 13 }),
      message: expect.stringContaining('needs scenario: <title>'),
    }),
  ]);
});

test('validateSpecFiles checks files without running them and formats every problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-validate-'));
  try {
    writeFileSync(join(dir, 'good.roam.yaml'), SCENARIO);
    writeFileSync(join(dir, 'bad.roam.yaml'), SCENARIO.replace('count: 3', 'count: 0').replace('tags: [call]', 'tags: [not a tag]'));
    const { files, problems } = await validateSpecFiles(['*.roam.yaml'], dir);
    expect(files).toEqual(['bad.roam.yaml', 'good.roam.yaml']);
    expect(problems.map((p) => p.path)).toEqual(['tags[0]', 'subscribers.travellers.count']);
    const text = formatSpecProblems(problems);
    expect(text).toMatch(/^bad\.roam\.yaml\n {2}bad\.roam\.yaml:3:\d+ {2}tags\[0\] {2}expected a tag/);
    expect(text).toContain('bad.roam.yaml:17:');
    expect(text).toMatch(/✖ 2 problems in 1 file$/);
    const none = await validateSpecFiles(['nothing/*.yaml'], dir);
    expect(none.problems[0]!.message).toContain('no spec file matches "nothing/*.yaml"');
    expect(formatSpecProblems([])).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every spec in the shipped library validates', async () => {
  const { files, problems } = await validateSpecFiles(['specs/library/**/*.roam.yaml'], repoRoot);
  expect(formatSpecProblems(problems)).toBe('');
  expect(files.length).toBeGreaterThanOrEqual(15);
});

test('the committed JSON Schema is the one the zod schema generates', () => {
  const committed = JSON.parse(readFileSync(join(repoRoot, 'specs', 'roam-spec.schema.json'), 'utf8'));
  expect(committed, 'regenerate it: npx tsx specs/json-schema.ts').toEqual(JSON.parse(JSON.stringify(specJsonSchema())));
  const text = JSON.stringify(committed);
  for (const field of [
    'scenario',
    'drill',
    'hypothesis',
    'steady-state',
    'rollbacks',
    'locationUpdate',
    'throttle',
    'attachSuccessRate',
    'references',
  ])
    expect(text).toContain(`"${field}"`);
});

test('the clock is the spec’s unless ROAM_CLOCK says otherwise', () => {
  const spec = parseSpecText(SCENARIO, 'x.roam.yaml').scenarios[0]!.spec;
  expect(clockOf(spec, {})).toBe('virtual');
  expect(clockOf({ ...spec, clock: undefined }, {})).toBe('networked');
  expect(clockOf(spec, { ROAM_CLOCK: 'networked' })).toBe('networked');
  expect(() => clockOf(spec, { ROAM_CLOCK: 'fast' })).toThrow(/ROAM_CLOCK=virtual or ROAM_CLOCK=networked/);
});

test('the run gate evaluates run-wide SLOs over samples merged from every test', () => {
  const first = new MetricSamples();
  const second = new MetricSamples();
  for (let i = 0; i < 100; i++) first.add('attach_latency', 100 + i, { visited: '208-01' });
  for (let i = 0; i < 100; i++) second.add('attach_latency', 500 + i, { visited: '214-01' });
  second.add('attach_success', false, { visited: '214-01' });
  const merged = expandSamples(compactSamples(second), expandSamples(JSON.parse(JSON.stringify(compactSamples(first)))));
  expect(merged.select('attach_latency')).toHaveLength(200);
  const verdicts = evaluateGate(
    merged,
    compileGate({
      'attach_latency{visited:208-01}': 'p(95)<300ms',
      attach_latency: 'p(95)<300ms',
      attach_success: 'rate>=99%',
      sms_latency: 'p(95)<1s',
    }),
  );
  expect(verdicts.map((v) => [v.selector, v.pass])).toEqual([
    ['attach_latency{visited:208-01}', true],
    ['attach_latency', false],
    ['attach_success', false],
    ['sms_latency', false],
  ]);
  const summary = formatGate(verdicts, 2);
  expect(summary).toContain('[roam] Run-level gate FAILED: 3 of 4 run-wide SLOs breached over 2 tests');
  expect(summary).toMatch(/✗ attach_latency p\(95\)<300ms: measured 5\d\d(\.\d+)?ms over 200 samples/);
  expect(summary).toContain('✗ sms_latency p(95)<1s: measured no samples over 0 samples');
  expect(evaluateGate(merged, compileGate({ sms_latency: 'p(95)<1s' }), false)[0]!.pass).toBe(true);
});
