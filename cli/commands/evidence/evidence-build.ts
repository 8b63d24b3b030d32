import { buildEvidence, type EvidenceSources } from '../../../reporters/evidence/build-evidence.js';
import {
  EVIDENCE_KEY_ALGORITHMS,
  EVIDENCE_KEY_ENV,
  readSigningKey,
  signingKeyFromEnv,
  writeEvidenceKeyPair,
  type EvidenceKeyAlgorithm,
} from '../../../reporters/evidence/signing-keys.js';
import { rmSync } from 'node:fs';
import { CliError, parseCommandArgs, UsageError } from '../../command.js';

const SOURCE_FLAGS = ['specs', 'results', 'events', 'cdrs', 'usage', 'reconciliation', 'slo', 'report'] as const;

/** `roam evidence keygen --output <name> [--algorithm ed25519|ecdsa-p256]`. */
export async function keygenCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('evidence keygen', args, { output: { type: 'string' }, algorithm: { type: 'string' } });
  if (!values.output) throw new UsageError('evidence keygen', 'no --output: pass --output keys/<name> to write <name>.key and <name>.pub');
  const algorithm = (values.algorithm ?? 'ed25519') as EvidenceKeyAlgorithm;
  if (!EVIDENCE_KEY_ALGORITHMS.includes(algorithm)) {
    throw new UsageError(
      'evidence keygen',
      `--algorithm is ${JSON.stringify(values.algorithm)}, not ${EVIDENCE_KEY_ALGORITHMS.join(' or ')}`,
    );
  }
  const pair = writeEvidenceKeyPair(values.output, algorithm);
  process.stdout.write(
    [
      `[roam] Evidence key pair made (${pair.algorithm}, keyid ${pair.keyid}):`,
      `  private key  ${pair.privateKeyPath}  (yours alone: sign with "roam evidence build --key ${pair.privateKeyPath}")`,
      `  public key   ${pair.publicKeyPath}  (for partners: "roam evidence verify <bundle> --key ${pair.publicKeyPath}")`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** `roam evidence build --output <dir> [--key <private.key>]... [sources...]`. */
export async function buildCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('evidence build', args, {
    output: { type: 'string' },
    key: { type: 'string', multiple: true },
    ...Object.fromEntries(SOURCE_FLAGS.map((flag) => [flag, { type: 'string', multiple: true }] as const)),
    seed: { type: 'string' },
    run: { type: 'string', multiple: true },
    implementation: { type: 'string', multiple: true },
    partner: { type: 'string', multiple: true },
    'no-archive': { type: 'boolean' },
    replace: { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
  });
  if (!values.output) throw new UsageError('evidence build', 'no --output folder: pass --output evidence/<run>');
  const sources = Object.fromEntries(
    SOURCE_FLAGS.map((flag) => [flag, (values as Record<string, string[] | undefined>)[flag] ?? []]),
  ) as EvidenceSources;
  const run: Record<string, string> = {};
  if (values.seed) run['seed'] = values.seed;
  Object.assign(run, pairs('run', values.run));
  const partners: Record<string, string[]> = {};
  for (const [role, code] of Object.entries(pairsList('partner', values.partner))) partners[role] = code;
  const fromEnv = values.key ? undefined : signingKeyFromEnv();
  const signers = values.key ? values.key.map(readSigningKey) : fromEnv ? [fromEnv] : [];
  const allowEmpty = values['allow-empty'] ?? false;
  if (!sources.results?.length && !allowEmpty) throw nothingToCertify('no test results were given (--results)');

  const built = await buildEvidence({
    outputDir: values.output,
    sources,
    run,
    implementation: pairs('implementation', values.implementation),
    partners,
    signers,
    ...(values['no-archive'] ? { archive: false as const } : {}),
    replace: values.replace ?? false,
  });
  const { passedTests, warnedTests, failedTests } = built.statement.predicate;
  if (passedTests.length + warnedTests.length + failedTests.length === 0 && !allowEmpty) {
    // Nothing half done: a bundle certifying no test is not left to be sent.
    rmSync(built.dir, { recursive: true, force: true });
    if (built.archive) rmSync(built.archive, { force: true });
    throw nothingToCertify(`the results given (${sources.results!.join(', ')}) hold no test outcome; the bundle was removed`);
  }
  const signed = built.signedBy.length
    ? `signed by ${signers.map((s) => `${s.label} (${s.algorithm}, keyid ${s.keyid})`).join(' and ')}`
    : `NOT signed: pass --key <private.key> (or set ${EVIDENCE_KEY_ENV}) to sign; "roam evidence keygen" makes one`;
  process.stdout.write(
    `[roam] Evidence bundle: ${built.dir} (${built.manifest.files.length} files, test result ${built.statement.predicate.result}; ${signed})\n`,
  );
  if (built.archive) process.stdout.write(`[roam] Evidence archive: ${built.archive}\n`);
  return 0;
}

/** A bundle with no test in it certifies nothing: refused (exit 1) unless `--allow-empty`. */
function nothingToCertify(reason: string): CliError {
  return new CliError(
    'build the evidence bundle',
    `${reason}, so it would certify nothing`,
    'Pass --results with the run\'s allure-results, Playwright JSON report or JUnit XML (roam demo writes roam-demo/allure-results), or --allow-empty to bundle without test results',
  );
}

/** `key=value` flags as an object; a flag without `=` is bad input. */
function pairs(flag: string, values: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(pairsList(flag, values)).map(([key, list]) => [key, list.join(', ')]));
}

function pairsList(flag: string, values: readonly string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of values ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError('evidence build', `--${flag} ${JSON.stringify(pair)} is not <name>=<value>`);
    (out[pair.slice(0, at)] ??= []).push(pair.slice(at + 1));
  }
  return out;
}
