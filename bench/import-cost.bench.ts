/**
 * Import cost: what `import 'roaming-harness'` costs a suite, as a ratio to
 * importing `roaming-harness/simulator` (the domain alone), side by side in
 * fresh processes.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { formatSpread, spread, type Benchmark, type BenchMode, type BenchRow, type BenchTarget } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const IMPORT_TIME = join(here, 'servers', 'import-time.js');
const TARGET_RATIO = 1.5;
const RUNS: Record<BenchMode, number> = { quick: 1, full: 15 };

type Entry = 'main' | 'simulator' | 'playwright';
type Setting = 'fresh process' | 'Playwright worker';

/** One import in a fresh child process, ms (the child's own clock). */
function importTime(entry: Entry, setting: Setting): Promise<number> {
  const args = [IMPORT_TIME, entry, ...(setting === 'Playwright worker' ? ['--in-worker'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let ms: number | undefined;
    createInterface({ input: child.stdout! }).once('line', (line) => {
      ms = (JSON.parse(line) as { importMs: number }).importMs;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      ms === undefined
        ? reject(new Error(`[roam] Failed to import the ${entry} entry in a child process: it exited with ${code}.`))
        : resolve(ms),
    );
  });
}

/** The main entry against `/simulator`, in a fresh process and in a Playwright worker. */
export const benchmark: Benchmark = {
  name: 'import-cost',
  title: 'Import cost: the main entry against roaming-harness/simulator',
  method:
    'Fresh `node` processes import one entry point of the compiled package and report the time of the import alone (their own clock). Two ' +
    'settings: a fresh process (everything the entry needs, `@playwright/test` included, is loaded by the import), and a Playwright worker ' +
    '(`@playwright/test` imported first and not counted, as the runner loads it before any test file). The main entry and `/simulator` ' +
    'alternate run by run; ratio = median main / median simulator. The target is the worker setting, where every test file is imported. ' +
    'In a fresh process, `@playwright/test` alone is measured too, to show its share.',
  async run(mode) {
    const rows: BenchRow[] = [];
    const targets: BenchTarget[] = [];
    const notes = [`${RUNS[mode]} runs of each entry per setting, after one warm-up of each.`];
    for (const setting of ['Playwright worker', 'fresh process'] as const) {
      await importTime('main', setting); // warm the file cache for both
      await importTime('simulator', setting);
      const main: number[] = [];
      const simulator: number[] = [];
      const playwright: number[] = [];
      for (let i = 0; i < RUNS[mode]; i++) {
        simulator.push(await importTime('simulator', setting));
        main.push(await importTime('main', setting));
        if (setting === 'fresh process') playwright.push(await importTime('playwright', setting));
      }
      const sim = spread(simulator);
      const full = spread(main);
      const ratio = full.median / sim.median;
      rows.push(
        { setting, entry: 'roaming-harness/simulator', 'ms, median (min–max)': formatSpread(sim, 1), ratio: '1.00' },
        { setting, entry: 'roaming-harness', 'ms, median (min–max)': formatSpread(full, 1), ratio: ratio.toFixed(2) },
      );
      const pw = playwright.length > 0 ? spread(playwright) : undefined;
      if (pw) {
        rows.push({
          setting,
          entry: '@playwright/test alone',
          'ms, median (min–max)': formatSpread(pw, 1),
          ratio: (pw.median / sim.median).toFixed(2),
        });
      }
      if (setting === 'Playwright worker') {
        // The setting every import of the main entry happens in: a test file, loaded by Playwright's runner or worker.
        targets.push({
          name: 'import the main entry over /simulator (a test file in a Playwright worker)',
          target: `<= ${TARGET_RATIO}×`,
          measured: `${ratio.toFixed(2)}×`,
          met: ratio <= TARGET_RATIO,
          ...(ratio > TARGET_RATIO
            ? { note: `over by ${(ratio - TARGET_RATIO).toFixed(2)}× (${(full.median - TARGET_RATIO * sim.median).toFixed(0)} ms)` }
            : {}),
        });
      } else if (pw) {
        notes.push(
          `A fresh process is not the target's setting: the main entry exports Playwright's \`test\` and \`expect\`, so there it loads ` +
            `@playwright/test (${pw.median.toFixed(0)} ms of its ${full.median.toFixed(0)} on its own), the suite's own peer dependency, ` +
            `which Playwright has loaded before any test file imports the main entry.`,
        );
      }
    }
    return {
      rows,
      targets,
      notes,
    };
  },
};
