import { test, expect } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerVerifiesEnvelope, runOutputs, RUN_SOURCES, sha256Hex } from '../../tests/support/evidence-fixtures.js';
import { buildEvidence, type BuiltEvidence } from './build-evidence.js';
import { countersignEvidence } from './countersign.js';
import { generateEvidenceKeyPair, publicKeyFromPem, signingKeyFromPem } from './signing-keys.js';
import { verifyEvidence } from './verify-evidence.js';

// What a partner can check with only the public key and standard tools, and how two networks sign one statement.

const HOME = generateEvidenceKeyPair('ed25519');
const VISITED = generateEvidenceKeyPair('ecdsa-p256');
const home = { signer: signingKeyFromPem(HOME.privateKeyPem, 'home.key'), public: publicKeyFromPem(HOME.publicKeyPem, 'home.pub') };
const visited = {
  signer: signingKeyFromPem(VISITED.privateKeyPem, 'visited.key'),
  public: publicKeyFromPem(VISITED.publicKeyPem, 'visited.pub'),
};

let root: string;
let built: BuiltEvidence;
test.beforeEach(async () => {
  root = runOutputs();
  built = await buildEvidence({ cwd: root, outputDir: 'evidence/run-1', sources: RUN_SOURCES, signers: [home.signer] });
});
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

const envelopeOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'statement.dsse.json'), 'utf8'));

test('node:crypto alone verifies the envelope with the public key; one changed byte of the payload or of any subject file fails', () => {
  const envelope = envelopeOf(built.dir);
  expect(partnerVerifiesEnvelope(envelope, HOME.publicKeyPem)).toBe(true);
  expect(partnerVerifiesEnvelope(envelope, VISITED.publicKeyPem)).toBe(false);
  const payload = Buffer.from(envelope.payload, 'base64');
  for (let i = 0; i < payload.length; i++) {
    const changed = Buffer.from(payload);
    changed[i] = changed[i]! ^ 0x01;
    expect(partnerVerifiesEnvelope({ ...envelope, payload: changed.toString('base64') }, HOME.publicKeyPem), `payload byte ${i}`).toBe(
      false,
    );
  }
  // The signed statement binds every file by its digest: a partner recomputes them.
  const statement = JSON.parse(payload.toString('utf8')) as { subject: { name: string; digest: { sha256: string } }[] };
  expect(statement.subject.length).toBe(built.manifest.files.length);
  for (const subject of statement.subject) {
    const bytes = readFileSync(join(built.dir, ...subject.name.split('/')));
    expect(sha256Hex(bytes), subject.name).toBe(subject.digest.sha256);
    for (const at of [0, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x01;
      expect(sha256Hex(changed), `${subject.name} byte ${at}`).not.toBe(subject.digest.sha256);
    }
  }
});

test('countersigned by the visited network: both keys required; removing either signature fails', async () => {
  const countersigned = await countersignEvidence(built.dir, visited.signer, { signedBy: [home.public] });
  expect(countersigned.keyid).toBe(visited.signer.keyid);
  const envelope = envelopeOf(built.dir);
  expect(envelope.signatures.map((s: { keyid: string }) => s.keyid)).toEqual([home.signer.keyid, visited.signer.keyid]);
  expect(partnerVerifiesEnvelope({ ...envelope, signatures: [envelope.signatures[1]] }, VISITED.publicKeyPem)).toBe(true);

  const both = await verifyEvidence(built.dir, { keys: [home.public, visited.public] });
  expect(both.failures).toEqual([]);
  expect(both.signatures.map((s) => `${s.key} ${s.status}`)).toEqual(['home.pub valid', 'visited.pub valid']);
  // Trusting only one of them is not enough: the other signature is from a key not given.
  expect((await verifyEvidence(built.dir, { keys: [home.public] })).failures.map((f) => f.code)).toEqual(['unknown-key']);

  for (const [kept, missing] of [
    [0, 'visited.pub'],
    [1, 'home.pub'],
  ] as const) {
    writeFileSync(join(built.dir, 'statement.dsse.json'), JSON.stringify({ ...envelope, signatures: [envelope.signatures[kept]] }));
    const result = await verifyEvidence(built.dir, { keys: [home.public, visited.public] });
    expect(result.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(new RegExp(`^not signed by ${missing.replace('.', '\\.')}`)),
    ]);
  }
});

