import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'tar';
import { runOutputs, RUN_SOURCES } from '../../tests/support/evidence-fixtures.js';
import { scanForSecrets } from '../redaction/secret-scan.js';
import { buildEvidence } from './build-evidence.js';
import { generateEvidenceKeyPair, publicKeyFromPem, signingKeyFromPem, signingKeySecret } from './signing-keys.js';
import { IN_TOTO_STATEMENT_TYPE, TEST_RESULT_PREDICATE_TYPE } from './statement.js';
import { verifyEvidence } from './verify-evidence.js';

const HOME = generateEvidenceKeyPair('ed25519');
const homeSigner = signingKeyFromPem(HOME.privateKeyPem, 'home.key');
const homePublic = publicKeyFromPem(HOME.publicKeyPem, 'home.pub');

async function bundleOf(root: string, signed = true) {
  return buildEvidence({
    cwd: root,
    outputDir: 'evidence/run-1',
    sources: RUN_SOURCES,
    run: { seed: 7, clock: 'real' },
    partners: { home: ['DEUEX'], visited: ['FRAEX'] },
    implementation: { hlr: 'osmo-hlr 1.8.0' },
    signers: signed ? [homeSigner] : [],
  });
}

test.describe('certification evidence', () => {
  let root: string;
  test.beforeEach(() => {
    root = runOutputs();
  });
  test.afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('an untouched bundle verifies with the public key, as a folder and as its archive', async () => {
    const built = await bundleOf(root);
    expect(built.signedBy.map((k) => k.keyid)).toEqual([homeSigner.keyid]);
    const paths = built.manifest.files.map((f) => f.path);
    expect(paths).toEqual([
      'README.md',
      'billing/cdrs/cdrs.jsonl',
      'billing/reconciliation/reconciliation.csv',
      'billing/usage/usage/usage-208-01.csv',
      'events/events.jsonl',
      'report/allure-report/index.html',
      'results/allure-results/a-result.json',
      'results/allure-results/b-attachment.svg',
      'results/allure-results/c-result.json',
      'results/junit.xml',
      'run.json',
      'slo/slo-summary/slo-summary.json',
      'slo/slo-summary/slo-summary.md',
      'specs/specs/attach.roam.yaml',
      'versions.json',
    ]);
    expect(built.manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(readFileSync(join(built.dir, 'SHA256SUMS'), 'utf8')).toContain('  results/junit.xml\n');

    const folder = await verifyEvidence(built.dir, { keys: [homePublic] });
    expect(folder.failures).toEqual([]);
    expect(folder).toMatchObject({ ok: true, files: 15, signaturesChecked: true, result: 'PASSED' });
    expect(folder.signatures).toEqual([{ keyid: homeSigner.keyid, key: 'home.pub', status: 'valid' }]);
    const archive = await verifyEvidence(built.archive!, { keys: [homePublic] });
    expect(archive.failures).toEqual([]);
    expect(archive).toMatchObject({ ok: true, files: 15 });
  });

  test('the statement is plain JSON: in-toto v1, the files as subjects, a test-result predicate with the configuration that ran', async () => {
    const built = await bundleOf(root);
    const statement = JSON.parse(readFileSync(join(built.dir, 'statement.json'), 'utf8'));
    expect(statement._type).toBe(IN_TOTO_STATEMENT_TYPE);
    expect(statement.predicateType).toBe(TEST_RESULT_PREDICATE_TYPE);
    expect(statement.subject).toEqual(built.manifest.files.map((f) => ({ name: f.path, digest: { sha256: f.sha256 } })));
    expect(statement.predicate).toMatchObject({
      result: 'PASSED',
      // The partner's test-case ids (IR.24, TD.41) lead each test's name.
      passedTests: ['IR24-LU-01: a German roamer attaches in France', 'TD41-TAP-01: the TAP file of 208-01 reconciles'],
      warnedTests: [],
      failedTests: [],
    });
    const byName = Object.fromEntries(statement.predicate.configuration.map((c: { name: string }) => [c.name, c]));
    expect(byName['specs/specs/attach.roam.yaml'].digest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(byName['run.json']).toMatchObject({
      mediaType: 'application/json',
      annotations: {
        world: { seed: 7, clock: 'real' },
        implementationUnderTest: { hlr: 'osmo-hlr 1.8.0' },
        partners: { home: ['DEUEX'], visited: ['FRAEX'] },
      },
    });
    expect(byName['versions.json'].annotations).toMatchObject({ node: process.versions.node });
    expect(JSON.parse(readFileSync(join(built.dir, 'run.json'), 'utf8'))).toMatchObject({
      world: { seed: 7 },
      partners: { home: ['DEUEX'] },
    });
    // The envelope's payload is exactly statement.json.
    const envelope = JSON.parse(readFileSync(join(built.dir, 'statement.dsse.json'), 'utf8'));
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(Buffer.from(envelope.payload, 'base64').equals(readFileSync(join(built.dir, 'statement.json')))).toBe(true);
    expect(envelope.signatures).toEqual([{ keyid: homeSigner.keyid, sig: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) }]);
    // And the bundle says how to check it without this tool.
    const readme = readFileSync(join(built.dir, 'README.md'), 'utf8');
    for (const tool of ['openssl pkeyutl -verify', '-rawin', 'sha256sum -c', 'node:crypto']) expect(readme).toContain(tool);
  });

  test('a failed or retried test makes the result FAILED or WARNED', async () => {
    writeFileSync(
      join(root, 'allure-results', 'd-result.json'),
      JSON.stringify({ name: 'IR24-SMS-01: a short message from France', status: 'broken', historyId: 'h3', stop: 5 }),
    );
    // Failed first, passed on retry: flaky, so warned.
    writeFileSync(
      join(root, 'allure-results', 'e-result.json'),
      JSON.stringify({ name: 'TD41-TAP-01: the TAP file of 208-01 reconciles', status: 'failed', historyId: 'h2', stop: 1 }),
    );
    const built = await bundleOf(root);
    expect(built.statement.predicate).toMatchObject({
      result: 'FAILED',
      passedTests: ['IR24-LU-01: a German roamer attaches in France'],
      warnedTests: ['TD41-TAP-01: the TAP file of 208-01 reconciles'],
      failedTests: ['IR24-SMS-01: a short message from France'],
    });
    // A failed run still verifies: the bundle is intact; what it says is another matter, and verify says it.
    expect(await verifyEvidence(built.dir, { keys: [homePublic] })).toMatchObject({
      ok: true,
      result: 'FAILED',
      tests: { passed: 1, warned: 1, failed: 1 },
    });
  });

  test('one changed byte fails verification and names that file', async () => {
    const built = await bundleOf(root);
    const target = join(built.dir, 'results', 'junit.xml');
    const bytes = readFileSync(target);
    bytes[10] = bytes[10]! ^ 0x01;
    writeFileSync(target, bytes);
    const result = await verifyEvidence(built.dir, { keys: [homePublic] });
    expect(result).toMatchObject({ ok: false, changed: ['results/junit.xml'], added: [], removed: [] });
    expect(result.failures.map((f) => f.code)).toEqual(['changed']);
  });

  test('an added, a removed and a renamed file are each named', async () => {
    const built = await bundleOf(root);
    writeFileSync(join(built.dir, 'events', 'forged.jsonl'), '{}\n');
    unlinkSync(join(built.dir, 'billing', 'cdrs', 'cdrs.jsonl'));
    const slo = join(built.dir, 'slo', 'slo-summary');
    writeFileSync(join(slo, 'renamed.md'), readFileSync(join(slo, 'slo-summary.md')));
    unlinkSync(join(slo, 'slo-summary.md'));
    const result = await verifyEvidence(built.dir, { keys: [homePublic] });
    expect(result).toMatchObject({
      ok: false,
      changed: [],
      added: ['events/forged.jsonl', 'slo/slo-summary/renamed.md'],
      removed: ['billing/cdrs/cdrs.jsonl', 'slo/slo-summary/slo-summary.md'],
    });
  });

  test('a tampered archive fails and names the file', async () => {
    const built = await bundleOf(root);
    writeFileSync(join(built.dir, 'slo', 'slo-summary', 'slo-summary.json'), '{"total":0}');
    const forged = join(root, 'forged.tar.gz');
    await create({ gzip: true, file: forged, cwd: join(root, 'evidence') }, ['run-1']);
    expect(await verifyEvidence(forged, { keys: [homePublic] })).toMatchObject({
      ok: false,
      changed: ['slo/slo-summary/slo-summary.json'],
    });
  });

  test('the private key is never written; a bundle holding a secret or the private key is refused and removed', async () => {
    await bundleOf(root);
    const secret = signingKeySecret(homeSigner);
    expect(scanForSecrets(join(root, 'evidence'), { 'the private key': secret, pem: HOME.privateKeyPem }).findings).toEqual([]);
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

    // A key file left among the results is caught before anything is signed.
    mkdirSync(join(root, 'keys-by-mistake'));
    writeFileSync(join(root, 'keys-by-mistake', 'home.key'), HOME.privateKeyPem);
    await expect(
      buildEvidence({ cwd: root, outputDir: 'evidence/run-3', sources: { results: ['keys-by-mistake'] }, signers: [homeSigner] }),
    ).rejects.toThrow(/secrets were found in results\/keys-by-mistake\/home\.key \(the private key of home\.key\)/);
    expect(() => readFileSync(join(root, 'evidence', 'run-3', 'run.json'))).toThrow();
  });

  test('a missing source, a used folder or a bad TADIG code is refused with what to do', async () => {
    await expect(buildEvidence({ cwd: root, outputDir: 'out', sources: { events: ['nope.jsonl'] } })).rejects.toThrow(
      /^\[roam\] Failed to bundle the events .*nope\.jsonl: it does not exist\. Check the path/,
    );
    await bundleOf(root);
    await expect(bundleOf(root)).rejects.toThrow(/the folder exists and is not empty\. Choose a new folder, or pass replace: true/);
    await expect(buildEvidence({ cwd: root, outputDir: 'out2', sources: {}, partners: { visited: ['France'] } })).rejects.toThrow(
      /^\[roam\] Failed to build the evidence bundle: the visited partner's TADIG code "France" is not 5 characters/,
    );
    await expect(verifyEvidence(join(root, 'specs'))).rejects.toThrow(
      /^\[roam\] Failed to verify the evidence at .*specs: it is not an evidence bundle \(no statement\.dsse\.json, manifest\.json or statement\.json\)/,
    );
  });
});
