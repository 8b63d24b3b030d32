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
    `drill: HLR unreachable from France
hypothesis: Attaches fail only while the HLR is unreachable
clock: networked
world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01, agreement: { tariff: eu-regulated } }] }
subscribers: { roamers: { count: 5 } }
steady-state: { attach_success: 'rate>=99%' }
method:
  - load: { who: roamers, rate: 8/s, for: 4s, background: true }
  - fault: { link: 'vlr:208-01 -> hlr:262-01', partition: refused, at: 1s, for: 1500ms }
expect: { recovery: { within: 5s } }
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
    '[roam] Failed to run roam drill: "hlr-partitoin" is neither a built-in drill (billing-outage, grx-latency, hlr-partition) nor a file. Run "roam drill --help" for the options.\n',
  );
  writeFileSync(
    join(dir, 'bad.yaml'),
    `drill: typo
hypothesis: nothing
world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01, agreement: { tariff: eu-regulated } }] }
subscribers: { roamers: { count: 2 } }
steady-state: { attach_success: 'rate>=99%' }
method:
  - load: { who: roamers, rate: 5/s, for: 1s, background: true }
  - fault: { link: 'vlr:208-01 -> hlr:999-99', partition: true, at: 0s, for: 1s }
`,
  );
  const bad = await roam(['drill', 'bad.yaml', '--quiet'], dir);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
  // The drill is checked as "roam validate" checks it, before any world starts.
  expect(bad.stderr).not.toContain('Starting a roaming world');
  expect(bad.stderr).toMatch(/^\[roam\] Failed to load specs: 1 problem in 1 file\./);
  expect(bad.stderr).toMatch(/hlr:999-99.*\n.*\(bad\.yaml:\d+:\d+\)/);
});

test('roam drill runs drill documents only: the built-ins are library files, a scenario or a step it cannot run alone is refused', async () => {
  const list = await roam(['drill', '--list'], dir);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^billing-outage +Billing outage/m);
  expect(list.stdout).toMatch(/^hlr-partition +Inter-PLMN partition/m);
  expect(list.stdout).toMatch(/^grx-latency +GRX latency steps/m);

  writeFileSync(
    join(dir, 'scenario.roam.yaml'),
    `scenario: just an attach
world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01, agreement: { tariff: eu-regulated } }] }
subscribers: { roamers: { count: 1 } }
steps:
  - attach: { who: roamers, visited: 208-01 }
`,
  );
  const scenario = await roam(['drill', 'scenario.roam.yaml'], dir);
  expect(scenario.code).toBe(2);
  expect(scenario.stderr).toMatch(
    /^\[roam\] Failed to load drill scenario\.roam\.yaml: it holds 0 drills and 1 scenario\. Give a file with one drill document/,
  );

  writeFileSync(
    join(dir, 'calls.roam.yaml'),
    `drill: calls during a partition
hypothesis: calls fail only while the HLR is unreachable
world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01, agreement: { tariff: eu-regulated } }] }
subscribers: { roamers: { count: 2 } }
steady-state: { attach_success: 'rate>=99%' }
method:
  - call: { who: roamers, to: '+33100000000' }
  - fault: { link: 'vlr:208-01 -> hlr:262-01', partition: true, at: 0s, for: 1s }
`,
  );
  const calls = await roam(['drill', 'calls.roam.yaml', '--quiet'], dir);
  expect(calls.code).toBe(2);
  expect(calls.stderr).toContain(
    'Failed to run drill "calls during a partition" on its own: method[0]: a call step runs only under "roam run"',
  );
});
