import { test, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, writeInlineProject } from '../support/inline-project.js';
import { startToxiproxyProcess } from '../support/toxiproxy-process.js';

test.describe.configure({ timeout: 300_000 });

const TESTS = 200;
const FAILING = [10, 30, 50, 70];
const TIMING_OUT = [20, 60];

/** Processes still alive whose environment carries `mark`: whatever the run started and left behind. */
function processesMarked(mark: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`ROAM_LEAK_MARK=${mark}`)) {
        found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ')}`);
      }
    } catch {
      // Gone in the meantime, or not ours to read.
    }
  }
  return found;
}

test('200 tests with failures and timeouts leave no toxics, proxies, processes or sockets, and memory stays flat', async () => {
  const toxiproxy = await startToxiproxyProcess();
  const heapLog = join(repoRoot, '.inline', `heap-${process.pid}-${Date.now()}.log`);
  const project = writeInlineProject('no-leaks', {
    'playwright.config.ts': `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  timeout: 3_000,
  workers: 1,
  // A broken setup fails every test: stop early instead of restarting 200 workers.
  maxFailures: ${FAILING.length + TIMING_OUT.length + 2},
  reporter: [['dot']],
  use: { roaming: { home: ['262-01'], visited: ['208-01'], chaos: { backend: 'external', url: process.env.TOXIPROXY_URL } } },
});
`,
    'tests/many.spec.ts': `
import { test, expect } from 'roaming-harness';
import { appendFileSync } from 'node:fs';
const FAILING = new Set(${JSON.stringify(FAILING)});
const TIMING_OUT = new Set(${JSON.stringify(TIMING_OUT)});
for (let i = 1; i <= ${TESTS}; i++) {
  test('run ' + i, async ({ world, chaos }) => {
    await chaos.link(i % 2 ? 'vlr:208-01 -> hlr:262-01' : 'ue -> vlr:208-01').latency({ ms: 1 });
    await chaos.link('vlr:208-01 -> billing:262-01').bandwidth({ kilobytesPerSecond: 10_000 });
    const roamer = await world.subscribers.create();
    expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
    if (FAILING.has(i)) throw new Error('a planned failure with faults in effect');
    if (TIMING_OUT.has(i)) await new Promise(() => {});
    if (i % 5 !== 0) return;
    globalThis.gc?.();
    appendFileSync(process.env.HEAP_LOG, i + ' ' + process.pid + ' ' + process.memoryUsage().heapUsed + '\\n');
  });
}
`,
  });
  const mark = randomUUID();
  try {
    const { code, output } = await project.run([], {
      TOXIPROXY_URL: toxiproxy.url,
      HEAP_LOG: heapLog,
      ROAM_LEAK_MARK: mark,
      NODE_OPTIONS: '--expose-gc',
    });
    expect(code, output).toBe(1);
    expect(output).toContain(`${FAILING.length + TIMING_OUT.length} failed`);
    expect(output).toContain(`${TESTS - FAILING.length - TIMING_OUT.length} passed`);

    // No proxy (so no toxic and no listener) is left on the Toxiproxy the run used.
    const proxies = (await (await fetch(`${toxiproxy.url}/proxies`)).json()) as Record<string, unknown>;
    expect(proxies).toEqual({});
    // No process the run started (workers, servers, osmo-hlr) outlives it; sockets die with them.
    expect(processesMarked(mark)).toEqual([]);

    // Memory: the last 100 tests ran in one worker; compare its heap early and late in that stretch.
    const samples = readFileSync(heapLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number) as [number, number, number]);
    const last = samples.filter(([i]) => i > TESTS - 100);
    expect(new Set(last.map(([, pid]) => pid)).size).toBe(1);
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // A sample every fifth test: the first and last five of the stretch.
    const early = median(last.slice(0, 5).map(([, , heap]) => heap));
    const late = median(last.slice(-5).map(([, , heap]) => heap));
    test
      .info()
      .annotations.push({ type: 'heap', description: `${(early / 1e6).toFixed(1)} MB → ${(late / 1e6).toFixed(1)} MB over tests 101–200` });
    // Each test adds a subscriber and its events to the world by design (a few KB); a leak of
    // servers, sockets or timers per test would be far more.
    expect(late - early).toBeLessThan(8e6);
  } finally {
    toxiproxy.stop();
    project.remove();
  }
});
