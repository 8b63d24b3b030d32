import { defineConfig } from '@playwright/test';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The demo's Playwright project: the shipped scenario library, reported to
 * Allure in the user's working directory.
 */
export default defineConfig({
  testDir: here,
  testMatch: ['*.demo.{ts,js}'],
  // The demo runs from inside node_modules when installed as a package.
  testIgnore: [],
  outputDir: `${process.env['ROAM_DEMO_OUTPUT'] ?? '.'}/test-results/demo`,
  workers: 2,
  timeout: 120_000,
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: `${process.env['ROAM_DEMO_OUTPUT'] ?? '.'}/allure-results`, detail: true, suiteTitle: true }],
  ],
});
