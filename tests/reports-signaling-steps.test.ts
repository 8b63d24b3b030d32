import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeInlineProject } from './support/inline-project.js';

// One report step per signaling transaction, with its timing and result, as
// allure-playwright writes it: a small project run in a subprocess.
test.describe.configure({ timeout: 120_000 });

const CONFIG = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  workers: 1,
  reporter: [['list'], ['allure-playwright', { resultsDir: 'allure-results' }]],
});
`;

const TESTS = `
import { test } from '@playwright/test';
import { reportSignalingStep } from '../../../reporters/allure/signaling-step-report.js';

test('a rejected attach', async () => {
  await test.step('Attach Request', async () => {
    const t0 = Date.now();
    reportSignalingStep({ name: 'SendAuthInfo', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: t0, durationMs: 12.34, result: 'ok' });
    reportSignalingStep({
      name: 'UpdateLocation', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: t0 + 13, durationMs: 8, result: 'error', detail: 'ROAMING_NOT_ALLOWED',
    });
  });
});
`;

interface AllureStep {
  name: string;
  status: string;
  steps: AllureStep[];
}

test('each signaling transaction is a step inside its exchange, passed or failed, with its timing, and the test still passes', async () => {
  const project = writeInlineProject('reports-signaling', { 'playwright.config.ts': CONFIG, 'tests/attach.spec.ts': TESTS });
  try {
    const { code, output } = await project.run();
    expect(code, output).toBe(0);
    const dir = join(project.dir, 'allure-results');
    const [file] = readdirSync(dir).filter((f) => f.endsWith('-result.json'));
    const result = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { status: string; steps: AllureStep[] };
    expect(result.status).toBe('passed');
    const exchange = result.steps.find((s) => s.name === 'Attach Request');
    expect(exchange?.steps.map((s) => [s.name, s.status])).toEqual([
      ['SendAuthInfo vlr:208-01 → hlr:262-01 (12.3 ms)', 'passed'],
      ['UpdateLocation vlr:208-01 → hlr:262-01 (8.0 ms) ✗ ROAMING_NOT_ALLOWED', 'failed'],
    ]);
    // The rejected transaction is red in the report but did not fail the test.
    expect(output).toContain('1 passed');
  } finally {
    project.remove();
  }
});
