import { parseArgs } from 'node:util';
import { buildEvidence, type EvidenceSources } from '../../reporters/evidence/build-evidence.js';
import { EVIDENCE_KEY_ENV } from '../../reporters/evidence/signature.js';
import { verifyEvidence, type EvidenceVerification } from '../../reporters/evidence/verify-evidence.js';
import type { CliCommand } from '../command.js';

const SOURCE_FLAGS = ['specs', 'results', 'events', 'cdrs', 'usage', 'reconciliation', 'slo', 'report'] as const;

/** Help for `roam evidence`. */
export const EVIDENCE_HELP = `roam evidence: certification evidence a partner can verify

Usage:
  roam evidence build --output <dir> [--specs <path>]... [--results <path>]... [--events <path>]
                      [--cdrs <path>]... [--usage <path>]... [--reconciliation <path>]...
                      [--slo <path>]... [--report <path>] [--seed <n>] [--run <key=value>]...
                      [--no-archive] [--replace]
        copies what a run produced into a bundle folder with a SHA-256 manifest, signs the
        manifest with HMAC-SHA-256 when ${EVIDENCE_KEY_ENV} is set, and packs <dir>.tar.gz
  roam evidence verify <dir | archive.tar.gz> [--require-signature]
        exits 0 when every file matches the manifest (and the signature, given the key);
        otherwise exits 1 naming each file changed, added or removed
`;

/** `roam evidence build|verify ...`. */
export async function evidenceCommand(args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'build') return build(rest);
  if (sub === 'verify') return verify(rest);
  process.stdout.write(EVIDENCE_HELP);
  return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
}

async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      output: { type: 'string' },
      ...Object.fromEntries(SOURCE_FLAGS.map((flag) => [flag, { type: 'string', multiple: true }] as const)),
      seed: { type: 'string' },
      run: { type: 'string', multiple: true },
      'no-archive': { type: 'boolean' },
      replace: { type: 'boolean' },
    },
  });
  if (!values.output) {
    process.stderr.write(`[roam] Failed to build the evidence bundle: no --output folder. Pass --output evidence/<run>.\n`);
    return 2;
  }
  const sources = Object.fromEntries(
    SOURCE_FLAGS.map((flag) => [flag, (values as Record<string, string[] | undefined>)[flag] ?? []]),
  ) as EvidenceSources;
  const run: Record<string, string> = {};
  if (values.seed) run['seed'] = values.seed;
  for (const pair of (values.run as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    if (at > 0) run[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const built = await buildEvidence({
    outputDir: values.output,
    sources,
    run,
    ...(values['no-archive'] ? { archive: false as const } : {}),
    replace: values.replace ?? false,
  });
  console.log(
    `[roam] Evidence bundle: ${built.dir} (${built.manifest.files.length} files, ${built.signed ? 'signed' : `unsigned: set ${EVIDENCE_KEY_ENV} to sign`})`,
  );
  if (built.archive) console.log(`[roam] Evidence archive: ${built.archive}`);
  return 0;
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'require-signature': { type: 'boolean' } } });
  const [path] = positionals;
  if (!path) {
    process.stderr.write('[roam] Failed to verify evidence: no path given. Run "roam evidence verify <dir | archive.tar.gz>".\n');
    return 2;
  }
  const result = await verifyEvidence(path, { requireSignature: values['require-signature'] ?? false });
  process.stdout.write(describeVerification(path, result));
  return result.ok ? 0 : 1;
}

/**
 * What `roam evidence verify` prints: one line when the bundle verifies,
 * otherwise one line per file changed, added or removed and the signature.
 */
export function describeVerification(path: string, result: EvidenceVerification): string {
  const signature = {
    valid: 'signature valid',
    invalid: `signature INVALID: the manifest was changed or ${EVIDENCE_KEY_ENV} is not the key it was signed with`,
    unchecked: `signature not checked: set ${EVIDENCE_KEY_ENV} to check it`,
    unsigned: 'not signed',
    missing: `signature MISSING: ${EVIDENCE_KEY_ENV} is set but the bundle has no manifest.sig`,
  }[result.signature];
  if (result.ok) return `[roam] Evidence verified: ${path}: all ${result.files} files match the manifest; ${signature}.\n`;
  const lines = [
    ...result.changed.map((p) => `  changed: ${p}`),
    ...result.added.map((p) => `  added:   ${p}`),
    ...result.removed.map((p) => `  removed: ${p}`),
  ];
  // Not ok with every file in place means the signature is what failed (e.g. --require-signature on an unsigned bundle).
  const signatureFailed = !['valid', 'unsigned', 'unchecked'].includes(result.signature) || lines.length === 0;
  const problems = lines.length + (signatureFailed ? 1 : 0);
  return [`[roam] Evidence does NOT verify: ${path}: ${problems} problem${problems === 1 ? '' : 's'}`, ...lines, `  ${signature}`, ''].join(
    '\n',
  );
}

/** `roam evidence build|verify`. */
export const evidenceCliCommand: CliCommand = {
  name: 'evidence',
  usage: EVIDENCE_HELP,
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(EVIDENCE_HELP);
      return 0;
    }
    return evidenceCommand(args);
  },
};
