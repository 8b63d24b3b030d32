import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium.js';

/**
 * The harness's own test suite: unit tests beside the code (`*.test.ts`)
 * and integration tests under `tests/`. Users' projects use the package's
 * fixtures instead; see README.md.
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['{core,metrics,simulator,protocols,mocks,peers,chaos,world,fixtures,specs,reporters,conformance,cli,bench,tests}/**/*.test.ts'],
  testIgnore: ['**/node_modules/**', 'dist/**', 'examples/**'],
  outputDir: 'test-results/artifacts',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['junit', { outputFile: 'test-results/junit.xml' }], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    launchOptions: chromiumLaunchOptions(),
    actionTimeout: 15_000,
  },
  projects: [
    { name: 'core', testIgnore: ['**/node_modules/**', 'dist/**', 'examples/**', 'tests/e2e/**'] },
    // End-to-end runs start Playwright subprocesses and measure SLOs; they run
    // after the core suite so its load does not skew their latencies.
    { name: 'e2e', testMatch: ['tests/e2e/**/*.test.ts'], dependencies: ['core'] },
  ],
});
