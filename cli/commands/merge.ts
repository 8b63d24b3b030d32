import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { mergeSloSummaries } from '../../metrics/slo-merge.js';
import { sloSummaryMarkdown, sloSummaryTable, type SloSummary } from '../../metrics/slo-summary.js';
import { mergeEvidence, type ShardBundle } from '../../reporters/evidence/merge-evidence.js';
import { ENVELOPE_FILE } from '../../reporters/evidence/manifest.js';
import { readPublicKey, readSigningKey, signingKeyFromEnv, EVIDENCE_KEY_ENV } from '../../reporters/evidence/signing-keys.js';
import { CliError, parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { allureUnion } from './merge/allure-union.js';

const USAGE = `roam merge: one report and one evidence bundle from the shards and segments of a run

Usage:
  roam merge --output <dir> <shard dir>... [--key <private.key>]... [--signed-by <public.pub>]...
             [--allow-unsigned] [--no-archive] [--replace]

  <shard dir>          what one shard or segment produced (roam run --shard i/n, --segment i/n, or
                       a Kubernetes Job's completion), laid out as:
                         allure-results/            Allure results
                         slo-summary/slo-summary.json  the SLO summary (with its samples)
                         evidence/                  an evidence bundle (or a folder holding one)
                       any of them may be missing
  --output <dir>       writes <dir>/allure-results (the union of the shards' results),
                       <dir>/slo-summary (each SLO a test checked in several segments evaluated
                       again over all their samples) and <dir>/evidence/<name> (one statement over
                       the union, signed with each --key, default $${EVIDENCE_KEY_ENV})
  --signed-by <pub>    each shard bundle must be signed by exactly these keys; without it, shard
                       bundles are merged only with --allow-unsigned (digests checked alone)
  --no-archive         no .tar.gz of the merged bundle
  --replace            replace an existing merged bundle

Then "roam report" builds the HTML report from <dir>/allure-results.
`;

/** A shard's folder, read for what it holds. */
interface Shard {
  readonly name: string;
  readonly dir: string;
  readonly allure?: string;
  readonly slo?: string;
  readonly evidence?: string;
}

/** `roam merge --output <dir> <shard dir>...`. */
export const mergeCommand: CliCommand = {
  name: 'merge',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'merge',
      [...args],
      {
        output: { type: 'string' },
        key: { type: 'string', multiple: true },
        'signed-by': { type: 'string', multiple: true },
        'allow-unsigned': { type: 'boolean' },
        'no-archive': { type: 'boolean' },
        replace: { type: 'boolean' },
      },
      { allowPositionals: true },
    );
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!values.output) throw new UsageError('merge', 'no --output folder: pass --output merged');
    if (positionals.length === 0) throw new UsageError('merge', 'no shard folder: pass the folder of each shard, e.g. results/shard-*');
    const output = resolve(values.output);
    const shards = positionals.map((dir, i) => readShard(dir, positionals, i));

    const allureSources = shards.flatMap((s) => (s.allure ? [s.allure] : []));
    if (allureSources.length) {
      const union = allureUnion(allureSources, join(output, 'allure-results'));
      process.stdout.write(
        `[roam] Allure results: ${union.results} test results from ${allureSources.length} shards in ${join(output, 'allure-results')}\n`,
      );
    }

    const summaries = shards.flatMap((s) => (s.slo ? [readSummary(s.slo)] : []));
    let sloDir: string | undefined;
    if (summaries.length) {
      const { summary, unmerged } = mergeSloSummaries(summaries);
      sloDir = join(output, 'slo-summary');
      mkdirSync(sloDir, { recursive: true });
      writeFileSync(join(sloDir, 'slo-summary.json'), JSON.stringify(summary, null, 2) + '\n');
      writeFileSync(join(sloDir, 'slo-summary.md'), sloSummaryMarkdown(summary));
      process.stdout.write(sloSummaryTable(summary));
      for (const row of unmerged) process.stdout.write(`[roam] Kept per shard (no samples to evaluate again): ${row}\n`);
    }

    const bundles: ShardBundle[] = shards.flatMap((s) => (s.evidence ? [{ name: s.name, dir: s.evidence }] : []));
    if (bundles.length) {
      const signers = values.key ? values.key.map(readSigningKey) : [signingKeyFromEnv()].flatMap((k) => (k ? [k] : []));
      const trusted = (values['signed-by'] ?? []).map(readPublicKey);
      if (!trusted.length && !values['allow-unsigned']) {
        throw new UsageError(
          'merge',
          'the shards have evidence bundles: pass --signed-by <public.pub> to verify them (or --allow-unsigned for local use)',
        );
      }
      const built = await mergeEvidence({
        outputDir: join(output, 'evidence', basename(output)),
        shards: bundles,
        trusted,
        allowUnsigned: values['allow-unsigned'] ?? false,
        ...(allureSources.length ? { results: [join(output, 'allure-results')] } : {}),
        ...(sloDir ? { slo: [join(sloDir, 'slo-summary.json'), join(sloDir, 'slo-summary.md')] } : {}),
        signers,
        ...(values['no-archive'] ? { archive: false as const } : {}),
        replace: values.replace ?? false,
      });
      const signed = signers.length
        ? `signed by ${signers.map((s) => `${s.label} (keyid ${s.keyid})`).join(' and ')}`
        : 'NOT signed: pass --key';
      process.stdout.write(
        `[roam] Evidence bundle: ${built.dir} over ${bundles.length} shard bundles (${built.manifest.files.length} files, test result ${built.statement.predicate.result}; ${signed})\n`,
      );
      if (built.archive) process.stdout.write(`[roam] Evidence archive: ${built.archive}\n`);
    }
    if (!allureSources.length && !summaries.length && !bundles.length) {
      throw new CliError(
        'merge the shards',
        'no shard folder holds allure-results/, slo-summary/slo-summary.json or evidence/',
        'Pass the folders each shard wrote its results to',
        2,
      );
    }
    return 0;
  },
};

