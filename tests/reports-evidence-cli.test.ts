import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runNode } from './support/inline-project.js';

// `roam evidence` as a partner runs it: the built CLI in a subprocess, judged by exit code and output.
const cli = join(repoRoot, 'dist', 'cli', 'main.js');
const KEY = 'evidence-cli-test-key';

test('roam evidence build, then verify: untouched passes; a changed byte, an added and a removed file fail, each named', async () => {
  const dir = join(repoRoot, '.inline', `evidence-cli-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(join(dir, 'allure-results'), { recursive: true });
    writeFileSync(join(dir, 'allure-results', 'x-result.json'), '{"name":"IR24-LU-01","status":"passed"}');
    writeFileSync(join(dir, 'events.jsonl'), '{"event_type":"attach","subscriber_id":"sub_0123456789abcdef"}\n');
    writeFileSync(join(dir, 'attach.roam.yaml'), 'scenario: x\n');
    const env = { ROAM_EVIDENCE_KEY: KEY };
    const built = await runNode(
      [
        cli,
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
      ],
      dir,
      env,
    );
    expect(built.code, built.output).toBe(0);
    expect(built.output).toContain(`[roam] Evidence bundle: ${join(dir, 'bundle')} (5 files, signed)`);
    expect(built.output).toContain(`[roam] Evidence archive: ${join(dir, 'bundle.tar.gz')}`);
    expect(readFileSync(join(dir, 'bundle', 'run.json'), 'utf8')).toContain('"seed": "7"');

    const untouched = await runNode([cli, 'evidence', 'verify', 'bundle'], dir, env);
    expect(untouched.code, untouched.output).toBe(0);
    expect(untouched.output).toContain('[roam] Evidence verified: bundle: all 5 files match the manifest; signature valid.');
    const archive = await runNode([cli, 'evidence', 'verify', 'bundle.tar.gz', '--require-signature'], dir, env);
    expect(archive.code, archive.output).toBe(0);

    const wrongKey = await runNode([cli, 'evidence', 'verify', 'bundle'], dir, { ROAM_EVIDENCE_KEY: 'not-the-key' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.output).toContain('signature INVALID');

    const events = join(dir, 'bundle', 'events', 'events.jsonl');
    const bytes = readFileSync(events);
    bytes[0] = bytes[0]! ^ 0x20;
    writeFileSync(events, bytes);
    writeFileSync(join(dir, 'bundle', 'results', 'extra.json'), '{}');
    unlinkSync(join(dir, 'bundle', 'specs', 'attach.roam.yaml'));
    const tampered = await runNode([cli, 'evidence', 'verify', 'bundle'], dir, env);
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain('[roam] Evidence does NOT verify: bundle: 3 problems');
    expect(tampered.output).toMatch(/^ {2}changed: events\/events\.jsonl$/m);
    expect(tampered.output).toMatch(/^ {2}added: {3}results\/extra\.json$/m);
    expect(tampered.output).toMatch(/^ {2}removed: specs\/attach\.roam\.yaml$/m);
    expect(tampered.output).not.toContain(KEY);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('roam evidence verify without a bundle says what to pass', async () => {
  const missing = await runNode([cli, 'evidence', 'verify', join(repoRoot, '.inline', 'no-such-bundle')], repoRoot);
  expect(missing.code).toBe(1);
  expect(missing.output).toMatch(
    /\[roam\] Failed to verify the evidence at .*no-such-bundle: nothing is there\. Pass the bundle folder or its \.tar\.gz\./,
  );
  const help = await runNode([cli, 'evidence', '--help'], repoRoot);
  expect(help.code, help.output).toBe(0);
  expect(help.output).toContain('roam evidence verify <dir | archive.tar.gz>');
});
