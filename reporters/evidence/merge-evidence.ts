/**
 * One evidence bundle from the bundles of the shards and segments of a run:
 * every shard bundle is verified first (fail closed), then one statement is
 * built over the union of what they hold and signed with the merger's keys.
 * The spec files must agree; run-specific sections (events, billing, the
 * report) keep one folder per shard; results and the SLO summary are the
 * merged ones when given. `run.json` names each shard, the digest of the
 * statement it carried and the keys that had signed it.
 *
 * @module
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { EvidenceError } from '../report-errors.js';
import { buildEvidence, type BuildEvidenceOptions, type BuiltEvidence, type EvidenceSources } from './build-evidence.js';
import { STATEMENT_FILE } from './manifest.js';
import type { RunDescription } from './evidence-statement.js';
import type { EvidencePublicKey } from './signing-keys.js';
import { verifyEvidence } from './verify-evidence.js';

/** A shard's bundle folder and the name it goes by in the merged bundle (e.g. `segment-2`). */
export interface ShardBundle {
  readonly name: string;
  readonly dir: string;
}

/** How to merge. */
export interface MergeEvidenceOptions extends Pick<BuildEvidenceOptions, 'outputDir' | 'signers' | 'archive' | 'replace' | 'secrets'> {
  readonly shards: readonly ShardBundle[];
  /** Each shard bundle must be signed by exactly these keys (as `roam evidence verify --key`). */
  readonly trusted?: readonly EvidencePublicKey[];
  /** Without `trusted`: accept shard bundles whose digests check, signed or not (local use). */
  readonly allowUnsigned?: boolean;
  /** The merged test results (e.g. the union of the shards' allure-results); the shards' own when omitted. */
  readonly results?: readonly string[];
  /** The merged SLO summary files; the shards' own, one folder each, when omitted. */
  readonly slo?: readonly string[];
}

/** Sections copied one folder per shard: what each shard's run produced on its own. */
const PER_SHARD: readonly (keyof EvidenceSources)[] = ['events', 'cdrs', 'usage', 'reconciliation', 'report'];
const SECTION_DIRS: Record<keyof EvidenceSources, string> = {
  specs: 'specs',
  results: 'results',
  events: 'events',
  cdrs: 'billing/cdrs',
  usage: 'billing/usage',
  reconciliation: 'billing/reconciliation',
  slo: 'slo',
  report: 'report',
};

/**
 * Verifies every shard bundle, then builds and signs one bundle over their union.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_MERGE` naming the shard when one does not verify, when two shards ran different spec files under one name, or when shard names repeat; nothing is written then.
 * @example
 * ```ts
 * await mergeEvidence({ outputDir: 'merged/evidence/run', shards, trusted: [readPublicKey('keys/ci.pub')], signers: [readSigningKey('keys/ci.key')] });
 * ```
 */
