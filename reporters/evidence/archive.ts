import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { create, extract } from 'tar';

/**
 * Packs a bundle folder into a `.tar.gz` whose single top folder is the
 * bundle's name. Portable (no owner, user or host details), so the archive
 * says nothing about the machine it was made on. Uses `tar` (npm, by
 * node-tar's maintainers), since Node has gzip but no tar.
 *
 * @example
 * ```ts
 * await packEvidence('evidence/run-42', 'evidence/run-42.tar.gz');
 * ```
 */
export async function packEvidence(bundleDir: string, archivePath: string): Promise<string> {
  mkdirSync(dirname(archivePath), { recursive: true });
  await create({ gzip: true, portable: true, file: archivePath, cwd: dirname(bundleDir) }, [basename(bundleDir)]);
  return archivePath;
}

/**
 * Unpacks an evidence archive into `into` and returns the bundle folder in it
 * (the single top folder, or `into` itself for a flat archive). node-tar
 * refuses absolute paths and `..` in entries, so nothing lands outside `into`.
 *
 * @example
 * ```ts
 * const bundle = await unpackEvidence('run-42.tar.gz', mkdtempSync(join(tmpdir(), 'evidence-')));
 * ```
 */
export async function unpackEvidence(archivePath: string, into: string): Promise<string> {
  mkdirSync(into, { recursive: true });
  // Only files and folders: a link in an evidence archive could only point the verifier somewhere else.
  await extract({
    file: archivePath,
    cwd: into,
    strict: true,
    filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
  });
  const top = readdirSync(into, { withFileTypes: true });
  return top.length === 1 && top[0]!.isDirectory() ? join(into, top[0]!.name) : into;
}
