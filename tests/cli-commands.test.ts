import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './support/inline-project.js';
import { ROAM_CLI as CLI, runRoam } from './support/roam-cli.js';

// Each `roam` subcommand as a user runs it: the built CLI in a subprocess, a success and a bad input.

function roam(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}) {
  return runRoam(args, { cwd, env: { ROAM_EVIDENCE_KEY: '', ...env } });
}

/** Bad input: exit 2, nothing on stdout, exactly one `[roam]` line on stderr. */
function expectOneLineError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^\[roam\] [^\n]+\n$/);
  expect(result.stderr).toMatch(pattern);
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roam-cli-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('roam help lists every command, each has --help, and an unknown command is one line', async () => {
  const help = await roam(['help']);
  expect(help.code).toBe(0);
  for (const label of [
    'run',
    'validate',
    'drill',
    'lab up',
    'subscribers generate',
    'events export',
    'tap decode',
    'report',
    'evidence build|verify',
    'toxiproxy',
    'demo',
  ]) {
    expect(help.stdout).toMatch(new RegExp(`^  ${label.replace('|', '\\|')} +\\S`, 'm'));
  }
  for (const command of ['run', 'validate', 'drill', 'lab', 'subscribers', 'events', 'tap', 'report', 'evidence', 'toxiproxy', 'demo']) {
    const own = await roam([command, '--help']);
    expect(own.code, command).toBe(0);
    expect(own.stdout, command).toContain(`roam ${command}`);
    expect(own.stdout, command).toMatch(/Usage:/);
  }
  expectOneLineError(
    await roam(['lob']),
    /Failed to run roam lob: there is no command "lob"\. Did you mean "lab"\? Run "roam help" for the list: run, validate, drill, lab, /,
  );
  expectOneLineError(
    await roam(['subscribers', 'generate', '--colour']),
    /^\[roam\] Failed to run roam subscribers generate: Unknown option '--colour'\. Run "roam subscribers generate --help" for the options\.\n$/,
  );
});

test('errors carry no stack trace unless ROAM_DEBUG=1', async () => {
  const plain = await roam(['events', 'export', '--from', join(dir, 'nowhere')]);
  expect(plain.stderr).not.toMatch(/\n\s+at /);
  const debug = await roam(['events', 'export', '--from', join(dir, 'nowhere')], repoRoot, { ROAM_DEBUG: '1' });
  expect(debug.code).toBe(2);
  expect(debug.stderr).toMatch(/^CliError: \[roam\] Failed to export events from .*nowhere/);
  expect(debug.stderr).toMatch(/\n\s+at .*events[-\w]*\.js:\d+/);
});

test('roam subscribers generate: seeded CSV and JSON; keys only with --with-keys, with a warning', async () => {
  const csv = await roam(['subscribers', 'generate', '--count', '3', '--home', '208-01', '--seed', '7']);
  expect(csv.code).toBe(0);
  expect(csv.stderr).toBe('');
  const [header, ...rows] = csv.stdout.trim().split('\n');
  expect(header).toBe('imsi,msisdn,home,profile');
  expect(rows).toHaveLength(3);
  for (const row of rows) expect(row).toMatch(/^20801\d{10},\+33[67]\d{8},208-01,consumer$/);
  expect((await roam(['subscribers', 'generate', '--count', '3', '--home', '208-01', '--seed', '7'])).stdout).toBe(csv.stdout);
  expect((await roam(['subscribers', 'generate', '--count', '3', '--home', '208-01', '--seed', '8'])).stdout).not.toBe(csv.stdout);

  const file = join(dir, 'subscribers.json');
  const keyed = await roam(['subscribers', 'generate', '--count', '2', '--with-keys', '--output', file]);
  expect(keyed.code).toBe(0);
  expect(keyed.stderr).toContain("[roam] WARNING: --with-keys writes each SIM's K and OPc IN CLEAR");
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>[];
  expect(json).toHaveLength(2);
  expect(Object.keys(json[0]!)).toEqual(['imsi', 'msisdn', 'home', 'profile', 'k', 'opc']);
  expect(json[0]!['k']).toMatch(/^[0-9a-f]{32}$/);
  // Only the owner may read the keys, even when the file was there before with wider permissions.
  expect(statSync(file).mode & 0o777).toBe(0o600);
  chmodSync(file, 0o644);
  expect((await roam(['subscribers', 'generate', '--count', '1', '--with-keys', '--output', file])).code).toBe(0);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(csv.stdout).not.toMatch(/[0-9a-f]{32}/);

  expectOneLineError(
    await roam(['subscribers', 'generate', '--home', '2620-1']),
    /--home is "2620-1", not a PLMN; write MCC-MNC, e\.g\. 262-01\./,
  );
  expectOneLineError(await roam(['subscribers', 'generate', '--count', 'lots']), /--count is "lots", not a whole number/);
  // No country, so no MSISDN range: refused rather than given another country's numbers.
  expectOneLineError(
    await roam(['subscribers', 'generate', '--home', '262-99']),
    /--home 262-99 is not in the MCC\/MNC reference data \(E\.212\): networks of MCC 262 include 262-01/,
  );
  expectOneLineError(await roam(['subscribers', 'generate', '--home', '999-99']), /--home 999-99 does not roam/);
});