export async function mergeEvidence(options: MergeEvidenceOptions): Promise<BuiltEvidence> {
  const names = options.shards.map((s) => s.name);
  if (new Set(names).size !== names.length)
    throw mergeError('the shard names repeat', `give each shard its own name (${names.join(', ')})`);
  if (options.shards.length === 0) throw mergeError('no shard bundle was given', 'give the bundle folder of each shard');
  const provenance: Record<string, unknown>[] = [];
  const runs: Record<string, RunDescription> = {};
  for (const shard of options.shards) {
    const verified = await verifyEvidence(shard.dir, {
      ...(options.trusted?.length ? { keys: options.trusted } : {}),
      ...(options.allowUnsigned ? { allowUnsigned: true } : {}),
    });
    if (!verified.ok) {
      throw mergeError(
        `the bundle of shard ${shard.name} (${shard.dir}) does not verify: ${verified.failures.map((f) => f.message).join('; ')}`,
        'Merge only bundles that verify: pass the keys that signed them with --signed-by (or --allow-unsigned for local use)',
      );
    }
    const statement = readFileSync(join(shard.dir, STATEMENT_FILE));
    provenance.push({
      name: shard.name,
      statementSha256: createHash('sha256').update(statement).digest('hex'),
      // Which keys had signed it, and whether they were checked (trusted keys) or only claimed (--allow-unsigned).
      signatures: verified.signatures.map((s) => ({ keyid: s.keyid, status: s.status })),
    });
    runs[shard.name] = JSON.parse(readFileSync(join(shard.dir, 'run.json'), 'utf8')) as RunDescription;
  }
  const staging = mkdtempSync(join(tmpdir(), 'roam-merge-'));
  try {
    const sources: Record<keyof EvidenceSources, string[]> = {
      specs: unionOf(options.shards, 'specs'),
      results: options.results ? [...options.results] : unionOf(options.shards, 'results'),
      slo: options.slo ? [...options.slo] : [],
      events: [],
      cdrs: [],
      usage: [],
      reconciliation: [],
      report: [],
    };
    for (const section of [...PER_SHARD, ...(options.slo ? [] : (['slo'] as const))]) {
      for (const shard of options.shards) {
        const from = join(shard.dir, ...SECTION_DIRS[section].split('/'));
        if (!existsSync(from)) continue;
        // Staged under the shard's name, so the bundle holds <section>/<shard>/...
        const staged = join(staging, section, shard.name);
        cpSync(from, staged, { recursive: true });
        sources[section].push(staged);
      }
    }
    return await buildEvidence({
      outputDir: options.outputDir,
      sources,
      run: { shards: provenance, segments: Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, run.world])) },
      implementation: mergeRecords(Object.values(runs).map((r) => r.implementationUnderTest)),
      partners: mergePartners(Object.values(runs).map((r) => r.partners)),
      ...(options.signers ? { signers: options.signers } : {}),
      ...(options.archive !== undefined ? { archive: options.archive } : {}),
      ...(options.replace ? { replace: true } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The entries of a section across shards, each name once: the same name must hold the same content. */
function unionOf(shards: readonly ShardBundle[], section: 'specs' | 'results'): string[] {
  const chosen = new Map<string, { path: string; digest: string; shard: string }>();
  for (const shard of shards) {
    const dir = join(shard.dir, section);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const path = resolve(dir, entry);
      const digest = digestOf(path);
      const seen = chosen.get(entry);
      if (!seen) chosen.set(entry, { path, digest, shard: shard.name });
      else if (seen.digest !== digest) {
        throw mergeError(
          `${section}/${entry} differs between shard ${seen.shard} and shard ${shard.name}`,
          section === 'specs' ? 'Segments and shards of one run must run the same spec files' : 'Pass the merged results with --results',
        );
      }
    }
  }
  return [...chosen.values()].map((c) => c.path);
}

/** A digest of a file or of a folder's files (names and contents). */
function digestOf(path: string): string {
  const hash = createHash('sha256');
  const walk = (at: string, name: string) => {
    if (statSync(at).isDirectory()) {
      for (const entry of readdirSync(at).sort()) walk(join(at, entry), `${name}/${entry}`);
    } else hash.update(`${name}\0`).update(readFileSync(at)).update('\0');
  };
  walk(path, '');
  return hash.digest('hex');
}

function mergeRecords(records: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const out: Record<string, Set<string>> = {};
  for (const record of records) for (const [key, value] of Object.entries(record)) (out[key] ??= new Set()).add(value);
  return Object.fromEntries(Object.entries(out).map(([key, values]) => [key, [...values].join(', ')]));
}

function mergePartners(records: readonly Readonly<Record<string, readonly string[]>>[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const record of records)
    for (const [role, codes] of Object.entries(record)) for (const code of codes) (out[role] ??= new Set()).add(code);
  return Object.fromEntries(Object.entries(out).map(([role, codes]) => [role, [...codes]]));
}

function mergeError(reason: string, hint: string): EvidenceError {
  return new EvidenceError('ROAM_EVIDENCE_MERGE', 'merge the evidence bundles', reason, { hint });
}
