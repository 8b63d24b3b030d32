import { test, expect } from '@playwright/test';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { scanForSecrets } from '../redaction/secret-scan.js';
import { buildEvidence } from './build-evidence.js';
import { verifyEvidence } from './verify-evidence.js';

const KEY = 'partner-shared-evidence-key-0123';

/** A run's outputs in a scratch folder, as the harness leaves them. */
function runOutputs(): string {
  const root = mkdtempSync(join(tmpdir(), 'roam-evidence-test-'));
  const put = (path: string, content: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  put('specs/attach.roam.yaml', 'scenario: A German roamer attaches in France\n');
  put('allure-results/a-result.json', JSON.stringify({ name: 'IR24-LU-01', status: 'passed' }));
  put('allure-results/b-attachment.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  put(
    'junit.xml',
    '<testsuites><testsuite name="x"><testcase name="IR24-LU-01: a German roamer attaches in France"/></testsuite></testsuites>',
  );
  put('events.jsonl', '{"event_type":"attach","subscriber_id":"sub_0123456789abcdef"}\n');
  put('cdrs.jsonl', '{"sessionId":"s-1","subscriber_id":"sub_0123456789abcdef"}\n');
  put('usage/usage-208-01.csv', 'sender_plmn,session_id\r\n208-01,s-1\r\n');
  put('reconciliation.csv', 'finding\r\n');
  put('slo-summary/slo-summary.json', '{"total":1}');
  put('slo-summary/slo-summary.md', '## SLO summary\n');
  put('allure-report/index.html', '<!DOCTYPE html><title>report</title>');
  return root;
}

async function bundleOf(root: string, signingKey?: string) {
  return buildEvidence({
    cwd: root,
    outputDir: 'evidence/run-1',
    sources: {
      specs: ['specs'],
      results: ['allure-results', 'junit.xml'],
      events: ['events.jsonl'],
      cdrs: ['cdrs.jsonl'],
      usage: ['usage'],
      reconciliation: ['reconciliation.csv'],
      slo: ['slo-summary'],
      report: ['allure-report'],
    },
    run: { seed: 7, clock: 'real' },
    // Explicit, so a ROAM_EVIDENCE_KEY in the environment does not sign the unsigned cases.
    signingKey: signingKey ?? '',
  });
}

test.describe('certification evidence', () => {
  let root: string;
  test.beforeEach(() => {
    root = runOutputs();
  });
  test.afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('an untouched bundle verifies, as a folder and as its archive, with its signature', async () => {
    const built = await bundleOf(root, KEY);
    expect(built.signed).toBe(true);
    expect(built.manifest.files.map((f) => f.path)).toEqual([
      'billing/cdrs/cdrs.jsonl',
      'billing/reconciliation/reconciliation.csv',
      'billing/usage/usage/usage-208-01.csv',
      'events/events.jsonl',
      'report/allure-report/index.html',
      'results/allure-results/a-result.json',
      'results/allure-results/b-attachment.svg',
      'results/junit.xml',
      'run.json',
      'slo/slo-summary/slo-summary.json',
      'slo/slo-summary/slo-summary.md',
      'specs/specs/attach.roam.yaml',
      'versions.json',
    ]);
    expect(built.manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(JSON.parse(readFileSync(join(built.dir, 'run.json'), 'utf8'))).toEqual({ seed: 7, clock: 'real' });
    expect(JSON.parse(readFileSync(join(built.dir, 'versions.json'), 'utf8'))).toMatchObject({
      node: process.versions.node,
      vega: expect.any(String),
    });
    expect(readFileSync(join(built.dir, 'SHA256SUMS'), 'utf8')).toContain('  results/junit.xml\n');

    const folder = await verifyEvidence(built.dir, { key: KEY });
    expect(folder).toMatchObject({ ok: true, changed: [], added: [], removed: [], signature: 'valid', files: 13 });
    const archive = await verifyEvidence(built.archive!, { key: KEY });
    expect(archive).toMatchObject({ ok: true, signature: 'valid', files: 13 });
    // Without the key the digests still verify; the signature is reported unchecked.
    expect(await verifyEvidence(built.dir, { key: '' })).toMatchObject({ ok: true, signature: 'unchecked' });
    expect(await verifyEvidence(built.dir, { key: '', requireSignature: true })).toMatchObject({ ok: false, signature: 'unchecked' });
  });

  test('one changed byte fails verification and names that file', async () => {
    const built = await bundleOf(root, KEY);
    const target = join(built.dir, 'results', 'junit.xml');
    const bytes = readFileSync(target);
    bytes[10] = bytes[10]! ^ 0x01;
    writeFileSync(target, bytes);
    expect(await verifyEvidence(built.dir, { key: KEY })).toMatchObject({
      ok: false,
      changed: ['results/junit.xml'],
      added: [],
      removed: [],
      signature: 'valid',
    });
  });

  test('an added file is named as added, a removed one as removed', async () => {
    const built = await bundleOf(root);
    writeFileSync(join(built.dir, 'events', 'forged.jsonl'), '{}\n');
    unlinkSync(join(built.dir, 'billing', 'cdrs', 'cdrs.jsonl'));
    expect(await verifyEvidence(built.dir, { key: '' })).toMatchObject({
      ok: false,
      changed: [],
      added: ['events/forged.jsonl'],
      removed: ['billing/cdrs/cdrs.jsonl'],
      signature: 'unsigned',
    });
  });

  test('a wrong key, an edited manifest or a missing signature fails the signature', async () => {
    const built = await bundleOf(root, KEY);
    expect(await verifyEvidence(built.dir, { key: 'not-the-key' })).toMatchObject({ ok: false, signature: 'invalid', changed: [] });
    // Editing the manifest to match a changed file is exactly what the signature is for.
    appendFileSync(join(built.dir, 'events', 'events.jsonl'), '{"forged":true}\n');
    const manifestPath = join(built.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const { digestFile } = await import('./manifest.js');
    const entry = manifest.files.find((f: { path: string }) => f.path === 'events/events.jsonl');
    Object.assign(entry, await digestFile(join(built.dir, 'events', 'events.jsonl')));
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    const edited = await verifyEvidence(built.dir, { key: KEY });
    expect(edited).toMatchObject({ ok: false, signature: 'invalid' });
    expect(edited.changed).toEqual(['SHA256SUMS']);
    unlinkSync(join(built.dir, 'manifest.sig'));
    expect(await verifyEvidence(built.dir, { key: KEY })).toMatchObject({ ok: false, signature: 'missing' });
  });

  test('a tampered archive fails and names the file', async () => {
    const built = await bundleOf(root, KEY);
    writeFileSync(join(built.dir, 'slo', 'slo-summary', 'slo-summary.json'), '{"total":0}');
    const forged = join(root, 'forged.tar.gz');
    await create({ gzip: true, file: forged, cwd: join(root, 'evidence') }, ['run-1']);
    expect(await verifyEvidence(forged, { key: KEY })).toMatchObject({ ok: false, changed: ['slo/slo-summary/slo-summary.json'] });
  });

  test('the signing key is never written, and a bundle holding a secret is refused and removed', async () => {
    const built = await bundleOf(root, KEY);
    expect(scanForSecrets(join(root, 'evidence'), { key: KEY }).findings).toEqual([]);
    rmSync(join(root, 'evidence'), { recursive: true });
    writeFileSync(join(root, 'events.jsonl'), '{"k":"00112233445566778899aabbccddeeff"}\n');
    await expect(
      buildEvidence({
        cwd: root,
        outputDir: 'evidence/run-2',
        sources: { events: ['events.jsonl'] },
        secrets: { 'K of roamer 1': '00112233445566778899AABBCCDDEEFF' },
      }),
    ).rejects.toThrow(/^\[roam\] Failed to build the evidence bundle: secrets were found in events\/events\.jsonl \(K of roamer 1\)/);
    expect(() => readFileSync(join(root, 'evidence', 'run-2', 'run.json'))).toThrow();
    expect(built.dir).toContain('run-1');
  });

  test('a missing source or a used folder is refused with what to do', async () => {
    await expect(buildEvidence({ cwd: root, outputDir: 'out', sources: { events: ['nope.jsonl'] } })).rejects.toThrow(
      /^\[roam\] Failed to bundle the events .*nope\.jsonl: it does not exist\. Check the path/,
    );
    await bundleOf(root);
    await expect(bundleOf(root)).rejects.toThrow(/the folder exists and is not empty\. Choose a new folder, or pass replace: true/);
    await expect(verifyEvidence(join(root, 'specs'))).rejects.toThrow(
      /^\[roam\] Failed to verify the evidence at .*: it has no manifest\.json/,
    );
  });
});
