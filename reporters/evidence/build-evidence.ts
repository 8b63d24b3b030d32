import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EvidenceError } from '../report-errors.js';
import { scanForSecrets } from '../redaction/secret-scan.js';
import { toolVersions } from '../versions.js';
import { packEvidence } from './archive.js';
import { DEFAULT_EVIDENCE_LIMITS, pathSegments } from './bundle-limits.js';
import { bundleReadme } from './bundle-readme.js';
import { envelopeOf, signEnvelope } from './dsse.js';
import { evidenceStatement, tadigProblem, type RunDescription } from './evidence-statement.js';
import {
  BUNDLE_README_FILE,
  CHECKSUMS_FILE,
  checksumsText,
  digestFolder,
  ENVELOPE_FILE,
  EVIDENCE_FORMAT,
  MANIFEST_FILE,
  STATEMENT_FILE,
  type EvidenceManifest,
} from './manifest.js';
import { publicKeyOf, signingKeySecret, type EvidencePublicKey, type EvidenceSigningKey } from './signing-keys.js';
import { statementBytes, type EvidenceStatement } from './statement.js';

/**
 * What a run produced, by section of the bundle. Each path (file or folder)
 * is copied to `<section>/<its name>`.
 */
export interface EvidenceSources {
  /** The spec files as run (`specs/`). */
  readonly specs?: readonly string[];
  /** Test results: Allure results, JUnit XML, Playwright JSON (`results/`). */
  readonly results?: readonly string[];
  /** The event log, JSON Lines (`events/`). */
  readonly events?: readonly string[];
  /** The CDRs billing recorded (`billing/cdrs/`). */
  readonly cdrs?: readonly string[];
  /** TAP-like usage records, one file per visited network (`billing/usage/`). */
  readonly usage?: readonly string[];
  /** The billing reconciliation (`billing/reconciliation/`). */
  readonly reconciliation?: readonly string[];
  /** The SLO summary, Markdown and JSON (`slo/`). */
  readonly slo?: readonly string[];
  /** The HTML report, a folder or a single file (`report/`). */
  readonly report?: readonly string[];
}

const SECTIONS: Record<keyof EvidenceSources, string> = {
  specs: 'specs',
  results: 'results',
  events: 'events',
  cdrs: 'billing/cdrs',
  usage: 'billing/usage',
  reconciliation: 'billing/reconciliation',
  slo: 'slo',
  report: 'report',
};

/** How to build a bundle. */
export interface BuildEvidenceOptions {
  /** The bundle folder to create; it must not exist, or be empty, unless `replace`. */
  readonly outputDir: string;
  readonly sources: EvidenceSources;
  /** The world options the run had: seed, clock, backends, start and end... (`run.json`, as `world`). */
  readonly run?: Readonly<Record<string, unknown>>;
  /** Which implementation of each element was under test, e.g. `{ hlr: 'osmo-hlr 1.8.0' }`. */
  readonly implementation?: Readonly<Record<string, string>>;
  /** Partners' TADIG codes by role, e.g. `{ home: ['DEUEX'], visited: ['FRAEX'] }`. */
  readonly partners?: Readonly<Record<string, readonly string[]>>;
  /** Versions beyond the tools' own (e.g. backends); written with them as `versions.json`. */
  readonly versions?: Readonly<Record<string, string>>;
  /** The keys that sign the statement; none leaves it unsigned. The private keys are never written anywhere. */
  readonly signers?: readonly EvidenceSigningKey[];
  /** Also write a `.tar.gz` (default `<outputDir>.tar.gz`); `false` for none. */
  readonly archive?: string | false;
  /** Values that must not appear in any bundled file (K, OPc...); the signing keys are always checked. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Remove an existing non-empty `outputDir` first. */
  readonly replace?: boolean;
  /** Paths are relative to it. Default: the working directory. */
  readonly cwd?: string;
}

/** A bundle that was built. */
export interface BuiltEvidence {
  readonly dir: string;
  readonly archive?: string;
  readonly manifest: EvidenceManifest;
  readonly statement: EvidenceStatement;
  /** The keys that signed it, as a verifier would hold them. */
  readonly signedBy: readonly EvidencePublicKey[];
}

/**
 * Builds a certification evidence bundle: copies what the run produced into
 * sections, adds `run.json` (world options, implementation under test,
 * partners), `versions.json` and a README on verifying it, checks that no
 * secret (nor a signing key) is in any file, then writes the in-toto
 * statement (`statement.json`: every file a subject, the test result as
 * predicate), its DSSE envelope signed by each signer
 * (`statement.dsse.json`), `manifest.json` and `SHA256SUMS`, and packs
 * it as `.tar.gz`.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_SOURCE` for a missing input or a bad TADIG code, `ROAM_EVIDENCE_SECRET` when a secret is found (the bundle is removed).
 * @example
 * ```ts
 * await buildEvidence({
 *   outputDir: 'evidence/run-42',
 *   sources: { specs: ['specs'], results: ['allure-results'], report: ['allure-report'] },
 *   run: { seed: 42 },
 *   partners: { home: ['DEUEX'], visited: ['FRAEX'] },
 *   signers: [readSigningKey('keys/home.key')],
 * });
 * ```
 * @see reporters/evidence/verify-evidence.ts
 */
