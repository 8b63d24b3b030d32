import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EvidenceError } from '../report-errors.js';
import { unpackEvidence } from './archive.js';
import {
  BUNDLE_OWN_FILES,
  CHECKSUMS_FILE,
  checksumsText,
  digestFile,
  EVIDENCE_FORMAT,
  listFiles,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  type EvidenceManifest,
} from './manifest.js';
import { EVIDENCE_KEY_ENV, isValidSignature, type ManifestSignature } from './signature.js';

/**
 * The signature's state: `valid`; `invalid` (wrong key or a changed
 * manifest); `unchecked` (signed, but no key to check with); `unsigned`;
 * `missing` (a key was given but the bundle has no signature).
 */
export type SignatureStatus = 'valid' | 'invalid' | 'unchecked' | 'unsigned' | 'missing';

/** What verifying a bundle found. Paths are relative to the bundle, `/`-separated. */
export interface EvidenceVerification {
  /** True when every file matches and the signature is not `invalid` or `missing` (nor, when required, `unchecked`/`unsigned`). */
  readonly ok: boolean;
  /** The bundle folder that was checked (inside a temporary folder for an archive, removed since). */
  readonly bundle: string;
  /** Files whose content differs from the manifest. */
  readonly changed: readonly string[];
  /** Files that are not in the manifest. */
  readonly added: readonly string[];
  /** Files in the manifest that are not there. */
  readonly removed: readonly string[];
  readonly signature: SignatureStatus;
  /** Files the manifest lists. */
  readonly files: number;
}

/** How to verify. */
export interface VerifyEvidenceOptions {
  /** The HMAC key; default `$ROAM_EVIDENCE_KEY`. */
  readonly key?: string;
  /** Fail unless the signature is `valid`. */
  readonly requireSignature?: boolean;
}

/**
 * Verifies a certification evidence bundle, a folder or its `.tar.gz`:
 * every file's SHA-256 against `manifest.json`, files added or removed since,
 * and the HMAC signature of the manifest when there is one and a key.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_MANIFEST` when there is no bundle or no readable manifest at `path`.
 * @example
 * ```ts
 * const result = await verifyEvidence('evidence/run-42.tar.gz');
 * if (!result.ok) console.error(result.changed, result.added, result.removed, result.signature);
 * ```
 */
export async function verifyEvidence(path: string, options: VerifyEvidenceOptions = {}): Promise<EvidenceVerification> {
  const target = resolve(path);
  if (!existsSync(target)) {
    throw new EvidenceError('ROAM_EVIDENCE_MANIFEST', `verify the evidence at ${target}`, 'nothing is there', {
      hint: 'Pass the bundle folder or its .tar.gz',
    });
  }
  if (statSync(target).isDirectory()) return verifyFolder(target, options);
  const scratch = mkdtempSync(join(tmpdir(), 'roam-evidence-'));
  try {
    return await verifyFolder(await unpackEvidence(target, scratch), options);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function verifyFolder(bundle: string, options: VerifyEvidenceOptions): Promise<EvidenceVerification> {
  const manifestBytes = readManifestBytes(bundle);
  const manifest = parseManifest(manifestBytes, bundle);
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const present = listFiles(bundle).filter((p) => !BUNDLE_OWN_FILES.includes(p));
  const changed: string[] = [];
  const added: string[] = [];
  for (const path of present) {
    const entry = listed.get(path);
    if (!entry) {
      added.push(path);
      continue;
    }
    const file = join(bundle, ...path.split('/'));
    if (!lstatSync(file).isFile()) {
      changed.push(path);
      continue;
    }
    const actual = await digestFile(file);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) changed.push(path);
  }
  // SHA256SUMS is derived from the manifest: it must say the same, or someone edited it.
  const checksums = join(bundle, CHECKSUMS_FILE);
  if (existsSync(checksums) && readFileSync(checksums, 'utf8') !== checksumsText(manifest)) changed.push(CHECKSUMS_FILE);
  const presentSet = new Set(present);
  const removed = manifest.files.map((f) => f.path).filter((p) => !presentSet.has(p));
  const signature = signatureStatus(bundle, manifestBytes, options.key ?? process.env[EVIDENCE_KEY_ENV] ?? undefined);
  const signatureOk = options.requireSignature ? signature === 'valid' : signature !== 'invalid' && signature !== 'missing';
  return {
    ok: changed.length === 0 && added.length === 0 && removed.length === 0 && signatureOk,
    bundle,
    changed,
    added,
    removed,
    signature,
    files: manifest.files.length,
  };
}

function readManifestBytes(bundle: string): Buffer {
  try {
    return readFileSync(join(bundle, MANIFEST_FILE));
  } catch {
    throw new EvidenceError('ROAM_EVIDENCE_MANIFEST', `verify the evidence at ${bundle}`, `it has no ${MANIFEST_FILE}`, {
      hint: 'Pass the folder made by "roam evidence build" (or its .tar.gz); if the manifest was deleted, the bundle cannot be trusted',
    });
  }
}

function parseManifest(bytes: Buffer, bundle: string): EvidenceManifest {
  let manifest: Partial<EvidenceManifest>;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Partial<EvidenceManifest>;
  } catch (error) {
    throw new EvidenceError(
      'ROAM_EVIDENCE_MANIFEST',
      `read ${join(bundle, MANIFEST_FILE)}`,
      `it is not JSON (${(error as Error).message})`,
      {
        hint: 'The manifest was changed; the bundle cannot be trusted',
      },
    );
  }
  if (manifest.format !== EVIDENCE_FORMAT || !Array.isArray(manifest.files)) {
    throw new EvidenceError('ROAM_EVIDENCE_MANIFEST', `read ${join(bundle, MANIFEST_FILE)}`, `it is not a ${EVIDENCE_FORMAT} manifest`, {
      hint: 'Verify it with the roaming-harness version that built it',
    });
  }
  return manifest as EvidenceManifest;
}

function signatureStatus(bundle: string, manifestBytes: Buffer, key: string | undefined): SignatureStatus {
  const path = join(bundle, SIGNATURE_FILE);
  if (!existsSync(path)) return key ? 'missing' : 'unsigned';
  if (!key) return 'unchecked';
  let signature: Partial<ManifestSignature>;
  try {
    signature = JSON.parse(readFileSync(path, 'utf8')) as Partial<ManifestSignature>;
  } catch {
    return 'invalid';
  }
  return isValidSignature(manifestBytes, signature, key) ? 'valid' : 'invalid';
}
