/**
 * Start-up: from nothing to a ready roaming world in a fresh process, as a
 * ratio to starting a bare `node -e ""`.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { formatSpread, spread, type Benchmark, type BenchMode, type BenchTarget } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const WORLD_START = join(here, 'servers', 'world-start.js');
const TARGET_RATIO = 3;
// Start-up times here come in two modes (a process runs at one speed or about 1.4× slower), on both sides; 25 alternating runs keep each median off a handful of runs.
const RUNS: Record<BenchMode, number> = { quick: 1, full: 25 };

interface WorldStart {
  /** Spawn to the ready line, ms. */
  readonly wallMs: number;
  /** Process start to the world module loaded, ms (the child's clock). */
  readonly importMs: number;
  /** Process start to the world ready, ms (the child's clock). */
  readonly readyMs: number;
  readonly links: number;
}

/** Spawn to exit of `node -e ""`, ms. */
function bareNode(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - t0));
  });
}

/** Spawn to the ready line of a world start-up; waits for the child to close its world and exit. */
function worldStart(): Promise<WorldStart> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [WORLD_START], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let ready: WorldStart | undefined;
    createInterface({ input: child.stdout! }).once('line', (line) => {
      ready = { wallMs: performance.now() - t0, ...(JSON.parse(line) as Omit<WorldStart, 'wallMs'>) };
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      ready
        ? resolve(ready)
        : reject(new Error(`[roam] Failed to start a roaming world in a child process: it exited with ${code}. See its output above.`)),
    );
  });
}

/** World start-up against a bare Node start. */
export const benchmark: Benchmark = {
  name: 'start-up',
  title: 'Start-up: from nothing to a ready roaming world',
  method:
    'A fresh `node` process imports the roaming-world fixture (compiled JavaScript, so module loading counts) and starts a world with three ' +
    'networks (home 262-01 with its HLR and billing, visited 208-01 and 214-01 with their VLRs), every element on its own port and an embedded ' +
    'Toxiproxy proxy on every link, waits until each proxy answers, and prints a line; the time is from spawn to that line, read by the parent. ' +
    'The reference is spawn to exit of `node -e ""` on the same machine, alternating run by run with the world. Ratio = median world / median bare.',
  async run(mode) {
    const bare: number[] = [];
    const world: WorldStart[] = [];
    await bareNode(); // warm the file cache for both
    await worldStart();
    for (let i = 0; i < RUNS[mode]; i++) {
      bare.push(await bareNode());
      world.push(await worldStart());
    }
    const bareMs = spread(bare);
    const wallMs = spread(world.map((w) => w.wallMs));
    const importMs = spread(world.map((w) => w.importMs));
    const startMs = spread(world.map((w) => w.readyMs - w.importMs));
    const ratio = wallMs.median / bareMs.median;
    const targets: BenchTarget[] = [
      {
        name: 'world start-up over a bare `node -e ""`',
        target: `<= ${TARGET_RATIO}×`,
        measured: `${ratio.toFixed(2)}×`,
        met: ratio <= TARGET_RATIO,
        ...(ratio > TARGET_RATIO
          ? {
              note: `over by ${(ratio - TARGET_RATIO).toFixed(2)}× (${(wallMs.median - TARGET_RATIO * bareMs.median).toFixed(0)} ms): loading the modules takes ${importMs.median.toFixed(0)} ms from process start and starting the elements and proxies ${startMs.median.toFixed(0)} ms`,
            }
          : {}),
      },
    ];
    return {
      rows: [
        { process: 'node -e ""', 'ms, median (min–max)': formatSpread(bareMs, 1), ratio: '1.00' },
        {
          process: 'node: import the world fixture',
          'ms, median (min–max)': formatSpread(importMs, 1),
          ratio: (importMs.median / bareMs.median).toFixed(2),
        },
        {
          process: `node: world ready (3 networks, ${world[0]?.links ?? 0} proxies)`,
          'ms, median (min–max)': formatSpread(wallMs, 1),
          ratio: ratio.toFixed(2),
        },
      ],
      targets,
      notes: [
        `${RUNS[mode]} runs each after one warm-up of each. The import row is the child's own clock (performance.now() from process start) when the fixture module has loaded; starting the elements and proxies then took ${formatSpread(startMs, 1, ' ms')}.`,
      ],
    };
  },
};
