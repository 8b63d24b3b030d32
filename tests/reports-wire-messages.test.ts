import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeInlineProject } from './support/inline-project.js';

// A transaction whose protocol reports its messages (Diameter) is a step with
// one step per message inside, each with the decoded message attached, as
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

const avps = (name: string) => ({ name: name + ' (decoded AVPs)', contentType: 'application/json', body: JSON.stringify({ abbreviation: name }) });

test('a rejected attach over Diameter', async () => {
  await test.step('Attach Request', async () => {
    const t0 = Date.now();
    reportSignalingStep({
      name: 'SendAuthInfo', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: t0, durationMs: 4, result: 'error', detail: 'IMSI_UNKNOWN',
      messages: [
        { name: 'AIR', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: t0, durationMs: 0, result: 'ok', attachment: avps('AIR') },
        {
          name: 'AIA', from: 'hlr:262-01', to: 'vlr:208-01', startedAt: t0 + 4, durationMs: 3.96, result: 'error',
          detail: 'DIAMETER_ERROR_USER_UNKNOWN (5001)', attachment: avps('AIA'),
        },
      ],
    });
    reportSignalingStep({ name: 'UpdateLocation', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: t0, durationMs: 1, result: 'ok' });
  });
});
`;

interface AllureStep {
  name: string;
  status: string;
  steps: AllureStep[];
  attachments: { name: string; source: string; type: string }[];
}

test('each Diameter message is a step inside its transaction, red when its result failed, with its decoded AVPs attached; the test still passes', async () => {
  const project = writeInlineProject('reports-wire', { 'playwright.config.ts': CONFIG, 'tests/attach.spec.ts': TESTS });
  try {
    const { code, output } = await project.run();
    expect(code, output).toBe(0);
    expect(output).toContain('1 passed');
    const dir = join(project.dir, 'allure-results');
    const [file] = readdirSync(dir).filter((f) => f.endsWith('-result.json'));
    const result = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { status: string; steps: AllureStep[] };
    expect(result.status).toBe('passed');
    const exchange = result.steps.find((s) => s.name === 'Attach Request')!;
    expect(exchange.steps.map((s) => [s.name, s.status])).toEqual([
      ['SendAuthInfo vlr:208-01 → hlr:262-01 (4.0 ms) ✗ IMSI_UNKNOWN', 'failed'],
      ['UpdateLocation vlr:208-01 → hlr:262-01 (1.0 ms)', 'passed'],
    ]);
    const messages = exchange.steps[0]!.steps;
    expect(JSON.stringify(exchange)).not.toContain('signaling-step-report.ts');
    expect(messages.map((s) => [s.name, s.status])).toEqual([
      ['AIR vlr:208-01 → hlr:262-01 (0.0 ms)', 'passed'],
      ['AIA hlr:262-01 → vlr:208-01 (4.0 ms) ✗ DIAMETER_ERROR_USER_UNKNOWN (5001)', 'failed'],
    ]);
    for (const [i, name] of ['AIR', 'AIA'].entries()) {
      // allure-playwright puts an attachment in a step of its own, named after it, inside the step it was made in.
      const [attached] = [messages[i]!, ...messages[i]!.steps].flatMap((s) => s.attachments);
      expect(attached).toMatchObject({ name: `${name} (decoded AVPs)`, type: 'application/json' });
      expect(JSON.parse(readFileSync(join(dir, attached!.source), 'utf8'))).toEqual({ abbreviation: name });
    }
  } finally {
    project.remove();
  }
});