/** What a shard folder holds; its name is its folder's, made unique by position when two share one. */
function readShard(dir: string, all: readonly string[], index: number): Shard {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError('merge', `shard folder ${dir} does not exist`);
  const base = basename(root);
  const name = all.filter((d) => basename(resolve(d)) === base).length > 1 ? `${base}-${index + 1}` : base;
  const allure = join(root, 'allure-results');
  const slo = join(root, 'slo-summary', 'slo-summary.json');
  return {
    name,
    dir: root,
    ...(existsSync(allure) ? { allure } : {}),
    ...(existsSync(slo) ? { slo } : {}),
    ...withEvidence(join(root, 'evidence')),
  };
}

/** The shard's bundle: `evidence/` itself, or the one bundle folder inside it. */
function withEvidence(dir: string): { evidence?: string } {
  if (!existsSync(dir)) return {};
  if (existsSync(join(dir, ENVELOPE_FILE))) return { evidence: dir };
  const inside = readdirSync(dir).filter((entry) => existsSync(join(dir, entry, ENVELOPE_FILE)));
  if (inside.length === 1) return { evidence: join(dir, inside[0]!) };
  if (inside.length > 1)
    throw new UsageError('merge', `${dir} holds ${inside.length} evidence bundles (${inside.join(', ')}); keep one per shard`);
  return {};
}

function readSummary(path: string): SloSummary {
  try {
    const summary = JSON.parse(readFileSync(path, 'utf8')) as SloSummary;
    if (!Array.isArray(summary.rows)) throw new Error('it has no rows');
    return summary;
  } catch (error) {
    throw new CliError(
      `read the SLO summary ${path}`,
      (error as Error).message,
      'Pass the slo-summary.json the SLO summary reporter wrote',
      2,
    );
  }
}
