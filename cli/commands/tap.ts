import { readFileSync } from 'node:fs';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import { CliError, fileProblem, parseCommandArgs, UsageError, type CliCommand } from '../command.js';

const USAGE = `roam tap: read TAP 3 files (GSMA TD.57, BER)

Usage:
  roam tap decode <file> [--identities clear]

  decode <file>        prints the file as JSON: its kind (transferBatch or notification),
                       batch control, accounting, recording entities, call events and
                       audit totals, and notes.unknownFields (fields this decoder skipped)
  --identities clear   print IMSIs and MSISDNs as they are; by default they are
                       pseudonyms (keyed by ROAM_HASH_KEY when set)

Exit code 0 when the file decodes, 1 when it is not a TAP file this decoder reads,
2 for bad input (no file, a file that cannot be read).
`;

/** `roam tap decode <file>`: a TAP file as JSON, identities as pseudonyms unless asked otherwise. */
export const tapCommand: CliCommand = {
  name: 'tap',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs('tap', args, { identities: { type: 'string' } }, { allowPositionals: true });
    const [sub, path, ...extra] = positionals;
    if (values.help || sub === undefined || sub === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (sub !== 'decode') throw new UsageError('tap', `unknown subcommand ${JSON.stringify(sub)}; the only one is "decode"`);
    if (!path) throw new UsageError('tap', 'no file given; e.g. roam tap decode TDFRAF1DEUD100001');
    if (extra.length) throw new UsageError('tap', `one file at a time, not ${positionals.length - 1}`);
    if (values.identities !== undefined && values.identities !== 'clear') {
      throw new UsageError('tap', `--identities is ${JSON.stringify(values.identities)}; the only value is "clear"`);
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new CliError(`read TAP file ${path}`, fileProblem(error), 'Check the path', 2);
    }
    const { decodeTapFile } = await import('../../protocols/tap3/tap3-decode.js');
    const file = await decodeTapFile(bytes, path);
    const hasher = values.identities === 'clear' ? undefined : new IdentityHasher(process.env['ROAM_HASH_KEY'] || undefined);
    process.stdout.write(`${JSON.stringify(file, printable(hasher), 2)}\n`);
    return 0;
  },
};

/** Times as ISO 8601, identities as pseudonyms (unless shown in clear). */
function printable(hasher: IdentityHasher | undefined) {
  return (key: string, value: unknown): unknown => {
    if (typeof value === 'number' && /Time$/.test(key)) return new Date(value).toISOString();
    if (hasher && typeof value === 'string' && key === 'imsi') return hasher.subscriber(value);
    if (hasher && typeof value === 'string' && key === 'msisdn') return hasher.msisdn(value);
    return value;
  };
}
