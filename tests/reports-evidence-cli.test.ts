import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanForSecrets } from '../reporters/redaction/secret-scan.js';
import { tarGz } from './support/evidence-fixtures.js';
import { runRoam } from './support/roam-cli.js';

// `roam evidence` as two roaming partners run it: the built CLI in a subprocess, judged by exit code and output.

let dir: string;
const roam = (...args: string[]) => runRoam(args, { cwd: dir, env: { ROAM_EVIDENCE_KEY: '' } });

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roam-evidence-cli-'));
  mkdirSync(join(dir, 'allure-results'), { recursive: true });
  writeFileSync(join(dir, 'allure-results', 'x-result.json'), '{"name":"IR24-LU-01: attach in France","status":"passed"}');
  writeFileSync(join(dir, 'events.jsonl'), '{"event_type":"attach","subscriber_id":"sub_0123456789abcdef"}\n');
  writeFileSync(join(dir, 'attach.roam.yaml'), 'scenario: x\n');
  for (const name of ['home', 'visited']) {
    const made = await roam('evidence', 'keygen', '--output', join('keys', name));
    expect(made.code, made.stderr).toBe(0);
  }
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function build(...extra: string[]) {
  const built = await roam(
    'evidence',
    'build',
    '--output',
    'bundle',
    '--specs',
    'attach.roam.yaml',
    '--results',
    'allure-results',
    '--events',
    'events.jsonl',
    '--seed',
    '7',
    '--partner',
    'home=DEUEX',
    '--partner',
    'visited=FRAEX',
    ...extra,
  );
  expect(built.code, built.stderr).toBe(0);
  return built;
}

