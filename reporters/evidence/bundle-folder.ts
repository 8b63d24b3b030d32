import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import {
  bundleRefused,
  DEFAULT_EVIDENCE_LIMITS,
  MAX_OWN_FILE_BYTES,
  mib,
  pathSegments,
  UNTRUSTED_HINT,
  type BundleContents,
  type BundleFile,
  type EvidenceLimits,
  type ForbiddenKind,
} from './bundle-limits.js';
import { BUNDLE_OWN_FILES, digestFile } from './manifest.js';

/**
 * Reads a bundle folder as {@link readEvidenceArchive} reads an archive:
 * every entry's kind checked without following links (a link, device,
 * FIFO or socket is refused), the count and sizes held to `limits` before
 * anything is digested, then every file digested and the bundle's own
 * files read.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_ARCHIVE` for a forbidden entry or a limit passed, naming it.
 * @example
 * ```ts
 * const contents = await readEvidenceFolder('evidence/run-42');
 * ```
 */
export async function readEvidenceFolder(dir: string, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS): Promise<BundleContents> {
  const refuse = (cause: string, hint = UNTRUSTED_HINT) => bundleRefused(dir, cause, hint);
  const found: { path: string; bytes: number }[] = [];
  let entries = 0;
  let total = 0;
  const walk = (relative: string[]) => {
    for (const entry of readdirSync(join(dir, ...relative), { withFileTypes: true })) {
      const segments = [...relative, entry.name];
      const path = segments.join('/');
      if (++entries > limits.maxFiles) {
        throw refuse(
          `the bundle holds more than ${limits.maxFiles} files and folders`,
          'Raise --max-files only for a bundle you expect to be that large',
        );
      }
      const checked = pathSegments(path, limits);
      if (typeof checked === 'string') {
        throw refuse(checked.startsWith('is ') ? `the bundle's ${path} ${checked}` : `the bundle's ${JSON.stringify(path)} has ${checked}`);
      }
      if (entry.isDirectory()) {
        walk(segments);
        continue;
      }
      const kind = forbiddenKind(entry);
      if (kind) throw refuse(`the bundle holds ${kind} at ${path}; an evidence bundle holds only files and folders`);
      const bytes = lstatSync(join(dir, ...segments)).size;
      if (bytes > limits.maxFileBytes) {
        throw refuse(
          `the bundle's file ${path} is ${mib(bytes)}, past the limit of ${mib(limits.maxFileBytes)} per file`,
          'Raise --max-file-size only for a bundle you expect to hold files that large',
        );
      }
      total += bytes;
      if (total > limits.maxTotalBytes) {
        throw refuse(
          `the bundle is larger than ${mib(limits.maxTotalBytes)} (at ${path})`,
          'Raise --max-size only for a bundle you expect to be that large',
        );
      }
      found.push({ path, bytes });
    }
  };
  walk([]);

  const files = new Map<string, BundleFile>();
  const own = new Map<string, Buffer>();
  for (const { path, bytes } of found.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const full = join(dir, ...path.split('/'));
    if (!BUNDLE_OWN_FILES.includes(path)) {
      files.set(path, await digestFile(full));
      continue;
    }
    if (bytes > MAX_OWN_FILE_BYTES)
      throw refuse(`the bundle's ${path} is ${mib(bytes)}, past the ${mib(MAX_OWN_FILE_BYTES)} a bundle's own file may be`);
    own.set(path, readFileSync(full));
  }
  return { files, own };
}

function forbiddenKind(entry: Dirent): ForbiddenKind | undefined {
  if (entry.isFile()) return undefined;
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  if (entry.isSocket()) return 'a socket';
  return `an entry of type unknown`;
}
