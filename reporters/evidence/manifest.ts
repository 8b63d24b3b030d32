import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The manifest's file name at the top of a bundle. */
export const MANIFEST_FILE = 'manifest.json';
/** The HMAC signature of the manifest, when the bundle is signed. */
export const SIGNATURE_FILE = 'manifest.sig';
/** The digests in `sha256sum -c` form, for partners without this tool. */
export const CHECKSUMS_FILE = 'SHA256SUMS';
/** The files a bundle holds about itself, which the manifest does not list. */
export const BUNDLE_OWN_FILES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE, CHECKSUMS_FILE];

/** The manifest format this version writes and reads. */
export const EVIDENCE_FORMAT = 'roaming-harness-evidence/1';

/** One bundled file: its path inside the bundle (always `/`), SHA-256 and size. */
export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** What `manifest.json` holds. */
export interface EvidenceManifest {
  readonly format: typeof EVIDENCE_FORMAT;
  readonly createdAt: string;
  readonly algorithm: 'sha256';
  /** Every file of the bundle but the bundle's own ({@link BUNDLE_OWN_FILES}), sorted by path. */
  readonly files: readonly ManifestEntry[];
}

/**
 * Digests every regular file under `root` (recursively, sorted by path),
 * except the bundle's own files at the top.
 *
 * @example
 * ```ts
 * const files = await digestFolder('evidence/run-42');
 * ```
 */
export async function digestFolder(root: string): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const path of listFiles(root)) {
    if (BUNDLE_OWN_FILES.includes(path)) continue;
    entries.push({ path, ...(await digestFile(join(root, ...path.split('/')))) });
  }
  return entries;
}

/**
 * Every file under `root` (regular files and anything that is not a folder),
 * as `/`-separated paths relative to it, sorted.
 */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** SHA-256 (hex) and size of one file, streamed. */
export function digestFile(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk) => {
        bytes += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
  });
}

/** The manifest's digests as `sha256sum` lines (`<hex>  <path>`). */
export function checksumsText(manifest: EvidenceManifest): string {
  return manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}
