import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { create } from 'tar';
import { EvidenceError } from '../report-errors.js';
import { packEvidence, readEvidenceArchive } from './archive.js';
import { readEvidenceFolder } from './bundle-folder.js';
import { DEFAULT_EVIDENCE_LIMITS, type BundleContents, type EvidenceLimits } from './bundle-limits.js';
import { parseEnvelope, signEnvelope } from './dsse.js';
import { ENVELOPE_FILE } from './manifest.js';
import type { EvidencePublicKey, EvidenceSigningKey } from './signing-keys.js';
import { verifyBundleContents, type EvidenceVerification } from './verify-evidence.js';

/** How to countersign. */
export interface CountersignOptions {
  /** The public keys of those who already signed: each signature must verify before another is added. */
  readonly signedBy: readonly EvidencePublicKey[];
  readonly limits?: Partial<EvidenceLimits>;
}

/**
 * Adds a second party's signature to a bundle, folder or `.tar.gz`, in
 * place: the visited network signs the very statement the home network
 * signed, so a partner can require both. The bundle is verified first,
 * fully (every file, every existing signature against `signedBy`): one
 * countersigns only what one has checked. Only the envelope changes; an
 * archive is rewritten whole, then renamed over the old one, and so is the
 * `<dir>.tar.gz` beside a folder, which would otherwise keep the old envelope.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_COUNTERSIGN` when the bundle does not verify or this key already signed it; as {@link verifyEvidence} for a bundle that cannot be read.
 * @example
 * ```ts
 * await countersignEvidence('ir24-208-01.tar.gz', readSigningKey('keys/visited.key'), { signedBy: [readPublicKey('home.pub')] });
 * ```
 */
export async function countersignEvidence(
  path: string,
  signer: EvidenceSigningKey,
  options: CountersignOptions,
): Promise<{ keyid: string; verification: EvidenceVerification; repackedArchive?: string }> {
  const target = resolve(path);
  const limits = { ...DEFAULT_EVIDENCE_LIMITS, ...options.limits };
  if (!existsSync(target)) {
    throw new EvidenceError('ROAM_EVIDENCE_MANIFEST', `countersign the evidence at ${target}`, 'nothing is there', {
      hint: 'Pass the bundle folder or its .tar.gz',
    });
  }
  if (statSync(target).isDirectory()) {
    const verification = sign(target, await readEvidenceFolder(target, limits), target, signer, options);
    // The <dir>.tar.gz that buildEvidence packs beside the folder would keep the old envelope.
    const archive = `${target}.tar.gz`;
    if (!existsSync(archive)) return { keyid: signer.keyid, verification };
    await replaceArchive(archive, (aside) => packEvidence(target, aside));
    return { keyid: signer.keyid, verification, repackedArchive: archive };
  }
  const scratch = mkdtempSync(join(tmpdir(), 'roam-countersign-'));
  try {
    const contents = await readEvidenceArchive(target, limits, { extractTo: scratch });
    const top = readdirSync(scratch, { withFileTypes: true });
    const bundle = top.length === 1 && top[0]!.isDirectory() ? join(scratch, top[0]!.name) : scratch;
    const verification = sign(target, contents, bundle, signer, options);
    const entries = bundle === scratch ? readdirSync(scratch) : [top[0]!.name];
    await replaceArchive(target, (aside) => create({ gzip: true, portable: true, file: aside, cwd: scratch }, entries));
    return { keyid: signer.keyid, verification };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes a new `archive` beside it with `write`, then renames it over the old one; the file written aside never stays. */
async function replaceArchive(archive: string, write: (aside: string) => Promise<unknown>): Promise<void> {
  const aside = join(dirname(archive), `.${process.pid}-countersigned.tar.gz`);
  try {
    await write(aside);
    renameSync(aside, archive);
  } finally {
    rmSync(aside, { force: true });
  }
}

function sign(
  target: string,
  contents: BundleContents,
  bundleDir: string,
  signer: EvidenceSigningKey,
  options: CountersignOptions,
): EvidenceVerification {
  const refuse = (cause: string, hint: string) =>
    new EvidenceError('ROAM_EVIDENCE_COUNTERSIGN', `countersign the evidence at ${target}`, cause, { hint });
  const envelope = parseEnvelope(contents.own.get(ENVELOPE_FILE) ?? Buffer.alloc(0));
  if (typeof envelope !== 'string' && envelope.signatures.some((s) => s.keyid === signer.keyid)) {
    throw refuse(
      `it is already signed by ${signer.label} (keyid ${signer.keyid})`,
      'Nothing to do; a partner verifies with both public keys',
    );
  }
  const unsigned = typeof envelope !== 'string' && envelope.signatures.length === 0;
  const verification = verifyBundleContents(contents, { keys: options.signedBy, allowUnsigned: unsigned && options.signedBy.length === 0 });
  if (!verification.ok || typeof envelope === 'string') {
    throw refuse(
      `it does not verify (${verification.failures.map((f) => f.message).join('; ')})`,
      'Countersign only what you checked: get the bundle again from its signer, and pass their public key with --signed-by',
    );
  }
  writeFileSync(join(bundleDir, ENVELOPE_FILE), JSON.stringify(signEnvelope(envelope, signer), null, 2) + '\n');
  return verification;
}