test('countersigning an archive checks it first, then signs it in place', async () => {
  await countersignEvidence(built.archive!, visited.signer, { signedBy: [home.public] });
  expect((await verifyEvidence(built.archive!, { keys: [home.public, visited.public] })).ok).toBe(true);
  // The folder was not touched.
  expect(envelopeOf(built.dir).signatures).toHaveLength(1);
  await expect(countersignEvidence(built.archive!, visited.signer, { signedBy: [home.public, visited.public] })).rejects.toThrow(
    /^\[roam\] Failed to countersign the evidence at .*run-1\.tar\.gz: it is already signed by visited\.key/,
  );
});

test('countersigning refuses a bundle that does not verify, or whose signatures it cannot check', async () => {
  writeFileSync(join(built.dir, 'run.json'), '{}');
  await expect(countersignEvidence(built.dir, visited.signer, { signedBy: [home.public] })).rejects.toThrow(
    /^\[roam\] Failed to countersign the evidence at .*run-1: it does not verify \(changed: run\.json\)\. Countersign only what you checked/,
  );
  await expect(countersignEvidence(built.archive!, visited.signer, { signedBy: [] })).rejects.toThrow(
    /it does not verify \(signed \(keyid [0-9a-f]{64}\) but no public key was given/,
  );
  expect(envelopeOf(built.dir).signatures).toHaveLength(1);
});

test("the bundle's README is enough to verify it: openssl and sha256sum, or a few lines of Node", async () => {
  test.skip(
    !has('openssl') || !has('jq') || !has('sha256sum'),
    'openssl, jq or sha256sum is not installed (apt-get install openssl jq coreutils)',
  );
  const readme = readFileSync(join(built.dir, 'README.md'), 'utf8');
  writeFileSync(join(root, 'home.pub'), HOME.publicKeyPem);
  const shell = /```bash\n([\s\S]*?)```/.exec(readme)![1]!;
  const node = /```js\n([\s\S]*?)```/.exec(readme)![1]!;
  writeFileSync(join(root, 'check.mjs'), node);
  const env = { ...process.env, PUBLIC_KEY: join(root, 'home.pub') };
  const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: built.dir, env, encoding: 'utf8' });

  const good = run('bash', ['-euo', 'pipefail', '-c', shell]);
  expect(good.status, good.stdout + good.stderr).toBe(0);
  expect(good.stdout).toContain('Signature Verified Successfully');
  const goodNode = run(process.execPath, [join(root, 'check.mjs')]);
  expect(goodNode.status, goodNode.stdout + goodNode.stderr).toBe(0);
  // The Node lines check an ECDSA P-256 countersignature just as well.
  await countersignEvidence(built.dir, visited.signer, { signedBy: [home.public] });
  writeFileSync(join(root, 'visited.pub'), VISITED.publicKeyPem);
  const ecdsa = spawnSync(process.execPath, [join(root, 'check.mjs'), join(root, 'visited.pub')], { cwd: built.dir, encoding: 'utf8' });
  expect(ecdsa.status, ecdsa.stdout + ecdsa.stderr).toBe(0);
  expect(ecdsa.stdout).toContain(`signed by ${visited.signer.keyid}`);

  writeFileSync(join(built.dir, 'events', 'events.jsonl'), '{"forged":true}\n');
  expect(run('bash', ['-euo', 'pipefail', '-c', shell]).status).not.toBe(0);
  expect(run(process.execPath, [join(root, 'check.mjs')]).status).not.toBe(0);
});

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
