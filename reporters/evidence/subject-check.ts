import type { BundleContents, BundleFile } from './bundle-limits.js';
import type { EvidenceFailure } from './evidence-failures.js';
import { CHECKSUMS_FILE, EVIDENCE_FORMAT, MANIFEST_FILE, STATEMENT_FILE, type EvidenceManifest } from './manifest.js';
import type { EvidenceStatement, EvidenceSubject } from './statement.js';

/**
 * The statement's subjects against the files present: those whose digest
 * differs (changed), those it does not name (added), those it names that
 * are not there (removed). A renamed file is one added and one removed.
 *
 * @example
 * ```ts
 * const { changed, added, removed } = compareFiles(statement, contents.files);
 * ```
 */
export function compareFiles(
  statement: EvidenceStatement,
  present: ReadonlyMap<string, BundleFile>,
): { changed: string[]; added: string[]; removed: string[]; failures: EvidenceFailure[] } {
  const named = new Map(statement.subject.map((s) => [s.name, s.digest.sha256]));
  const changed: string[] = [];
  const added: string[] = [];
  for (const [path, file] of [...present].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sha256 = named.get(path);
    if (sha256 === undefined) added.push(path);
    else if (sha256 !== file.sha256) changed.push(path);
  }
  const removed = statement.subject.map((s) => s.name).filter((name) => !present.has(name));
  const failures: EvidenceFailure[] = [
    ...changed.map((path) => ({ code: 'changed' as const, message: `changed: ${path}` })),
    ...added.map((path) => ({ code: 'added' as const, message: `added: ${path}` })),
    ...removed.map((path) => ({ code: 'removed' as const, message: `removed: ${path}` })),
  ];
  return { changed, added, removed, failures };
}

/**
 * The bundle's own files against the signed statement: `statement.json`
 * must be the very payload signed, `manifest.json` and `SHA256SUMS` must
 * list exactly its subjects (a partner checks files with `sha256sum -c`
 * against the latter, so it cannot be allowed to say anything else), and
 * the statement must name at least one file.
 */
export function checkOwnFiles(statement: EvidenceStatement, payload: Buffer, contents: BundleContents): EvidenceFailure[] {
  const failures: EvidenceFailure[] = [];
  const own = (name: string) => contents.own.get(name);
  const statementJson = own(STATEMENT_FILE);
  if (!statementJson)
    failures.push({ code: 'missing-file', message: `${STATEMENT_FILE} is missing: it is the signed statement as plain JSON` });
  else if (!statementJson.equals(payload)) {
    failures.push({ code: 'statement-mismatch', message: `${STATEMENT_FILE} is not the payload the envelope signs` });
  }
  const manifest = own(MANIFEST_FILE);
  if (!manifest)
    failures.push({ code: 'missing-file', message: `${MANIFEST_FILE} is missing: the bundle's list of files and sizes is gone` });
  else if (!manifestMatches(manifest, statement.subject, contents.files)) {
    failures.push({ code: 'manifest-mismatch', message: `${MANIFEST_FILE} does not list the files the signed statement names` });
  }
  const checksums = own(CHECKSUMS_FILE);
  if (!checksums) {
    failures.push({ code: 'missing-file', message: `${CHECKSUMS_FILE} is missing: partners check the files with sha256sum -c against it` });
  } else if (checksums.toString('utf8') !== checksumsOf(statement.subject)) {
    failures.push({ code: 'checksums-mismatch', message: `${CHECKSUMS_FILE} does not list the files the signed statement names` });
  }
  if (statement.subject.length === 0)
    failures.push({ code: 'empty', message: 'the statement names no files: an empty bundle proves nothing' });
  return failures;
}

/** The subjects as `sha256sum` lines, `<hex>  <path>`, in the statement's order. */
export function checksumsOf(subjects: readonly EvidenceSubject[]): string {
  return subjects.map((s) => `${s.digest.sha256}  ${s.name}\n`).join('');
}

function manifestMatches(bytes: Buffer, subjects: readonly EvidenceSubject[], present: ReadonlyMap<string, BundleFile>): boolean {
  let manifest: Partial<EvidenceManifest>;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Partial<EvidenceManifest>;
  } catch {
    return false;
  }
  if (manifest.format !== EVIDENCE_FORMAT || !Array.isArray(manifest.files) || manifest.files.length !== subjects.length) return false;
  return manifest.files.every((entry, i) => {
    const subject = subjects[i]!;
    const file = present.get(entry.path);
    // Sizes are checked where the content is as signed; a changed file is reported as changed, not here.
    const sizeOk = !file || file.sha256 !== entry.sha256 || file.bytes === entry.bytes;
    return entry.path === subject.name && entry.sha256 === subject.digest.sha256 && sizeOk;
  });
}
