import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EvidenceError } from '../report-errors.js';
import { scanForSecrets } from '../redaction/secret-scan.js';
import { toolVersions } from '../versions.js';
import { packEvidence } from './archive.js';
import {
  CHECKSUMS_FILE,
  checksumsText,
  digestFolder,
  EVIDENCE_FORMAT,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  type EvidenceManifest,
} from './manifest.js';
import { EVIDENCE_KEY_ENV, signManifest } from './signature.js';

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
  /** What the run was: seed, clock, backends, start and end... Written as `run.json`. */
  readonly run?: Readonly<Record<string, unknown>>;
  /** Versions beyond the tools' own (e.g. backends); written with them as `versions.json`. */
  readonly versions?: Readonly<Record<string, string>>;
  /** HMAC key; default `$ROAM_EVIDENCE_KEY`. Without one the bundle is not signed. Never written anywhere. */
  readonly signingKey?: string;
  /** Also write a `.tar.gz` (default `<outputDir>.tar.gz`); `false` for none. */
  readonly archive?: string | false;
  /** Values that must not appear in any bundled file (K, OPc...); the signing key is always checked. */
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
  readonly signed: boolean;
}

/**
 * Builds a certification evidence bundle: copies what the run produced into
 * sections, adds `run.json` and `versions.json`, checks that no secret is in
 * any file, writes `manifest.json` (SHA-256 of every file), `SHA256SUMS`,
 * and with a key `manifest.sig` (HMAC-SHA-256 over the manifest), then packs
 * it as `.tar.gz`.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_SOURCE` for a missing input, `ROAM_EVIDENCE_SECRET` when a secret is found (the bundle is removed).
 * @example
 * ```ts
 * await buildEvidence({ outputDir: 'evidence/run-42', sources: { specs: ['specs'], results: ['allure-results'], report: ['allure-report'] }, run: { seed: 42 } });
 * ```
 * @see reporters/evidence/verify-evidence.ts
 */
export async function buildEvidence(options: BuildEvidenceOptions): Promise<BuiltEvidence> {
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.outputDir);
  prepareOutput(dir, options.replace ?? false);
  for (const [source, section] of Object.entries(SECTIONS) as [keyof EvidenceSources, string][]) {
    for (const path of options.sources[source] ?? []) copyInto(resolve(cwd, path), join(dir, ...section.split('/')), source);
  }
  writeFileSync(join(dir, 'run.json'), JSON.stringify(options.run ?? {}, null, 2) + '\n');
  writeFileSync(join(dir, 'versions.json'), JSON.stringify(toolVersions(options.versions ?? {}), null, 2) + '\n');

  const key = options.signingKey ?? process.env[EVIDENCE_KEY_ENV] ?? undefined;
  const secrets = { ...(options.secrets ?? {}), ...(key ? { 'the evidence signing key': key } : {}) };
  const scan = scanForSecrets(dir, secrets);
  if (scan.findings.length) {
    rmSync(dir, { recursive: true, force: true });
    const where = [...new Set(scan.findings.map((f) => `${f.file} (${f.secret})`))].join(', ');
    throw new EvidenceError('ROAM_EVIDENCE_SECRET', 'build the evidence bundle', `secrets were found in ${where}; the bundle was removed`, {
      hint: 'Find where the run wrote them and pass identities through IdentityHasher; K and OPc must never leave the HLR',
    });
  }

  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT,
    createdAt: new Date().toISOString(),
    algorithm: 'sha256',
    files: await digestFolder(dir),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(dir, MANIFEST_FILE), manifestBytes);
  writeFileSync(join(dir, CHECKSUMS_FILE), checksumsText(manifest));
  if (key) writeFileSync(join(dir, SIGNATURE_FILE), JSON.stringify(signManifest(manifestBytes, key), null, 2) + '\n');
  const archive = options.archive === false ? undefined : await packEvidence(dir, resolve(cwd, options.archive ?? `${dir}.tar.gz`));
  return { dir, ...(archive ? { archive } : {}), manifest, signed: Boolean(key) };
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
