import { EvidenceError } from '../report-errors.js';

/**
 * How large a bundle may be before verifying it stops: checked entry by
 * entry while an archive streams in (from its headers, before the data is
 * read), so a small archive that would inflate to gigabytes is refused
 * early instead of unpacked.
 */
export interface EvidenceLimits {
  /** Bytes of all files together (default 1 GiB). */
  readonly maxTotalBytes: number;
  /** Bytes of any one file (default 256 MiB). */
  readonly maxFileBytes: number;
  /** Files and folders (default 20,000). */
  readonly maxFiles: number;
  /** Folders a path may be nested in (default 32). */
  readonly maxDepth: number;
  /** How many times a gzipped archive may inflate, judged once past 32 MiB (default 100). */
  readonly maxInflation: number;
}

/** The limits verification applies unless told otherwise. */
export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  maxTotalBytes: 1024 * 1024 * 1024,
  maxFileBytes: 256 * 1024 * 1024,
  maxFiles: 20_000,
  maxDepth: 32,
  maxInflation: 100,
};

/** The bundle's own files (statement, envelope, manifest, checksums) are read whole, so they have a size limit of their own. */
export const MAX_OWN_FILE_BYTES = 64 * 1024 * 1024;

/** One file of a bundle, as digested while it was read. */
export interface BundleFile {
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * What was read of a bundle, folder or archive alike: every file's digest
 * by `/`-separated path (the top folder of an archive taken off), and the
 * bytes of the bundle's own files at its top.
 */
export interface BundleContents {
  readonly files: ReadonlyMap<string, BundleFile>;
  readonly own: ReadonlyMap<string, Buffer>;
}

/** The name of an entry kind a bundle must not hold, e.g. `a symbolic link`. */
export type ForbiddenKind =
  'a symbolic link' | 'a hard link' | 'a character device' | 'a block device' | 'a FIFO' | 'a socket' | `an entry of type ${string}`;

/**
 * The segments of an entry's path, `.` and empty ones dropped, or why the
 * path is refused: absolute, `..`, a backslash or a control character
 * (which would break SHA256SUMS lines), or nested too deep.
 */
export function pathSegments(path: string, limits: EvidenceLimits): string[] | string {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'an absolute path';
  if (path.includes('\\')) return 'a backslash';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'a control character';
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return 'a ".." segment';
  if (segments.length > limits.maxDepth + 1) return `is nested deeper than ${limits.maxDepth} folders`;
  return segments;
}

/** Size in MiB with one decimal, for messages. */
export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The error for a bundle that cannot be examined: a forbidden entry, a limit passed, a damaged archive. */
export function bundleRefused(target: string, cause: string, hint: string): EvidenceError {
  return new EvidenceError('ROAM_EVIDENCE_ARCHIVE', `verify the evidence at ${target}`, cause, { hint });
}

/** The hint for an entry kind a bundle must not hold. */
export const UNTRUSTED_HINT = 'Do not trust it; ask its sender for the bundle "roam evidence build" made';

/**
 * The single top folder of an archive's files (`run-42/` for an archive of
 * `run-42/…`), when all share one; `''` when some file sits at the top.
 */
export function topFolderOf(paths: Iterable<string>): string {
  const tops = new Set([...paths].map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/') + 1) : '')));
  return tops.size === 1 ? [...tops][0]! : '';
}
