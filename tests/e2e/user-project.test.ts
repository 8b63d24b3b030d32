import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, writeInlineProject } from '../support/inline-project.js';

// These run Playwright in a subprocess on small projects that use the built
// package as a user would: `import { test, expect } from 'roaming-harness'` and `specs` from `roaming-harness/specs`.
test.describe.configure({ mode: 'parallel', timeout: 120_000 });

const CONFIG = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  reporter: [['list'], ['json', { outputFile: 'results.json' }]],
  use: { roaming: { home: ['262-01'], visited: ['208-01'] } },
});
`;

const SPEC = `
scenario: A German roamer attaches in France
id: IR24-LU-01
tags: [attach, smoke]
severity: critical
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
      agreement: { tariff: eu-regulated }
subscribers:
  travellers: { count: 2, home: 262-01 }
steps:
  - attach: { who: travellers, visited: 208-01 }
expect:
  transitions:
    attach: [IDLE, AUTHENTICATING, UPDATING_LOCATION, REGISTERED]
  slo:
    attach_latency: 'p(95)<2000ms'
`;

test('a user project gains roaming checks: a fixture test and a YAML spec pass, with signaling steps', async () => {
  const project = writeInlineProject('user-pass', {
    'playwright.config.ts': CONFIG,
    'specs/attach.roam.yaml': SPEC,
    'tests/roaming.spec.ts': `
import { test, expect } from 'roaming-harness';
import { specs } from 'roaming-harness/specs';

specs('specs/*.roam.yaml');

test('a German roamer attaches in France', async ({ world, chaos }) => {
  const roamer = await world.subscribers.create({ home: '262-01' });
  await chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 50 });
  const attach = await world.attach(roamer, { visited: '208-01' });
  expect(attach).toHaveTransitioned(['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED']);
});
`,
  });
  try {
    const { code, output } = await project.run();
    expect(code, output).toBe(0);
    expect(output).toContain('2 passed');
    // The scenario's test is located at its YAML document (line 2: the spec text starts with a blank line).
    expect(output).toMatch(/ specs\/attach\.roam\.yaml:2:1 › specs\/attach\.roam\.yaml › IR24-LU-01: /);
    const report = JSON.parse(readFileSync(join(project.dir, 'results.json'), 'utf8'));
    const titles = stepTitles(report);
    expect(titles).toContain('Attach Request');
    expect(titles).toContain('Authentication Response');
    expect(titles.some((t) => /^SendAuthInfo vlr:208-01 → hlr:262-01 \(\d+\.\d ms\)$/.test(t))).toBe(true);
    expect(titles.some((t) => /^UpdateLocation vlr:208-01 → hlr:262-01/.test(t))).toBe(true);
    expect(titles).toContain('SLO attach_latency p(95)<2000ms');
  } finally {
    project.remove();
  }
});

test('a file of specs alone is selected by its name and line, as any test file is (an ES module project)', async () => {
  const project = writeInlineProject('user-select', {
    'package.json': '{ "type": "module" }',
    'playwright.config.ts': CONFIG.replace(/reporter: .*\n/, "reporter: 'list',\n"),
    'specs/attach.roam.yaml': SPEC,
    'tests/specs.spec.ts': `import { specs } from 'roaming-harness/specs';\n\n  specs('specs/*.roam.yaml');\n`,
    'tests/other.spec.ts': `import { test } from 'roaming-harness';\ntest('another test', () => {});\n`,
  });
  // An ES module resolves packages through node_modules only, as after `npm install --save-dev roaming-harness`.
  mkdirSync(join(project.dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(project.dir, 'node_modules', 'roaming-harness'), 'dir');
  try {
    // Every test of specs.spec.ts sits in the one YAML file; the file is still selected by its own name.
    for (const filter of ['tests/specs.spec.ts', 'specs.spec', 'tests/specs.spec.ts:3']) {
      const { code, output } = await project.run(['--list', filter]);
      expect(code, `${filter}\n${output}`).toBe(0);
      expect(output, filter).toMatch(/specs\/attach\.roam\.yaml:2:1 › specs\/attach\.roam\.yaml › IR24-LU-01: /);
      expect(output, filter).toContain('Total: 1 test in 1 file');
    }
    // A line where specs() is not called selects none of them.
    const { code, output } = await project.run(['--list', 'tests/specs.spec.ts:1']);
    expect(code, output).not.toBe(0);
    expect(output).toContain('No tests found');
  } finally {
    project.remove();
  }
});

test('a malformed spec fails the run before any test runs, naming file, line and path', async () => {
  const project = writeInlineProject('user-malformed', {
    'playwright.config.ts': CONFIG,
    'specs/broken.roam.yaml': SPEC.replace('count: 2', 'count: two')
      .replace('visited: 208-01 }', 'visited: 208-1 }')
      .replace("'p(95)<2000ms'", "'p95<2000ms'"),
    'tests/roaming.spec.ts': `
import { test, expect } from 'roaming-harness';
import { specs } from 'roaming-harness/specs';
specs('specs/*.roam.yaml');
test('never runs', () => { throw new Error('a test ran'); });
`,
  });
  try {
    const { code, output } = await project.run();
    expect(code).not.toBe(0);
    expect(output).not.toContain('a test ran');
    expect(output).toContain('3 problems in 1 file');
    expect(output).toMatch(/→ at subscribers\.travellers\.count \(specs\/broken\.roam\.yaml:12:\d+\)/);
    expect(output).toMatch(/→ at steps\[0\]\.attach\.visited \(specs\/broken\.roam\.yaml:14:\d+\)/);
    expect(output).toMatch(/→ at expect\.slo\.attach_latency \(specs\/broken\.roam\.yaml:19:\d+\)/);
  } finally {
    project.remove();
  }
});

interface JsonStep {
  title: string;
  steps?: JsonStep[];
}
function stepTitles(report: { suites: unknown[] }): string[] {
  const out: string[] = [];
  const walkSteps = (steps: JsonStep[] | undefined) => steps?.forEach((s) => (out.push(s.title), walkSteps(s.steps)));
  const walkSuite = (suite: { suites?: unknown[]; specs?: { tests: { results: { steps: JsonStep[] }[] }[] }[] }) => {
    suite.specs?.forEach((spec) => spec.tests.forEach((t) => t.results.forEach((r) => walkSteps(r.steps))));
    suite.suites?.forEach((s) => walkSuite(s as typeof suite));
  };
  report.suites.forEach((s) => walkSuite(s as never));
  return out;
}
