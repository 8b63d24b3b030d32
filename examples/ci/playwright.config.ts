import { defineConfig } from '@playwright/test';

// On CI each shard writes a blob report (merged by the report job) and its Allure
// results; locally the list reporter and the SLO table are enough.
export default defineConfig({
  testDir: 'tests',
  fullyParallel: true,
  reporter: process.env.CI
    ? [
        ['blob', { outputDir: 'blob-report' }],
        ['allure-playwright', { resultsDir: 'allure-results', detail: true, suiteTitle: true }],
        ['list'],
      ]
    : [['list'], ['roaming-harness/reporters/slo-summary', { outputDir: 'slo-summary' }]],
  use: { roaming: { home: ['262-01'], visited: ['208-01', '214-01'] } },
});
