import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { create, Parser, type ReadEntry } from 'tar';
import {
  bundleRefused,
  DEFAULT_EVIDENCE_LIMITS,
  MAX_OWN_FILE_BYTES,
  mib,
  pathSegments,
  topFolderOf,
  UNTRUSTED_HINT,
  type BundleContents,
  type BundleFile,
  type EvidenceLimits,
  type ForbiddenKind,
} from './bundle-limits.js';
import { BUNDLE_OWN_FILES } from './manifest.js';

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

/** Below this many inflated bytes the ratio is not judged: small bundles of repetitive text may compress very well. */
const RATIO_CHECKED_AFTER = 32 * 1024 * 1024;

const KINDS: Record<string, ForbiddenKind> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a character device',
  BlockDevice: 'a block device',
  FIFO: 'a FIFO',
};

/**
 * Reads an evidence archive as a stream: gunzip, then tar, each entry
 * judged from its header before its data is read. Only files and folders
 * with paths inside the bundle pass; the running count and size are held
 * to `limits`, and so are the bytes gunzip yields (a stream that keeps
 * inflating after the tar ends is stopped too). Files are digested as they
 * pass; nothing is written unless `extractTo` is given, and then only
 * what passed. Resolves with what the bundle holds, its top folder taken off.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_ARCHIVE` at the first entry or byte past what is allowed, naming it.
 * @example
 * ```ts
 * const contents = await readEvidenceArchive('run-42.tar.gz');
 * ```
 */
