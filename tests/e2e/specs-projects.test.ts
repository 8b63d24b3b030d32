import { test, expect } from '@playwright/test';
import { writeInlineProject } from '../support/inline-project.js';

// Playwright in a subprocess on small projects that turn YAML specs into tests, importing the
// spec runner and the run gate from this repo's source: exit codes and output for a passing spec,
// a failing SLO, a run-level gate breach and a malformed spec.
test.describe.configure({ mode: 'parallel', timeout: 120_000 });

const config = (gate?: Record<string, string>) => `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  reporter: [['list']${gate ? `, ['../../reporters/run-gate-reporter.ts', { slo: ${JSON.stringify(gate)} }]` : ''}],
});
`;

const RUNNER = `
import { specs } from '../../../specs/index.js';
specs('specs/*.roam.yaml');
`;

const spec = (id: string, slo: string, count = 20) => `
scenario: Roamers attach in France and call home
id: ${id}
tags: [attach, smoke]
clock: virtual
seed: 5
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
      agreement: { tariff: eu-regulated }
subscribers:
  travellers: { count: ${count} }
steps:
  - attach: { who: travellers, visited: 208-01 }
  - call: { who: travellers, duration: 30s }
expect:
  transitions:
    attach: [IDLE, AUTHENTICATING, UPDATING_LOCATION, REGISTERED]
  slo:
    attach_latency: '${slo}'
    call_success: 'rate==100%'
  billing: reconciled
`;

test('a passing spec passes the run, and --grep selects by tag', async () => {
  const project = writeInlineProject('specs-pass', {
    'playwright.config.ts': config(),
    'specs/a.roam.yaml': spec('E2E-PASS-1', 'p(95)<2s'),
    'specs/b.roam.yaml': spec('E2E-PASS-2', 'p(95)<2s').replace('tags: [attach, smoke]', 'tags: [attach]'),
    'tests/roaming.spec.ts': RUNNER,
  });
  try {
    const { code, output } = await project.run(['--grep', '@smoke']);
    expect(code, output).toBe(0);
    expect(output).toContain('1 passed');
    expect(output).toContain('E2E-PASS-1: Roamers attach in France and call home @attach @smoke');
    expect(output).not.toContain('E2E-PASS-2');
  } finally {
    project.remove();
  }
});

test('a failing SLO fails its test with expected versus measured', async () => {
  const project = writeInlineProject('specs-slo', {
    'playwright.config.ts': config(),
    'specs/a.roam.yaml': spec('E2E-SLO', 'p(95)<1ms'),
    'tests/roaming.spec.ts': RUNNER,
  });
  try {
    const { code, output } = await project.run();
    expect(code, output).toBe(1);
    expect(output).toContain('1 failed');
    expect(output).toContain('SLO attach_latency p(95)<1ms');
    expect(output).toContain('toMeetSlo');
    expect(output).toContain('Expected: "p(95)<1ms"');
    expect(output).toMatch(/Measured: "\d+(\.\d+)?ms" over 20 samples/);
  } finally {
    project.remove();
  }
});

test('a run-level gate breach fails a run whose tests all passed, with a summary', async () => {
  const files = {
    'specs/a.roam.yaml': spec('E2E-GATE-1', 'p(95)<2s'),
    'specs/b.roam.yaml': spec('E2E-GATE-2', 'p(95)<2s', 30),
    'tests/roaming.spec.ts': RUNNER,
  };
  const breached = writeInlineProject('specs-gate-breach', {
    ...files,
    'playwright.config.ts': config({ attach_latency: 'p(95)<1ms', 'attach_success{visited:208-01}': 'rate>=99.5%' }),
  });
  const held = writeInlineProject('specs-gate-held', {
    ...files,
    'playwright.config.ts': config({ attach_latency: 'p(95)<2s', call_success: 'rate>=99.5%' }),
  });
  try {
    const [bad, good] = await Promise.all([breached.run(), held.run()]);
    expect(bad.output).toContain('2 passed');
    expect(bad.code, bad.output).not.toBe(0);
    expect(bad.output).toContain('[roam] Run-level gate FAILED: 1 of 2 run-wide SLOs breached over 2 tests');
    expect(bad.output).toMatch(/✗ attach_latency p\(95\)<1ms: measured \d+(\.\d+)?ms over 50 samples/);
    expect(bad.output).toContain('✓ attach_success{visited:208-01} rate>=99.5%: measured 100% over 50 samples');
    expect(good.code, good.output).toBe(0);
    expect(good.output).toContain('[roam] Run-level gate passed: 2 run-wide SLOs met over 2 tests');
  } finally {
    breached.remove();
    held.remove();
  }
});

test('a malformed spec fails the run before any test runs, listing every problem', async () => {
  const broken = spec('E2E-BROKEN', 'p95<2s')
    .replace('count: 20', 'count: twenty')
    .replace('visited: 208-01 }', 'visited: 214-01 }')
    .replace('call: { who: travellers, duration: 30s }', 'call: { who: tourists, duration: 30 }');
  const project = writeInlineProject('specs-malformed', {
    'playwright.config.ts': config(),
    'specs/broken.roam.yaml': broken,
    'tests/roaming.spec.ts': `${RUNNER}\nimport { test } from '@playwright/test';\ntest('never runs', () => { throw new Error('a test ran'); });\n`,
  });
  try {
    const { code, output } = await project.run();
    expect(code).not.toBe(0);
    expect(output).not.toContain('a test ran');
    expect(output).toContain('5 problems in 1 file');
    expect(output).toMatch(
      /214-01 is not a visited network of this world; visited: 208-01\n\s+→ at steps\[0\]\.attach\.visited \(specs\/broken\.roam\.yaml:15:\d+\)/,
    );
    expect(output).toMatch(
      /no subscriber group "tourists"; defined: travellers\n\s+→ at steps\[1\]\.call\.who \(specs\/broken\.roam\.yaml:16:\d+\)/,
    );
    expect(output).toMatch(/→ at subscribers\.travellers\.count \(specs\/broken\.roam\.yaml:13:\d+\)/);
    expect(output).toMatch(/→ at steps\[1\]\.call\.duration \(specs\/broken\.roam\.yaml:16:\d+\)/);
    expect(output).toMatch(
      /invalid SLO "p95<2s": at character 1 \("p"\), expected an aggregate[^]*threshold := aggregate operator number unit\?/,
    );
    expect(output).toMatch(/→ at expect\.slo\.attach_latency \(specs\/broken\.roam\.yaml:21:\d+\)/);
  } finally {
    project.remove();
  }
});