export async function buildEvidence(options: BuildEvidenceOptions): Promise<BuiltEvidence> {
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.outputDir);
  const description = describeRun(options);
  const signers = options.signers ?? [];
  const keyids = signers.map((s) => s.keyid);
  if (new Set(keyids).size !== keyids.length) throw sourceError('the same key is given twice to sign', 'Give each signing key once');
  prepareOutput(dir, options.replace ?? false);
  try {
    return await fillBundle(dir, cwd, options, description, signers);
  } catch (error) {
    // Nothing half done: a bundle that could not be finished is not left to be mistaken for one.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function fillBundle(
  dir: string,
  cwd: string,
  options: BuildEvidenceOptions,
  description: RunDescription,
  signers: readonly EvidenceSigningKey[],
): Promise<BuiltEvidence> {
  for (const [source, section] of Object.entries(SECTIONS) as [keyof EvidenceSources, string][]) {
    for (const path of options.sources[source] ?? []) copyInto(resolve(cwd, path), join(dir, ...section.split('/')), source);
  }
  const versions = toolVersions(options.versions ?? {});
  writeFileSync(join(dir, 'run.json'), JSON.stringify(description, null, 2) + '\n');
  writeFileSync(join(dir, 'versions.json'), JSON.stringify(versions, null, 2) + '\n');
  writeFileSync(join(dir, BUNDLE_README_FILE), bundleReadme());

  const keySecrets = Object.fromEntries(signers.map((s) => [`the private key of ${s.label}`, signingKeySecret(s)]));
  const scan = scanForSecrets(dir, { ...(options.secrets ?? {}), ...keySecrets });
  if (scan.findings.length) {
    const where = [...new Set(scan.findings.map((f) => `${f.file} (${f.secret})`))].join(', ');
    throw new EvidenceError('ROAM_EVIDENCE_SECRET', 'build the evidence bundle', `secrets were found in ${where}; the bundle was removed`, {
      hint: 'Find where the run wrote them and pass identities through IdentityHasher; K and OPc must never leave the HLR, nor a private key its owner',
    });
  }

  checkBundleable(dir);
  const files = await digestFolder(dir);
  const manifest: EvidenceManifest = { format: EVIDENCE_FORMAT, createdAt: new Date().toISOString(), algorithm: 'sha256', files };
  const statement = evidenceStatement(dir, files, description, versions);
  const payload = statementBytes(statement);
  const envelope = signers.reduce(signEnvelope, envelopeOf(payload));
  writeFileSync(join(dir, STATEMENT_FILE), payload);
  writeFileSync(join(dir, ENVELOPE_FILE), JSON.stringify(envelope, null, 2) + '\n');
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(dir, CHECKSUMS_FILE), checksumsText(manifest));
  const archive = options.archive === false ? undefined : await packEvidence(dir, resolve(cwd, options.archive ?? `${dir}.tar.gz`));
  return { dir, ...(archive ? { archive } : {}), manifest, statement, signedBy: signers.map((s) => publicKeyOf(s)) };
}

function describeRun(options: BuildEvidenceOptions): RunDescription {
  const partners = options.partners ?? {};
  for (const [role, codes] of Object.entries(partners)) {
    for (const code of codes) {
      const problem = tadigProblem(role, code);
      if (problem) throw sourceError(problem, "Use the partner's TADIG code from the roaming agreement, e.g. FRAF1");
    }
  }
  return { world: { ...(options.run ?? {}) }, implementationUnderTest: { ...(options.implementation ?? {}) }, partners };
}

/** Only regular files, with paths a verifier accepts (the limits' checks, at build time, so a bundle that is made also verifies). */
function checkBundleable(dir: string): void {
  const walk = (relative: string[]) => {
    for (const entry of readdirSync(join(dir, ...relative), { withFileTypes: true })) {
      const segments = [...relative, entry.name];
      const problem = pathSegments(segments.join('/'), DEFAULT_EVIDENCE_LIMITS);
      if (typeof problem === 'string')
        throw sourceError(
          `${segments.join('/')} ${problem.startsWith('is ') ? problem : `has ${problem}`}`,
          'Rename or move it; a partner could not check such a path',
        );
      if (entry.isDirectory()) walk(segments);
      else if (!lstatSync(join(dir, ...segments)).isFile())
        throw sourceError(`${segments.join('/')} is not a regular file`, 'Bundle only regular files');
    }
  };
  walk([]);
}

function sourceError(cause: string, hint: string): EvidenceError {
  return new EvidenceError('ROAM_EVIDENCE_SOURCE', 'build the evidence bundle', cause, { hint });
}

function prepareOutput(dir: string, replace: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!replace) {
      throw new EvidenceError('ROAM_EVIDENCE_SOURCE', `build the evidence bundle in ${dir}`, 'the folder exists and is not empty', {
        hint: 'Choose a new folder, or pass replace: true (--replace) to remove it first',
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

function copyInto(source: string, sectionDir: string, kind: string): void {
  if (!existsSync(source)) {
    throw new EvidenceError('ROAM_EVIDENCE_SOURCE', `bundle the ${kind} ${source}`, 'it does not exist', {
      hint: 'Check the path, or leave that section out',
    });
  }
  mkdirSync(sectionDir, { recursive: true });
  let target = join(sectionDir, basename(source));
  for (let n = 2; existsSync(target); n++) target = join(sectionDir, `${basename(source)}-${n}`);
  cpSync(source, target, { recursive: statSync(source).isDirectory(), dereference: true });
}
