import { UsageError, type CliCommand } from '../command.js';
import { buildCommand, keygenCommand } from './evidence/evidence-build.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { countersignCommand, verifyCommand } from './evidence/evidence-verify.js';
import { EVIDENCE_KEY_ENV } from '../../reporters/evidence/signing-keys.js';

export { describeVerification } from './evidence/evidence-verify.js';

/** Help for `roam evidence`. */
export const EVIDENCE_HELP = `roam evidence: certification evidence a partner can verify with your public key

Usage:
  roam evidence keygen --output <name> [--algorithm ed25519|ecdsa-p256]
        makes a key pair: <name>.key (private, PKCS#8 PEM: yours alone, never in a bundle)
        and <name>.pub (public, SPKI PEM: for partners), and prints its keyid
  roam evidence build --output <dir> [--key <private.key>]... [--specs <path>]...
                      [--results <path>]... [--events <path>]... [--cdrs <path>]...
                      [--usage <path>]... [--reconciliation <path>]... [--slo <path>]...
                      [--report <path>]... [--seed <n>] [--run <key=value>]...
                      [--implementation <element=name>]... [--partner <role=TADIG>]...
                      [--no-archive] [--replace] [--allow-empty]
        copies what a run produced into <dir> with an in-toto statement (every file by
        SHA-256; the test result, the configuration that ran) in a DSSE envelope signed
        with each --key (default $${EVIDENCE_KEY_ENV}), and packs <dir>.tar.gz; refuses
        (exit 1) a bundle whose --results hold no test, unless --allow-empty
  roam evidence countersign <dir | archive.tar.gz> --key <private.key> --signed-by <public.pub>...
        verifies the bundle with the public keys of those who signed it, then adds your
        signature to the same statement (in place; a <dir>.tar.gz beside a folder is packed again)
  roam evidence verify <dir | archive.tar.gz> --key <public.pub>... [--allow-unsigned]
                       [--max-size <MiB>] [--max-file-size <MiB>] [--max-files <n>] [--max-inflation <n>]
        exits 0 only when each --key signed the statement, no other key did, and the files
        are exactly its subjects; otherwise exits 1 with every reason. An archive is read
        as a stream within the limits (default 1024 MiB, 256 MiB a file, 20000 files,
        inflating at most 100 times)
        --allow-unsigned, for local use only: without --key, check the digests alone

A partner needs only the public keys; the bundle's README.md says how to check it with
openssl and sha256sum instead.
`;

const SUBCOMMANDS = new Map<string, (args: string[]) => Promise<number>>([
  ['keygen', keygenCommand],
  ['build', buildCommand],
  ['countersign', countersignCommand],
  ['verify', verifyCommand],
]);

/** `roam evidence keygen|build|countersign|verify ...`. */
export async function evidenceCommand(args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    process.stdout.write(EVIDENCE_HELP);
    return 0;
  }
  const run = SUBCOMMANDS.get(sub);
  if (!run) {
    throw new UsageError(
      'evidence',
      `unknown subcommand ${JSON.stringify(sub)}; it is keygen, build, countersign or verify.${didYouMean(sub, [...SUBCOMMANDS.keys()])}`,
    );
  }
  return run(rest);
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
