import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRoam } from './support/roam-cli.js';

// `roam drill` as a user runs it: the built CLI in a subprocess (stderr is not a TTY: one progress line a second).

function roam(args: string[], cwd: string) {
  return runRoam(args, { cwd });
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roam-drill-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('roam drill runs a drill file with live progress: the fault in effect, attaches so far, success rate; then the report', async () => {
  test.setTimeout(60_000);
  writeFileSync(
    join(dir, 'drill.yaml'),
    `title: HLR unreachable from France
world: { home: [262-01], visited: [208-01] }
load: { visited: 208-01, ratePerSecond: 8, for: 4s, subscribers: 5 }
steadyState: { probe: attach, tolerance: '>= 0.99', samples: 2 }
faults:
  - { at: 1s, for: 1500ms, link: 'vlr:208-01 -> hlr:262-01', type: partition, mode: refused }
recovery: { pollEvery: 100ms, timeout: 5s }
`,
  );
  const run = await roam(['drill', 'drill.yaml', '--json', 'report.json'], dir);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const progress = run.stderr.split('\n').filter((l) => l.startsWith('[roam] drill '));
  expect(progress.length).toBeGreaterThanOrEqual(3);
  for (const line of progress)
    expect(line).toMatch(/^\[roam\] drill \d+\.\ds \| fault: .+ \| attaches: \d+ \(\d+ ok\) \| success \(last 2s\): (\d+\.\d%|—)$/);
  // While the HLR was unreachable the progress said so, and attaches failed.
  const during = progress.find((l) => l.includes('fault: partition both (refused) on vlr:208-01 -> hlr:262-01'));
  expect(during).toBeDefined();
  const counts = progress.map((l) => /attaches: (\d+) \((\d+) ok\)/.exec(l)!.slice(1).map(Number));
  expect(counts.at(-1)![0]!).toBeGreaterThan(counts.at(-1)![1]!);
  expect(run.stdout).toMatch(/^drill "HLR unreachable from France": passed in \d+ ms$/m);
  expect(run.stdout).toMatch(/fault partition both \(refused\) on vlr:208-01 -> hlr:262-01: .*recovery \d+ ms/);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(report.status).toBe('passed');
  expect(report.faults[0].recovered).toBe(true);
  expect(report.loads[0].failed).toBeGreaterThan(0);
});

test('roam drill refuses an unknown drill and a fault on a link the world does not have, injecting nothing', async () => {
  const unknown = await roam(['drill', 'hlr-partitoin'], dir);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe(
    '[roam] Failed to run roam drill: "hlr-partitoin" is neither a built-in drill (hlr-partition, billing-outage, grx-latency) nor a file. Run "roam drill --help" for the options.\n',
  );
  writeFileSync(
    join(dir, 'bad.yaml'),
    `title: typo
load: { ratePerSecond: 5, for: 1s }
faults:
  - { at: 0, for: 1s, link: 'vlr:208-01 -> hlr:999-99', type: partition }
`,
  );
  const bad = await roam(['drill', 'bad.yaml', '--quiet'], dir);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
  const lines = bad.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^\[roam\] Starting a roaming world/);
  expect(lines.slice(1)).toHaveLength(1);
  expect(lines[1]).toMatch(/^\[roam\] .*vlr:208-01 -> hlr:999-99/);
});
