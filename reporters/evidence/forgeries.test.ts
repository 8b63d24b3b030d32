import { test, expect } from '@playwright/test';
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerPae, runOutputs, RUN_SOURCES, sha256Hex } from '../../tests/support/evidence-fixtures.js';
import { buildEvidence, type BuiltEvidence } from './build-evidence.js';
import { generateEvidenceKeyPair, publicKeyFromPem, signingKeyFromPem } from './signing-keys.js';
import { verifyEvidence } from './verify-evidence.js';

// Every way of forging a bundle that once passed: each must now fail, with its own reason.

const HOME = generateEvidenceKeyPair('ed25519');
const FORGER = generateEvidenceKeyPair('ed25519');
const homePublic = publicKeyFromPem(HOME.publicKeyPem, 'home.pub');

interface Envelope {
  payloadType: string;
  payload: string;
  signatures: { keyid?: string; sig: string }[];
}

let root: string;
let built: BuiltEvidence;
const at = (...path: string[]) => join(built.dir, ...path);
const readEnvelope = () => JSON.parse(readFileSync(at('statement.dsse.json'), 'utf8')) as Envelope;
const writeEnvelope = (envelope: Envelope) => writeFileSync(at('statement.dsse.json'), JSON.stringify(envelope, null, 2));
const codes = async (options: Parameters<typeof verifyEvidence>[1] = { keys: [homePublic] }) => {
  const result = await verifyEvidence(built.dir, options);
  expect(result.ok).toBe(false);
  return result.failures.map((f) => `${f.code}: ${f.message}`);
};

