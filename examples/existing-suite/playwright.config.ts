import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  // Added for roaming-harness: the world the `world` fixture brings up (one per worker).
  use: { roaming: { home: ['262-01'], visited: ['208-01'] } },
});
