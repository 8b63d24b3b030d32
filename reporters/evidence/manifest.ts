import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The manifest's file name at the top of a bundle: every file with its SHA-256 and size. */
export const MANIFEST_FILE = 'manifest.json';
/** The digests in `sha256sum -c` form, for partners without this tool. */
export const CHECKSUMS_FILE = 'SHA256SUMS';
/** The in-toto statement, plain JSON: exactly the payload its envelope signs. */
export const STATEMENT_FILE = 'statement.json';
/** The DSSE envelope holding the statement and every signature over it. */
export const ENVELOPE_FILE = 'statement.dsse.json';
/** The bundle's own README: how to verify it with standard tools. Itself a subject of the statement. */
export const BUNDLE_README_FILE = 'README.md';
/**
 * The files a bundle holds about itself, at its top, which the statement
 * does not name as subjects: each is checked against the statement instead.
 */
export const BUNDLE_OWN_FILES: readonly string[] = [MANIFEST_FILE, CHECKSUMS_FILE, STATEMENT_FILE, ENVELOPE_FILE];

/** The manifest format this version writes and reads. */
export const EVIDENCE_FORMAT = 'roaming-harness-evidence/2';

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
