import { defineConfig } from '@playwright/test';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const here = dirname(self);
// From source (tsx) the reporter is a .ts file beside its sources; from the package, the built .js.
const ext = self.endsWith('.ts') ? '.ts' : '.js';
const output = resolve(process.env['ROAM_DEMO_OUTPUT'] ?? '.');

/**
 * The demo's Playwright project: the shipped scenario library, a roaming
 * day's billing reconciliation and a chaos drill, reported as the harness's
 * users report: list, JUnit XML, Allure results and the SLO summary
 * (Markdown and JSON), all in the demo's output folder.
 */
export default defineConfig({
  testDir: here,
  testMatch: ['*.demo.{ts,js}'],
  // The demo runs from inside node_modules when installed as a package.
  testIgnore: [],
  outputDir: join(output, 'test-results', 'demo'),
  workers: 2,
  timeout: 120_000,
  reporter: [
    ['list'],
    ['junit', { outputFile: join(output, 'junit.xml') }],
    ['allure-playwright', { resultsDir: join(output, 'allure-results'), detail: true, suiteTitle: true }],
    [join(here, '..', '..', 'reporters', `slo-summary-reporter${ext}`), { outputDir: join(output, 'slo-summary'), jobSummary: false }],
  ],
});