/** What a forger does with their own key: change a file, restate its digest everywhere, sign again. */
function restateAfterEditing(file: string, content: string, signWith?: string): Envelope {
  writeFileSync(at(...file.split('/')), content);
  const statement = JSON.parse(readFileSync(at('statement.json'), 'utf8'));
  for (const subject of statement.subject) if (subject.name === file) subject.digest.sha256 = sha256Hex(content);
  const payload = Buffer.from(JSON.stringify(statement, null, 2) + '\n');
  writeFileSync(at('statement.json'), payload);
  const manifest = JSON.parse(readFileSync(at('manifest.json'), 'utf8'));
  for (const entry of manifest.files)
    if (entry.path === file) Object.assign(entry, { sha256: sha256Hex(content), bytes: Buffer.byteLength(content) });
  writeFileSync(at('manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(at('SHA256SUMS'), manifest.files.map((f: { path: string; sha256: string }) => `${f.sha256}  ${f.path}\n`).join(''));
  const envelope = readEnvelope();
  envelope.payload = payload.toString('base64');
  if (signWith) {
    const key = createPrivateKey(signWith);
    envelope.signatures = [{ keyid: 'f'.repeat(64), sig: sign(null, partnerPae(envelope.payloadType, payload), key).toString('base64') }];
  }
  writeEnvelope(envelope);
  return envelope;
}

test.beforeEach(async () => {
  root = runOutputs();
  built = await buildEvidence({
    cwd: root,
    outputDir: 'evidence/run-1',
    sources: RUN_SOURCES,
    signers: [signingKeyFromPem(HOME.privateKeyPem, 'home.key')],
    archive: false,
  });
  expect((await verifyEvidence(built.dir, { keys: [homePublic] })).ok).toBe(true);
});
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

test("forged content, restated and signed again with the forger's own key: an unknown key, and no signature by the expected one", async () => {
  restateAfterEditing('results/junit.xml', '<testsuites/>', FORGER.privateKeyPem);
  expect(await codes()).toEqual([
    `unknown-key: signed by a key that was not given (keyid ${'f'.repeat(64)}); only the --key public keys are trusted`,
    `missing-signature: not signed by home.pub (keyid ${homePublic.keyid})`,
  ]);
});

test('forged content, restated, with the original signature kept: the signature does not verify', async () => {
  restateAfterEditing('events/events.jsonl', '{"event_type":"attach"}\n');
  expect(await codes()).toEqual([
    `bad-signature: the signature by home.pub (keyid ${homePublic.keyid}) does not verify: the statement was changed after signing, or the signature is forged`,
  ]);
});

test('a random signature under the right keyid does not verify', async () => {
  const envelope = readEnvelope();
  envelope.signatures[0]!.sig = randomBytes(64).toString('base64');
  writeEnvelope(envelope);
  expect(await codes()).toEqual([expect.stringMatching(/^bad-signature: the signature by home\.pub .* does not verify/)]);
});

test('a signature that is not base64, or a keyid left out, is still a signature that does not verify', async () => {
  const envelope = readEnvelope();
  envelope.signatures = [{ sig: 'not base64 at all!' }];
  writeEnvelope(envelope);
  expect(await codes()).toEqual([
    'unknown-key: signed by a key that was not given (no keyid); only the --key public keys are trusted',
    `missing-signature: not signed by home.pub (keyid ${homePublic.keyid})`,
  ]);
});

test('the signature deleted from the envelope: not signed', async () => {
  const envelope = readEnvelope();
  envelope.signatures = [];
  writeEnvelope(envelope);
  expect(await codes({ keys: [] })).toEqual([
    'unsigned: the statement has no signature; pass --allow-unsigned to check only the digests (for local use)',
  ]);
  expect(await codes()).toEqual([`missing-signature: not signed by home.pub (keyid ${homePublic.keyid})`]);
});

test('the envelope deleted: its absence is named', async () => {
  unlinkSync(at('statement.dsse.json'));
  expect(await codes()).toEqual(['missing-file: statement.dsse.json is missing: the bundle carries no signed statement']);
});

test('a signed bundle checked without any public key fails, unless --allow-unsigned, which says the signatures went unchecked', async () => {
  expect(await codes({ keys: [] })).toEqual([
    `no-key: signed (keyid ${homePublic.keyid}) but no public key was given; pass --key with the signer's public key`,
  ]);
  const local = await verifyEvidence(built.dir, { allowUnsigned: true });
  expect(local).toMatchObject({ ok: true, signaturesChecked: false, failures: [] });
});

test("another party's key: the signature is unknown and the given key did not sign", async () => {
  const other = publicKeyFromPem(FORGER.publicKeyPem, 'other.pub');
  expect(await codes({ keys: [other] })).toEqual([
    `unknown-key: signed by a key that was not given (keyid ${homePublic.keyid}); only the --key public keys are trusted`,
    `missing-signature: not signed by other.pub (keyid ${other.keyid})`,
  ]);
});

test('every file deleted and the manifest emptied: each file is missing and the manifest no longer matches the statement', async () => {
  for (const file of built.manifest.files) unlinkSync(at(...file.path.split('/')));
  const manifest = JSON.parse(readFileSync(at('manifest.json'), 'utf8'));
  writeFileSync(at('manifest.json'), JSON.stringify({ ...manifest, files: [] }));
  writeFileSync(at('SHA256SUMS'), '');
  const failures = await codes();
  expect(failures).toContain('manifest-mismatch: manifest.json does not list the files the signed statement names');
  expect(failures).toContain('checksums-mismatch: SHA256SUMS does not list the files the signed statement names');
  expect(failures.filter((f) => f.startsWith('removed: '))).toHaveLength(built.manifest.files.length);
});

test('an unsigned statement emptied with every file: an empty bundle proves nothing, even with --allow-unsigned', async () => {
  for (const file of built.manifest.files) unlinkSync(at(...file.path.split('/')));
  const statement = JSON.parse(readFileSync(at('statement.json'), 'utf8'));
  const payload = Buffer.from(JSON.stringify({ ...statement, subject: [] }, null, 2) + '\n');
  writeFileSync(at('statement.json'), payload);
  writeEnvelope({ ...readEnvelope(), payload: payload.toString('base64'), signatures: [] });
  writeFileSync(at('manifest.json'), JSON.stringify({ ...JSON.parse(readFileSync(at('manifest.json'), 'utf8')), files: [] }));
  writeFileSync(at('SHA256SUMS'), '');
  expect(await codes({ allowUnsigned: true })).toEqual(['empty: the statement names no files: an empty bundle proves nothing']);
});

test('SHA256SUMS deleted, or edited: each is its own reason', async () => {
  appendFileSync(at('SHA256SUMS'), `${'0'.repeat(64)}  results/forged.json\n`);
  expect(await codes()).toEqual(['checksums-mismatch: SHA256SUMS does not list the files the signed statement names']);
  unlinkSync(at('SHA256SUMS'));
  expect(await codes()).toEqual(['missing-file: SHA256SUMS is missing: partners check the files with sha256sum -c against it']);
});

test('manifest.json deleted: named as missing', async () => {
  unlinkSync(at('manifest.json'));
  expect(await codes()).toEqual(["missing-file: manifest.json is missing: the bundle's list of files and sizes is gone"]);
});

test('statement.json edited while the envelope is intact: it no longer is what was signed', async () => {
  writeFileSync(at('statement.json'), readFileSync(at('statement.json'), 'utf8').replace('"PASSED"', '"FAILED"'));
  expect(await codes()).toEqual(['statement-mismatch: statement.json is not the payload the envelope signs']);
});

test('an unsigned bundle fails unless --allow-unsigned', async () => {
  rmSync(built.dir, { recursive: true });
  built = await buildEvidence({ cwd: root, outputDir: 'evidence/run-1', sources: RUN_SOURCES, archive: false });
  expect(await codes({ keys: [] })).toEqual([
    'unsigned: the statement has no signature; pass --allow-unsigned to check only the digests (for local use)',
  ]);
  expect(await codes()).toEqual([`missing-signature: not signed by home.pub (keyid ${homePublic.keyid})`]);
  expect(await verifyEvidence(built.dir, { allowUnsigned: true })).toMatchObject({ ok: true, signaturesChecked: false });
});

test('an envelope or statement that is not what it should be is named as malformed', async () => {
  writeFileSync(at('statement.dsse.json'), '{"payloadType":"text/plain","payload":"","signatures":[]}');
  expect(await codes()).toEqual([
    'malformed: statement.dsse.json is not a DSSE envelope of an in-toto statement (payloadType "text/plain", not "application/vnd.in-toto+json")',
  ]);
  writeFileSync(at('statement.dsse.json'), 'not json');
  expect(await codes()).toEqual([expect.stringMatching(/^malformed: statement\.dsse\.json is not JSON/)]);
});
