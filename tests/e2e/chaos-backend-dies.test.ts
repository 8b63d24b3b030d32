import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeInlineProject } from '../support/inline-project.js';
import { startToxiproxyProcess } from '../support/toxiproxy-process.js';

test.describe.configure({ timeout: 120_000 });

test('the chaos backend dies mid-test: that test fails at once with a clear message, and the run goes on', async () => {
  const toxiproxy = await startToxiproxyProcess();
  const project = writeInlineProject('backend-dies', {
    'playwright.config.ts': `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'results.json' }]],
  use: { roaming: { home: ['262-01'], visited: ['208-01'], chaos: { backend: 'external', url: process.env.TOXIPROXY_URL } } },
});
`,
    'tests/a-dies.spec.ts': `
import { test } from 'roaming-harness';
test('the chaos backend dies', async ({ world, chaos }) => {
  await chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 10 });
  process.kill(Number(process.env.BACKEND_PID), 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 300));
  await chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 20 });
});
`,
    'tests/b-next.spec.ts': `
import { test, expect } from '@playwright/test';
test('the next test runs', () => { expect(1 + 1).toBe(2); });
`,
  });
  try {
    const { code, output } = await project.run([], { TOXIPROXY_URL: toxiproxy.url, BACKEND_PID: String(toxiproxy.pid) });
    expect(code, output).toBe(1);
    expect(output).toContain('1 failed');
    expect(output).toContain('1 passed');
    // One clear line naming the Toxiproxy API that went away, not a bare "fetch failed".
    expect(output).toMatch(/\[roam\] Failed to [^\n]*(Toxiproxy|chaos backend)[^\n]*/);
    expect(output).toContain(toxiproxy.url.replace(/^http:\/\//, ''));
    const report = JSON.parse(readFileSync(join(project.dir, 'results.json'), 'utf8')) as {
      suites: { specs: { title: string; tests: { results: { duration: number; status: string }[] }[] }[] }[];
    };
    const died = report.suites.flatMap((s) => s.specs).find((s) => s.title === 'the chaos backend dies')!;
    // "At once": it failed well before its 60 s timeout instead of hanging on a dead API.
    expect(died.tests[0]!.results[0]!.status).toBe('failed');
    expect(died.tests[0]!.results[0]!.duration).toBeLessThan(30_000);
  } finally {
    toxiproxy.kill();
    project.remove();
  }
});