const VALID_SPEC = `scenario: A German roamer attaches in France
id: IR24-LU-01
tags: [attach, smoke]
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
subscribers:
  travellers: { count: 1, home: 262-01 }
steps:
  - attach: { who: travellers, visited: 208-01 }
expect:
  transitions:
    attach: [IDLE, AUTHENTICATING, UPDATING_LOCATION, REGISTERED]
`;

test('roam validate: exit 0 for valid specs, 2 with every problem as file:line:col', async () => {
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'ok.roam.yaml'), VALID_SPEC);
  const ok = await roam(['validate', 'specs/*.roam.yaml'], dir);
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stdout).toBe('[roam] Valid: 1 spec file (specs/ok.roam.yaml).\n');

  writeFileSync(
    join(dir, 'specs', 'bad.roam.yaml'),
    VALID_SPEC.replace('count: 1', 'count: one').replace('visited: 208-01 }', 'visited: 208-1 }'),
  );
  const bad = await roam(['validate', 'specs/*.roam.yaml'], dir);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^ {2}specs\/bad\.roam\.yaml:9:\d+ {2}subscribers\.travellers\.count /m);
  expect(bad.stderr).toMatch(/^ {2}specs\/bad\.roam\.yaml:11:\d+ {2}steps\[0\]\.attach\.visited /m);
  expect(bad.stderr).toContain('✖ 2 problems in 1 file');
  expect(bad.stderr).not.toContain('ok.roam.yaml');

  expectOneLineError(await roam(['validate'], dir), /no spec files given/);
  // A file or glob that matches nothing is an error of its own, even beside one that matches.
  const missing = await roam(['validate', 'specs/ok.roam.yaml', 'specs/okk.roam.yaml'], dir);
  expectOneLineError(
    missing,
    /^\[roam\] Failed to validate: "specs\/okk\.roam\.yaml" matches no file in .*\. Give the path of a spec file/,
  );
  expect(missing.code).toBe(2);
  expect(missing.stderr).not.toContain(':1:1');
});

test('roam events export: JSON Lines from an allure-results folder, filtered; a missing source is one line', async () => {
  const results = join(dir, 'allure-results');
  mkdirSync(results);
  const event = (result: string, i: number) =>
    JSON.stringify({
      event_type: 'attach',
      timestamp: `2026-01-01T00:00:0${i}.000Z`,
      subscriber_id: `sub-${i}`,
      visited_mcc_mnc: '208-01',
      latency_ms: 12,
      result,
      failure_reason: result === 'failure' ? 'ROAMING_NOT_ALLOWED' : null,
      correlation_id: `c${i}`,
      transition: null,
    });
  writeFileSync(join(results, 'b-attachment.jsonl'), `${event('failure', 2)}\n`);
  writeFileSync(join(results, 'a-attachment.jsonl'), `${event('success', 1)}\n`);
  writeFileSync(join(results, 'other.jsonl'), 'not json\n');
  writeFileSync(join(results, 'x-result.json'), '{}');
  // As allure-playwright writes a run's event log: a .txt attachment, named in a step of the result.
  writeFileSync(join(results, 'c-attachment.txt'), `${event('success', 3)}\n`);
  writeFileSync(join(results, 'd-attachment.txt'), `${event('success', 4)}\n`);
  writeFileSync(
    join(results, 'y-result.json'),
    JSON.stringify({
      attachments: [{ name: 'Some log', source: 'd-attachment.txt', type: 'text/plain' }],
      steps: [
        {
          name: 'attach',
          steps: [],
          attachments: [{ name: 'Event log excerpt, JSON Lines (1 of 1 events)', source: 'c-attachment.txt', type: 'text/plain' }],
        },
      ],
    }),
  );
  const all = await roam(['events', 'export', '--from', results]);
  expect(all.code, all.stderr).toBe(0);
  expect(
    all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).subscriber_id),
  ).toEqual(['sub-1', 'sub-2', 'sub-3']);
  const failures = await roam(['events', 'export', '--from', results, '--result', 'failure', '--output', join(dir, 'f.jsonl')]);
  expect(failures.code).toBe(0);
  expect(failures.stderr).toBe(`[roam] Wrote 1 event to ${join(dir, 'f.jsonl')}\n`);
  expect(JSON.parse(readFileSync(join(dir, 'f.jsonl'), 'utf8')).failure_reason).toBe('ROAMING_NOT_ALLOWED');
  const typo = await roam(['events', 'export', '--from', results, '--type', 'atach']);
  expect(typo.code).toBe(0);
  expect(typo.stdout).toBe('');
  expect(typo.stderr).toBe('[roam] No event has --type atach; the types here are attach\n');
  const emptyFolder = join(dir, 'empty-results');
  mkdirSync(emptyFolder);
  expectOneLineError(await roam(['events', 'export', '--from', emptyFolder]), /the folder holds no event log/);

  expectOneLineError(
    await roam(['events', 'export', '--from', join(dir, 'nowhere')]),
    /Failed to export events from .*nowhere: no such folder and not a URL/,
  );
  const down = await roam(['events', 'export', '--from', 'http://127.0.0.1:9']);
  expect(down.code).toBe(1);
  expect(down.stderr).toMatch(
    /^\[roam\] Failed to export events from http:\/\/127\.0\.0\.1:9\/events: .+\. Check "roam lab up" is running there/,
  );
});

