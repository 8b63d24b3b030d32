import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EvidenceError } from '../report-errors.js';
import { readEvidenceArchive } from './archive.js';
import { readEvidenceFolder } from './bundle-folder.js';
import { DEFAULT_EVIDENCE_LIMITS, type BundleContents, type EvidenceLimits } from './bundle-limits.js';
import { parseEnvelope } from './dsse.js';
import type { EvidenceFailure, EvidenceFailureCode } from './evidence-failures.js';
import { ENVELOPE_FILE, MANIFEST_FILE, STATEMENT_FILE } from './manifest.js';
import { checkSignatures, type SignatureCheck } from './signature-policy.js';
import type { EvidencePublicKey } from './signing-keys.js';
import { parseStatement, type EvidenceStatement, type TestRunResult } from './statement.js';
import { checkOwnFiles, compareFiles } from './subject-check.js';

/** What verifying a bundle found. Paths are relative to the bundle, `/`-separated. */
export interface EvidenceVerification {
  /** True when there is no failure. */
  readonly ok: boolean;
  /** Every reason it does not verify, signatures first. */
  readonly failures: readonly EvidenceFailure[];
  /** Files whose content differs from the statement. */
  readonly changed: readonly string[];
  /** Files the statement does not name. */
  readonly added: readonly string[];
  /** Files the statement names that are not there. */
  readonly removed: readonly string[];
  /** Each signature of the envelope and what became of it. */
  readonly signatures: readonly SignatureCheck[];
  /** False when `allowUnsigned` let the signatures go unchecked. */
  readonly signaturesChecked: boolean;
  /** Files the statement names. */
  readonly files: number;
  /** The test run's result as the statement says it. */
  readonly result?: TestRunResult;
  readonly tests?: { readonly passed: number; readonly warned: number; readonly failed: number };
  readonly statement?: EvidenceStatement;
}

/** How to verify. */
export interface VerifyEvidenceOptions {
  /** The public keys trusted: each must have signed, and no other key may have. */
  readonly keys?: readonly EvidencePublicKey[];
  /** With no keys given, check only the digests (for local use): anyone could have made such a bundle. */
  readonly allowUnsigned?: boolean;
  /** Limits on what an archive or folder may hold (defaults: {@link DEFAULT_EVIDENCE_LIMITS}). */
  readonly limits?: Partial<EvidenceLimits>;
}

/**
 * Verifies a certification evidence bundle, a folder or its `.tar.gz`,
 * failing closed: every signature of the DSSE envelope against the keys
 * given, the in-toto statement's subjects against the files (changed,
 * added, removed, renamed), and `statement.json`, `manifest.json` and
 * `SHA256SUMS` against the signed statement. An archive is read as a
 * stream within limits, and never unpacked.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_MANIFEST` when nothing or no bundle is at `path`; `ROAM_EVIDENCE_ARCHIVE` for a link, device or FIFO, a path outside the bundle, or a limit passed.
 * @example
 * ```ts
 * const result = await verifyEvidence('evidence/run-42.tar.gz', { keys: [readPublicKey('home.pub')] });
 * if (!result.ok) for (const failure of result.failures) console.error(failure.message);
 * ```
 */
export async function verifyEvidence(path: string, options: VerifyEvidenceOptions = {}): Promise<EvidenceVerification> {
  return verifyBundleContents(await readBundle(path, options.limits), options);
}

/**
 * Reads a bundle, folder or archive, within limits.
 *
 * @throws {EvidenceError} as {@link verifyEvidence}.
 */
export async function readBundle(path: string, limits: Partial<EvidenceLimits> = {}): Promise<BundleContents> {
  const target = resolve(path);
  if (!existsSync(target)) {
    throw new EvidenceError('ROAM_EVIDENCE_MANIFEST', `verify the evidence at ${target}`, 'nothing is there', {
      hint: 'Pass the bundle folder or its .tar.gz',
    });
  }
  const within = { ...DEFAULT_EVIDENCE_LIMITS, ...limits };
  const contents = statSync(target).isDirectory() ? await readEvidenceFolder(target, within) : await readEvidenceArchive(target, within);
  if (contents.own.size === 0) {
    throw new EvidenceError(
      'ROAM_EVIDENCE_MANIFEST',
      `verify the evidence at ${target}`,
      `it is not an evidence bundle (no ${[ENVELOPE_FILE, MANIFEST_FILE, STATEMENT_FILE].join(', ').replace(/, ([^,]+)$/, ' or $1')})`,
      { hint: 'Pass the folder "roam evidence build" made, or its .tar.gz' },
    );
  }
  return contents;
}

/**
 * {@link verifyEvidence} of a bundle already read (by {@link readBundle}).
 */
export function verifyBundleContents(contents: BundleContents, options: VerifyEvidenceOptions = {}): EvidenceVerification {
  const none = { changed: [], added: [], removed: [], signatures: [], signaturesChecked: false, files: 0 };
  const fail = (code: EvidenceFailureCode, message: string): EvidenceVerification => ({
    ok: false,
    failures: [{ code, message }],
    ...none,
  });
  const envelopeBytes = contents.own.get(ENVELOPE_FILE);
  if (!envelopeBytes) return fail('missing-file', `${ENVELOPE_FILE} is missing: the bundle carries no signed statement`);
  const envelope = parseEnvelope(envelopeBytes);
  if (typeof envelope === 'string') return fail('malformed', `${ENVELOPE_FILE} ${envelope}`);
  const payload = Buffer.from(envelope.payload, 'base64');
  const statement = parseStatement(payload);
  if (typeof statement === 'string') return fail('malformed', `the statement in ${ENVELOPE_FILE} ${statement}`);

  const signatures = checkSignatures(envelope, options.keys ?? [], options.allowUnsigned ?? false);
  const files = compareFiles(statement, contents.files);
  const failures = [...signatures.failures, ...checkOwnFiles(statement, payload, contents), ...files.failures];
  const { passedTests = [], warnedTests = [], failedTests = [] } = statement.predicate;
  return {
    ok: failures.length === 0,
    failures,
    changed: files.changed,
    added: files.added,
    removed: files.removed,
    signatures: signatures.checks,
    signaturesChecked: signatures.checked,
    files: statement.subject.length,
    result: statement.predicate.result,
    tests: { passed: passedTests.length, warned: warnedTests.length, failed: failedTests.length },
    statement,
  };
}
