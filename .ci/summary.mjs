// Prints "N passed, N failed, N skipped" from Playwright's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/results.json';
let stats;
try {
  stats = JSON.parse(readFileSync(file, 'utf8')).stats;
} catch {
  // No report means the run died before or during the tests (e.g. the build failed).
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const passed = stats.expected + stats.flaky;
const failed = stats.unexpected;
const skipped = stats.skipped;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