test('roam report builds the HTML report from results; a missing results folder is one line', async () => {
  const results = join(dir, 'allure-results');
  mkdirSync(results);
  writeFileSync(
    join(results, '0b1c-result.json'),
    JSON.stringify({
      uuid: '0b1c',
      historyId: 'h1',
      name: 'attach in France',
      fullName: 'roaming: attach in France',
      status: 'passed',
      stage: 'finished',
      start: 1,
      stop: 2,
      labels: [],
      steps: [],
      attachments: [],
      parameters: [],
    }),
  );
  const ok = await roam(['report', '--results', results, '--output', join(dir, 'report'), '--no-history', '--single-file'], dir);
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stdout).toMatch(/\[roam\] Allure report: .*report.*index\.html/);
  expect(readFileSync(join(dir, 'report', 'index.html'), 'utf8')).toContain('<html');
  const bad = await roam(['report', '--results', join(dir, 'none'), '--output', join(dir, 'r2'), '--no-history'], dir);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/^\[roam\] [^\n]+\n$/);
  mkdirSync(join(dir, 'empty-results'));
  const empty = await roam(['report', '--results', join(dir, 'empty-results'), '--output', join(dir, 'r3'), '--no-history'], dir);
  expect(empty.code).not.toBe(0);
  expect(empty.stderr).toMatch(
    /^\[roam\] Failed to build the HTML report: .*empty-results holds no test result\. Give the allure-results folder of a run/,
  );
  expect(existsSync(join(dir, 'r3'))).toBe(false);
});

test('roam evidence verify: a signed bundle verifies with its public key; a changed file fails naming it', async () => {
  writeFileSync(join(dir, 'attach.roam.yaml'), VALID_SPEC);
  expect((await roam(['evidence', 'keygen', '--output', 'home'], dir)).code).toBe(0);
  const built = await roam(
    // Specs alone, no test results: a bundle that certifies no test has to be asked for.
    ['evidence', 'build', '--output', 'bundle', '--specs', 'attach.roam.yaml', '--key', 'home.key', '--no-archive', '--allow-empty'],
    dir,
  );
  expect(built.code, built.stderr).toBe(0);
  const ok = await roam(['evidence', 'verify', 'bundle', '--key', 'home.pub'], dir);
  expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  expect(ok.stdout).toMatch(/^\[roam\] Evidence verified: bundle: all \d+ files match the signed statement; signed by home\.pub/);
  // Without a key, a signed bundle does not pass.
  expect((await roam(['evidence', 'verify', 'bundle'], dir)).code).toBe(1);
  const statement = JSON.parse(readFileSync(join(dir, 'bundle', 'statement.json'), 'utf8')) as { subject: { name: string }[] };
  const specPath = statement.subject.find((s) => s.name.endsWith('attach.roam.yaml'))!.name;
  writeFileSync(join(dir, 'bundle', specPath), VALID_SPEC.replace('France', 'Spain'));
  const tampered = await roam(['evidence', 'verify', 'bundle', '--key', 'home.pub'], dir);
  expect(tampered.code).toBe(1);
  expect(tampered.stdout).toBe(`[roam] Evidence does NOT verify: bundle: changed: ${specPath}\n`);
});

test('roam toxiproxy serves until SIGINT; a bad --port is one line', async () => {
  const child = spawn(process.execPath, [CLI, 'toxiproxy', '--port', '0'], { cwd: dir });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await expect.poll(() => /listening on (http:\/\/\S+)/.exec(out)?.[1], { timeout: 15_000 }).toBeTruthy();
    const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    expect(await (await fetch(`${url}/version`)).text()).toContain('2.12.0');
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/version`)).rejects.toThrow();
  } finally {
    child.kill('SIGKILL');
  }
  const bad = await roam(['toxiproxy', '--port', '99999']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe('[roam] Failed to start Toxiproxy: --port 99999 is not a TCP port. Give a number from 0 to 65535.\n');
});