export function readEvidenceArchive(
  archivePath: string,
  limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
  options: { extractTo?: string } = {},
): Promise<BundleContents> {
  const all = new Map<string, BundleFile>();
  const buffers = new Map<string, Buffer>();
  const refuse = (cause: string, hint = UNTRUSTED_HINT) => bundleRefused(archivePath, cause, hint);
  return new Promise((resolve, reject) => {
    let failed = false;
    let entries = 0;
    let declared = 0;
    let inflated = 0;
    let compressed = 0;
    const source = createReadStream(archivePath);
    const gunzip = createGunzip();
    const parser = new Parser({ strict: true, maxMetaEntrySize: 64 * 1024 });
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      source.destroy();
      gunzip.destroy();
      parser.abort(error);
      reject(error);
    };

    const onEntry = (entry: ReadEntry) => {
      if (++entries > limits.maxFiles) {
        throw refuse(
          `the archive holds more than ${limits.maxFiles} files and folders`,
          'Raise --max-files only for a bundle you expect to be that large',
        );
      }
      const segments = pathSegments(entry.path, limits);
      if (typeof segments === 'string') {
        throw refuse(
          segments.startsWith('is ')
            ? `the archive's entry ${entry.path} ${segments}`
            : `the archive's entry ${entry.path} has ${segments}; an evidence bundle holds only paths inside it`,
        );
      }
      const path = segments.join('/');
      if (entry.type === 'Directory') {
        if (options.extractTo && segments.length) mkdirSync(join(options.extractTo, ...segments), { recursive: true });
        entry.resume();
        return;
      }
      if (entry.type !== 'File' && entry.type !== 'OldFile') {
        const kind = KINDS[entry.type] ?? `an entry of type ${entry.type}`;
        throw refuse(`the archive holds ${kind} at ${path}; an evidence bundle holds only files and folders`);
      }
      if (!segments.length || all.has(path)) throw refuse(`the archive holds ${path || 'an entry without a name'} twice`);
      const size = entry.size ?? 0;
      if (size > limits.maxFileBytes) {
        throw refuse(
          `the archive's file ${path} is ${mib(size)}, past the limit of ${mib(limits.maxFileBytes)} per file`,
          'Raise --max-file-size only for a bundle you expect to hold files that large',
        );
      }
      declared += size;
      if (declared > limits.maxTotalBytes) {
        throw refuse(
          `the archive unpacks past ${mib(limits.maxTotalBytes)} (at ${path})`,
          'Raise --max-size only for a bundle you expect to be that large',
        );
      }
      const hash = createHash('sha256');
      const keep =
        segments.length <= 2 && BUNDLE_OWN_FILES.includes(segments.at(-1)!) && size <= MAX_OWN_FILE_BYTES ? ([] as Buffer[]) : undefined;
      const fd = options.extractTo ? openExtracted(options.extractTo, segments) : undefined;
      let bytes = 0;
      entry.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
        keep?.push(chunk);
        if (fd !== undefined) writeSync(fd, chunk);
      });
      entry.on('end', () => {
        if (fd !== undefined) closeSync(fd);
        all.set(path, { sha256: hash.digest('hex'), bytes });
        if (keep) buffers.set(path, Buffer.concat(keep));
      });
    };

    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return entry.resume();
      try {
        onEntry(entry);
      } catch (error) {
        entry.resume();
        fail(error as Error);
      }
    });
    parser.on('error', (error: Error) => fail(entries === 0 && !failed ? empty() : damaged(error)));
    parser.on('end', () => {
      if (failed) return;
      if (all.size === 0) return fail(empty());
      try {
        resolve(splitOwnFiles(all, buffers, refuse));
      } catch (error) {
        fail(error as Error);
      }
    });
    source.on('error', (error) => fail(refuse(`it cannot be read (${error.message})`, 'Check the path')));
    gunzip.on('error', (error) => fail(/header check/.test(error.message) ? notTarGz() : damaged(error)));
    gunzip.on('data', (chunk: Buffer) => {
      if (failed) return;
      inflated += chunk.length;
      parser.write(chunk);
      // Headers, padding and the end blocks come on top of the files' bytes; anything much past that is not a bundle.
      if (!failed && inflated > limits.maxTotalBytes + 16 * 1024 + entries * 4096) {
        fail(
          refuse(`the archive unpacks past ${mib(limits.maxTotalBytes)}`, 'Raise --max-size only for a bundle you expect to be that large'),
        );
      }
      // Test results compress some tens of times; a stream inflating hundreds of times is a bomb, stopped long before the size limit.
      if (!failed && inflated > RATIO_CHECKED_AFTER && inflated > compressed * limits.maxInflation) {
        fail(
          refuse(
            `the archive inflates more than ${limits.maxInflation} times (${mib(compressed)} to past ${mib(inflated)})`,
            'Raise --max-inflation only for a bundle you expect to compress that well',
          ),
        );
      }
    });
    source.on('data', (chunk) => (compressed += chunk.length));
    gunzip.on('end', () => {
      if (!failed) parser.end();
    });
    source.pipe(gunzip);

    function damaged(error: Error): Error {
      if ((error as { code?: string }).code === 'ROAM_EVIDENCE_ARCHIVE') return error;
      return refuse(`the archive is damaged (${error.message})`);
    }
    function empty(): Error {
      return refuse('the archive is empty, or not a tar archive', 'Pass the .tar.gz that "roam evidence build" made');
    }
    function notTarGz(): Error {
      return refuse('it is not a gzipped tar archive', 'Pass the bundle folder or the .tar.gz that "roam evidence build" made');
    }
  });
}

function openExtracted(root: string, segments: readonly string[]): number {
  mkdirSync(join(root, ...segments.slice(0, -1)), { recursive: true });
  return openSync(join(root, ...segments), 'wx', 0o644);
}

/** Files by path under the top folder; the bundle's own files (at its top) by their bytes. */
function splitOwnFiles(
  all: ReadonlyMap<string, BundleFile>,
  buffers: ReadonlyMap<string, Buffer>,
  refuse: (cause: string, hint?: string) => Error,
): BundleContents {
  const top = topFolderOf(all.keys());
  const files = new Map<string, BundleFile>();
  const own = new Map<string, Buffer>();
  for (const [full, file] of all) {
    const path = full.slice(top.length);
    if (!BUNDLE_OWN_FILES.includes(path)) {
      files.set(path, file);
      continue;
    }
    const bytes = buffers.get(full);
    if (!bytes) throw refuse(`the archive's ${path} is ${mib(file.bytes)}, past the ${mib(MAX_OWN_FILE_BYTES)} a bundle's own file may be`);
    own.set(path, bytes);
  }
  return { files, own };
}
