import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import { startBrokenHlr } from '../conformance/test-support/broken-hlr.js';
import { repoRoot } from './support/inline-project.js';
import { ROAM_CLI, runRoam } from './support/roam-cli.js';

// `roam lab up` and `roam certify` as a user runs them: the built CLI in subprocesses.

let dir: string;
test.beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'roam-certify-'))));
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));
const roam = (...args: string[]) => runRoam(args, { cwd: dir, env: { ROAM_EVIDENCE_KEY: '' } });

interface Lab {
  endpoints(): Promise<{ hlr: Record<string, string>; vlr: Record<string, string>; billing: Record<string, string> }>;
  stdout(): string;
  stop(): Promise<void>;
}

async function startLab(args: string[]): Promise<Lab> {
  const child = spawn(process.execPath, [ROAM_CLI, 'lab', 'up', '--port', '0', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ROAM_DEBUG: '' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await expect.poll(() => out.includes('[roam] Ready.') || child.exitCode !== null, { timeout: 60_000 }).toBe(true);
  expect(child.exitCode, err).toBeNull();
  const labUrl = /^ {2}endpoints\s+(http:\/\/\S+)\/endpoints/m.exec(out)![1]!;
  return {
    endpoints: async () => (await (await fetch(`${labUrl}/endpoints`)).json()) as Awaited<ReturnType<Lab['endpoints']>>,
    stdout: () => out,
    stop: async () => {
      child.kill('SIGINT');
      await closed;
    },
  };
}

test('roam lab up prints and serves the URL of every element; roam certify --role hlr on that URL exits 0 and writes the evidence', async () => {
  test.setTimeout(120_000);
  const lab = await startLab(['--visited', '208-01']);
  try {
    const endpoints = await lab.endpoints();
    for (const [role, plmn] of [
      ['hlr', '262-01'],
      ['billing', '262-01'],
      ['vlr', '208-01'],
    ] as const) {
      expect(endpoints[role][plmn], role).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lab.stdout()).toMatch(new RegExp(`^ {2}${role} ${plmn} +${endpoints[role][plmn]!.replace(/\./g, '\\.')} `, 'm'));
    }
    const target = endpoints.hlr['262-01']!;
    const run = await roam('certify', '--role', 'hlr', '--target', target, '--partner', 'DEUEX', '--output', 'out');
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(
      /^\[roam\] HLR\/HSS conformance of http:\/\/127\.0\.0\.1:\d+ \(roaming-harness \S+\) against roam-hlr 1\.0\.0:$/m,
    );
    expect(run.stdout).toContain('NOT signed: pass --key');
    const bundle = join(dir, 'out', 'evidence');
    const described = JSON.parse(readFileSync(join(bundle, 'run.json'), 'utf8'));
    expect(described.implementationUnderTest).toEqual({
      role: 'hlr',
      target,
      protocol: 'http',
      implementation: 'roaming-harness',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      contract: 'roam-hlr',
      contractVersion: '1.0.0',
      partner: 'DEUEX',
    });
    expect(described.partners).toEqual({ partner: ['DEUEX'] });
    expect(JSON.parse(readFileSync(join(bundle, 'statement.json'), 'utf8')).predicate).toMatchObject({ result: 'PASSED', failedTests: [] });
    expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toMatch(
      /<testsuites id="" name="HLR\/HSS conformance" tests="20" failures="0" skipped="0"/,
    );
    expect(readdirSync(join(dir, 'out', 'allure-results')).filter((f) => f.endsWith('-result.json'))).toHaveLength(20);
    expect(existsSync(join(dir, 'out', 'evidence.tar.gz'))).toBe(true);
    const verified = await roam('evidence', 'verify', 'out/evidence', '--allow-unsigned');
    expect(verified.code, verified.output).toBe(0);
  } finally {
    await lab.stop();
  }
});

test('roam certify against a broken HLR exits 1, naming each failed procedure and expectation; a baseline turns known failures into xfail', async () => {
  test.setTimeout(60_000);
  await using broken = await startBrokenHlr('flipped-autn');
  const failed = await roam('certify', '--role', 'hlr', '--target', broken.url, '--output', 'broken', '--only', '^HLR-AUTH');
  expect(failed.code, failed.output).toBe(1);
  expect(failed.stdout).toMatch(/^ {2}HLR-AUTH-01 +NEW \(FAIL\) +SendAuthInfo for a provisioned IMSI returns vectors the SIM accepts$/m);
  expect(failed.stdout).toContain(
    "SendAuthInfo (1 vector asked) for a provisioned IMSI: expected 1 vector whose AUTN verifies with the SIM's K",
  );
  expect(JSON.parse(readFileSync(join(dir, 'broken', 'evidence', 'statement.json'), 'utf8')).predicate.result).toBe('FAILED');

  // Recorded as the baseline, the same failures are known: the gate passes, each reported as xfail.
  const recorded = await roam(
    'certify',
    '--role',
    'hlr',
    '--target',
    broken.url,
    '--output',
    'record',
    '--only',
    '^HLR-AUTH',
    '--update-baseline',
    'hlr.baseline.json',
  );
  expect(recorded.code, recorded.output).toBe(0);
  const baseline = JSON.parse(readFileSync(join(dir, 'hlr.baseline.json'), 'utf8'));
  expect(baseline.cases['HLR-AUTH-01']).toEqual({ expected: 'xfail', reason: expect.stringContaining('SendAuthInfo (1 vector asked)') });
  expect(baseline.cases['HLR-AUTH-07']).toEqual({ expected: 'pass' });
  const known = await roam(
    'certify',
    '--role',
    'hlr',
    '--target',
    broken.url,
    '--output',
    'known',
    '--only',
    '^HLR-AUTH',
    '--baseline',
    'hlr.baseline.json',
  );
  expect(known.code, known.output).toBe(0);
  expect(known.stdout).toMatch(/^ {2}HLR-AUTH-01 +xfail +/m);
  expect(known.stdout).toMatch(/gate passed$/m);
  expect(JSON.parse(readFileSync(join(dir, 'known', 'evidence', 'statement.json'), 'utf8')).predicate.result).toBe('WARNED');
});

test('a case that passed in the baseline and fails now is pass->FAIL, and the run exits 1', async () => {
  test.setTimeout(60_000);
  const good = await roam(
    'certify',
    '--role',
    'hlr',
    '--target',
    'builtin',
    '--output',
    'good',
    '--only',
    '^HLR-AUTH-0[17]$',
    '--update-baseline',
    'b.json',
  );
  expect(good.code, good.output).toBe(0);
  await using broken = await startBrokenHlr('flipped-autn');
  const regressed = await roam(
    'certify',
    '--role',
    'hlr',
    '--target',
    broken.url,
    '--output',
    'bad',
    '--only',
    '^HLR-AUTH-0[17]$',
    '--baseline',
    'b.json',
  );
  expect(regressed.code).toBe(1);
  expect(regressed.stdout).toMatch(/^ {2}HLR-AUTH-01 +pass->FAIL +/m);
  expect(regressed.stdout).toMatch(/^ {2}HLR-AUTH-07 +pass +/m);
  expect(regressed.stdout).toMatch(/1 pass, 1 pass->FAIL; gate FAILED$/m);
});

test('roam certify --key signs the evidence, which a partner verifies with the public key', async () => {
  expect((await roam('evidence', 'keygen', '--output', 'keys/home')).code).toBe(0);
  const run = await roam(
    'certify',
    '--role',
    'billing',
    '--target',
    'builtin',
    '--output',
    'signed',
    '--only',
    '^BILL-EVT-0[12]$',
    '--key',
    'keys/home.key',
  );
  expect(run.code, run.output).toBe(0);
  expect(run.stdout).toMatch(/\(test result PASSED; signed by home\.key \(keyid [0-9a-f]{64}\)\)$/m);
  const verified = await roam('evidence', 'verify', 'signed/evidence.tar.gz', '--key', 'keys/home.pub');
  expect(verified.code, verified.output).toBe(0);
  expect(verified.stdout).toMatch(/test result PASSED \(2 passed, 0 warned, 0 failed\)/);
});

test('roam certify refuses bad input with exit 2: no role, a bad TADIG, an HSS over S6a without subscribers, Diameter over TLS', async () => {
  expect((await roam('certify', '--target', 'builtin')).stderr).toMatch(
    /^\[roam\] Failed to run roam certify: no --role: give the role of the implementation under test, one of hlr, vlr, billing\./,
  );
  const tadig = await roam('certify', '--role', 'hlr', '--target', 'builtin', '--partner', 'de');
  expect(tadig.code).toBe(2);
  expect(tadig.stderr).toMatch(/^\[roam\] Failed to run roam certify: the partner partner's TADIG code "de" is not 5 characters/);
  const diameter = await roam('certify', '--role', 'hlr', '--target', 'diameter://127.0.0.1:3868', '--output', 'd');
  expect(diameter.code).toBe(2);
  expect(diameter.stderr).toMatch(
    /^\[roam\] Failed to run roam certify: diameter:\/\/127\.0\.0\.1:3868 is an HSS over S6a, which the suite cannot provision: give --subscribers <csv>/,
  );
  const tls = await roam('certify', '--role', 'hlr', '--target', 'diameters://127.0.0.1:3868', '--output', 'd');
  expect(tls.code).toBe(2);
  expect(tls.stderr).toMatch(
    /^\[roam\] Failed to use "diameters:\/\/127\.0\.0\.1:3868" as the hlr of the conformance run: Diameter over TLS is not supported/,
  );
  const vlr = await roam('certify', '--role', 'vlr', '--target', 'diameter://127.0.0.1:3868', '--output', 'd');
  expect(vlr.code).toBe(2);
  expect(vlr.stderr).toMatch(/a diameter element cannot be the vlr/);
});

test('roam certify against a target where nothing listens stops before any case, and writes nothing', async () => {
  // A port that was just free: nothing listens on it once the server is closed.
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const down = await roam('certify', '--role', 'hlr', '--target', `http://127.0.0.1:${port}`, '--output', 'down');
  expect(down.code).toBe(1);
  expect(down.stderr.split('\n').at(-2)! + '\n').toBe(
    `[roam] Failed to set up http://127.0.0.1:${port} for the conformance suite: 127.0.0.1:${port} is unreachable ` +
      '(connection refused: nothing listens there). Start the implementation under test there, or fix --target.\n',
  );
  expect(existsSync(join(dir, 'down'))).toBe(false);
});

test('roam lab up --hlr osmo-hlr lists its HLR as gsup:// with its VTY, and roam certify passes it with its baseline', async () => {
  test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');
  test.setTimeout(120_000);
  const lab = await startLab(['--visited', '208-01', '--hlr', 'osmo-hlr']);
  try {
    const target = (await lab.endpoints()).hlr['262-01']!;
    expect(target).toMatch(/^gsup:\/\/127\.0\.0\.\d+:4222\?vty=4258$/);
    expect(lab.stdout()).toMatch(new RegExp(`^ {2}hlr 262-01 +${target.replace(/[.?]/g, (c) => `\\${c}`)} `, 'm'));
    const baseline = join(repoRoot, 'conformance', 'baselines', 'osmo-hlr.hlr.json');
    const run = await roam('certify', '--role', 'hlr', '--target', target, '--output', 'osmo', '--baseline', baseline);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(/^ {2}HLR-LOC-04 +xfail +/m);
    expect(JSON.parse(readFileSync(join(dir, 'osmo', 'evidence', 'run.json'), 'utf8')).implementationUnderTest).toMatchObject({
      // The VTY port is how the suite provisions, not who the HLR is.
      target: target.replace(/\?.*$/, ''),
      protocol: 'gsup',
      implementation: 'osmo-hlr',
    });
  } finally {
    await lab.stop();
  }
});
