/**
 * The import-cost benchmark's child: imports one entry point of the package
 * in a fresh Node process and prints one JSON line `{ importMs }`, the time
 * the import itself took. With `--in-worker`, `@playwright/test` is imported
 * first and not counted, as in a Playwright test worker, where the runner
 * has loaded it before any test file.
 *
 * Usage: node import-time.js <main|simulator|playwright> [--in-worker]
 */
// The built package (dist/, as `npm run build` and an install make it) by its own name, as a user's project imports it.
const entries: Record<string, string> = { main: 'roaming-harness', simulator: 'roaming-harness/simulator', playwright: '@playwright/test' };
const entry = entries[process.argv[2] ?? ''];
if (!entry) throw new Error(`[roam] Failed to measure an import: unknown entry "${process.argv[2]}". Give main, simulator or playwright.`);
if (process.argv.includes('--in-worker')) await import('@playwright/test');
const start = performance.now();
await import(entry);
process.stdout.write(JSON.stringify({ importMs: performance.now() - start }) + '\n');