test('keygen, build --key, verify --key: untouched passes; a changed, an added and a removed file fail, each named', async () => {
  const made = await roam('evidence', 'keygen', '--output', join('keys', 'third'));
  expect(made.stdout).toMatch(/^\[roam\] Evidence key pair made \(ed25519, keyid [0-9a-f]{64}\):$/m);
  const privateKey = readFileSync(join(dir, 'keys', 'home.key'), 'utf8');
  expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(readFileSync(join(dir, 'keys', 'home.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  expect((await roam('evidence', 'keygen', '--output', join('keys', 'home'))).stderr).toMatch(
    /^\[roam\] Failed to write the evidence key pair keys\/home: .*home\.key exists\. Choose another --output/,
  );

  const built = await build('--key', join('keys', 'home.key'));
  expect(built.stdout).toMatch(
    new RegExp(
      `^\\[roam\\] Evidence bundle: ${join(dir, 'bundle')} \\(6 files, test result PASSED; signed by home\\.key \\(ed25519, keyid [0-9a-f]{64}\\)\\)$`,
      'm',
    ),
  );
  expect(built.stdout).toContain(`[roam] Evidence archive: ${join(dir, 'bundle.tar.gz')}`);
  expect(JSON.parse(readFileSync(join(dir, 'bundle', 'run.json'), 'utf8'))).toMatchObject({
    world: { seed: '7' },
    partners: { visited: ['FRAEX'] },
  });

  for (const target of ['bundle', 'bundle.tar.gz']) {
    const ok = await roam('evidence', 'verify', target, '--key', join('keys', 'home.pub'));
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(
        `^\\[roam\\] Evidence verified: ${target.replace('.', '\\.')}: all 6 files match the signed statement; signed by home\\.pub \\(keyid [0-9a-f]{64}\\); test result PASSED \\(1 passed, 0 warned, 0 failed\\)\\.\\n$`,
      ),
    );
  }

  const events = join(dir, 'bundle', 'events', 'events.jsonl');
  const bytes = readFileSync(events);
  bytes[0] = bytes[0]! ^ 0x20;
  writeFileSync(events, bytes);
  writeFileSync(join(dir, 'bundle', 'results', 'extra.json'), '{}');
  unlinkSync(join(dir, 'bundle', 'specs', 'attach.roam.yaml'));
  const tampered = await roam('evidence', 'verify', 'bundle', '--key', join('keys', 'home.pub'));
  expect(tampered.code).toBe(1);
  expect(tampered.stdout).toBe(
    [
      '[roam] Evidence does NOT verify: bundle: 3 problems',
      '  changed: events/events.jsonl',
      '  added: results/extra.json',
      '  removed: specs/attach.roam.yaml',
      '',
    ].join('\n'),
  );
  // The private key is in no output and no bundled file.
  const secret = { 'the private key': privateKey.replace(/-----[A-Z ]+-----|\s/g, '') };
  expect(JSON.stringify([made, built, tampered])).not.toContain(secret['the private key']);
  expect(scanForSecrets(join(dir, 'bundle'), secret).findings).toEqual([]);
});

test('verify fails closed, one line each: no key, an unsigned bundle, an unknown key; --allow-unsigned says what it skipped', async () => {
  await build('--key', join('keys', 'home.key'));
  const noKey = await roam('evidence', 'verify', 'bundle.tar.gz');
  expect(noKey.code).toBe(1);
  expect(noKey.stdout).toMatch(
    /^\[roam\] Evidence does NOT verify: bundle\.tar\.gz: signed \(keyid [0-9a-f]{64}\) but no public key was given; pass --key with the signer's public key\n$/,
  );
  const wrongKey = await roam('evidence', 'verify', 'bundle.tar.gz', '--key', join('keys', 'visited.pub'));
  expect(wrongKey.code).toBe(1);
  expect(wrongKey.stdout).toMatch(
    /^\[roam\] Evidence does NOT verify: bundle\.tar\.gz: 2 problems\n {2}signed by a key that was not given .*\n {2}not signed by visited\.pub/,
  );
  const local = await roam('evidence', 'verify', 'bundle.tar.gz', '--allow-unsigned');
  expect(local.code).toBe(0);
  expect(local.stdout).toMatch(
    /^\[roam\] Evidence verified WITHOUT checking signatures \(--allow-unsigned, local use only\): bundle\.tar\.gz: all 6 files match the statement, but anyone could have made it/,
  );

  await build('--replace');
  const unsigned = await roam('evidence', 'verify', 'bundle');
  expect(unsigned.code).toBe(1);
  expect(unsigned.stdout).toBe(
    '[roam] Evidence does NOT verify: bundle: the statement has no signature; pass --allow-unsigned to check only the digests (for local use)\n',
  );
  const privateAsPublic = await roam('evidence', 'verify', 'bundle', '--key', join('keys', 'home.key'));
  expect(privateAsPublic.code).toBe(1);
  expect(privateAsPublic.stderr).toMatch(
    /^\[roam\] Failed to verify with the key home\.key: it is a private key\. Give the public key \(\.pub\) instead/,
  );
});

test('countersign: the visited network signs what the home network signed; both keys are then required', async () => {
  await build('--key', join('keys', 'home.key'));
  const signed = await roam(
    'evidence',
    'countersign',
    'bundle.tar.gz',
    '--key',
    join('keys', 'visited.key'),
    '--signed-by',
    join('keys', 'home.pub'),
  );
  expect(signed.code, signed.stderr).toBe(0);
  expect(signed.stdout).toMatch(
    /^\[roam\] Evidence countersigned: bundle\.tar\.gz by visited\.key \(ed25519, keyid [0-9a-f]{64}\), after checking the signature of home\.pub/,
  );
  const both = await roam('evidence', 'verify', 'bundle.tar.gz', '--key', join('keys', 'home.pub'), '--key', join('keys', 'visited.pub'));
  expect(both.code, both.stdout).toBe(0);
  expect(both.stdout).toMatch(/signed by home\.pub \(keyid [0-9a-f]{64}\) and visited\.pub \(keyid [0-9a-f]{64}\)/);
  const unchecked = await roam('evidence', 'countersign', 'bundle', '--key', join('keys', 'visited.key'));
  expect(unchecked.code).toBe(1);
  expect(unchecked.stderr).toMatch(/^\[roam\] Failed to countersign the evidence at .*bundle: it does not verify \(signed \(keyid/);
});

test('countersigning the folder repacks the archive beside it, so both verify with both keys', async () => {
  await build('--key', join('keys', 'home.key'));
  const signed = await roam(
    'evidence',
    'countersign',
    'bundle',
    '--key',
    join('keys', 'visited.key'),
    '--signed-by',
    join('keys', 'home.pub'),
  );
  expect(signed.code, signed.stderr).toBe(0);
  expect(signed.stdout).toContain(`[roam] Evidence archive repacked with the new signature: ${join(dir, 'bundle.tar.gz')}`);
  for (const bundle of ['bundle', 'bundle.tar.gz']) {
    const both = await roam('evidence', 'verify', bundle, '--key', join('keys', 'home.pub'), '--key', join('keys', 'visited.pub'));
    expect(both.code, `${bundle}: ${both.stdout}`).toBe(0);
  }
  expect(readdirSync(dir).filter((name) => name.startsWith('.') && name.endsWith('.tar.gz'))).toEqual([]);
});

test('an archive bomb and special files exit non-zero with one line, without unpacking', async () => {
  // A header claiming 2 GiB and a few bytes after it: read past the header, and the archive would be found cut short instead.
  writeFileSync(join(dir, 'bomb.tar.gz'), tarGz([{ path: 'run-1/huge.bin', size: 2 ** 31, body: 'x' }], { truncated: true }));
  const bomb = await roam('evidence', 'verify', 'bomb.tar.gz', '--key', join('keys', 'home.pub'));
  expect(bomb.code).toBe(1);
  expect(bomb.stdout).toBe('');
  expect(bomb.stderr).toMatch(
    /^\[roam\] Failed to verify the evidence at .*bomb\.tar\.gz: the archive's file run-1\/huge\.bin is 2048\.0 MiB, past the limit of 256\.0 MiB per file\. [^\n]+\n$/,
  );
  const lowered = await roam('evidence', 'verify', 'bomb.tar.gz', '--max-file-size', '4096', '--max-size', '1');
  expect(lowered.stderr).toMatch(/the archive unpacks past 1\.0 MiB \(at run-1\/huge\.bin\)\. Raise --max-size/);

  writeFileSync(join(dir, 'fifo.tar.gz'), tarGz([{ path: 'run-1/pipe', type: '6' }]));
  const fifo = await roam('evidence', 'verify', 'fifo.tar.gz', '--key', join('keys', 'home.pub'));
  expect(fifo.code).toBe(1);
  expect(fifo.stderr).toMatch(
    /^\[roam\] Failed to verify the evidence at .*fifo\.tar\.gz: the archive holds a FIFO at run-1\/pipe; [^\n]+\n$/,
  );
});

test('roam evidence: help, a missing bundle, and bad input each say what to pass', async () => {
  const missing = await roam('evidence', 'verify', join(dir, 'no-such-bundle'), '--key', join('keys', 'home.pub'));
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(
    /\[roam\] Failed to verify the evidence at .*no-such-bundle: nothing is there\. Pass the bundle folder or its \.tar\.gz\./,
  );
  const help = await roam('evidence', '--help');
  expect(help.code, help.stderr).toBe(0);
  for (const usage of [
    'roam evidence keygen --output <name>',
    'roam evidence build --output <dir> [--key <private.key>]',
    'roam evidence countersign <dir | archive.tar.gz>',
    'roam evidence verify <dir | archive.tar.gz> --key <public.pub>',
  ]) {
    expect(help.stdout).toContain(usage);
  }
  const noPath = await roam('evidence', 'verify');
  expect(noPath.code).toBe(2);
  expect(noPath.stderr).toBe(
    '[roam] Failed to run roam evidence verify: no bundle given: pass <dir | archive.tar.gz>. Run "roam evidence verify --help" for the options.\n',
  );
  const badPartner = await roam('evidence', 'build', '--output', 'b', '--partner', 'FRAEX');
  expect(badPartner.code).toBe(2);
  expect(badPartner.stderr).toMatch(/--partner "FRAEX" is not <name>=<value>/);
  const unknown = await roam('evidence', 'sign');
  expect(unknown.code).toBe(2);
  // A shared secret left in ROAM_EVIDENCE_KEY from before is refused, and not repeated.
  const oldSecret = await runRoam(['evidence', 'build', '--output', 'b', '--specs', 'attach.roam.yaml'], {
    cwd: dir,
    env: { ROAM_EVIDENCE_KEY: 'partner-shared-secret-0123' },
  });
  expect(oldSecret.code).toBe(1);
  expect(oldSecret.stderr).toBe(
    '[roam] Failed to sign with the key ROAM_EVIDENCE_KEY names: it is not the path of a file. Set ROAM_EVIDENCE_KEY to the path of a PEM private key made by "roam evidence keygen" (it no longer holds a shared secret).\n',
  );
});

test('build refuses a bundle that certifies no test, leaves nothing behind, and --allow-empty builds it anyway', async () => {
  const hint =
    "Pass --results with the run's allure-results, Playwright JSON report or JUnit XML (roam demo writes roam-demo/allure-results), or --allow-empty to bundle without test results.";
  const noResults = await roam('evidence', 'build', '--output', 'empty', '--specs', 'attach.roam.yaml');
  expect(noResults.code).toBe(1);
  expect(noResults.stderr).toBe(
    `[roam] Failed to build the evidence bundle: no test results were given (--results), so it would certify nothing. ${hint}\n`,
  );
  expect(existsSync(join(dir, 'empty'))).toBe(false);

  // Results that hold no test: e.g. a folder the run never wrote into.
  mkdirSync(join(dir, 'no-tests'));
  writeFileSync(join(dir, 'no-tests', 'environment.properties'), 'HLR=mock\n');
  const noTests = await roam('evidence', 'build', '--output', 'empty', '--results', 'no-tests');
  expect(noTests.code).toBe(1);
  expect(noTests.stderr).toBe(
    `[roam] Failed to build the evidence bundle: the results given (no-tests) hold no test outcome; the bundle was removed, so it would certify nothing. ${hint}\n`,
  );
  expect(existsSync(join(dir, 'empty'))).toBe(false);
  expect(existsSync(join(dir, 'empty.tar.gz'))).toBe(false);

  const allowed = await roam('evidence', 'build', '--output', 'empty', '--results', 'no-tests', '--allow-empty');
  expect(allowed.code, allowed.stderr).toBe(0);
  expect(allowed.stdout).toMatch(/^\[roam\] Evidence bundle: .*empty \(\d+ files, test result WARNED; NOT signed/);
});
