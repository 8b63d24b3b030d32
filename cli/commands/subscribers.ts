import { chmodSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Faker, base, en } from '@faker-js/faker';
import { parsePlmn } from '../../simulator/plmn.js';
import { SubscriberFactory, type Subscriber, type SubscriberProfile } from '../../simulator/subscriber.js';
import { roamingNetworkProblem } from '../../simulator/reference/roaming-networks.js';
import { CliError, fileProblem, integerFlag, parseCommandArgs, UsageError, type CliCommand, onlySubcommand } from '../command.js';

const PROGRESS_BATCH = 10_000;
const PROFILES: readonly SubscriberProfile[] = ['consumer', 'business', 'iot'];
const FORMATS = ['csv', 'json', 'jsonl'] as const;
type SubscriberFormat = (typeof FORMATS)[number];

/** The warning written to stderr whenever K and OPc are written out. */
export const WITH_KEYS_WARNING =
  "[roam] WARNING: --with-keys writes each SIM's K and OPc IN CLEAR. They are test keys of synthetic subscribers: keep the file out of logs, reports and version control.";

const USAGE = `roam subscribers generate: synthetic subscribers in valid formats, seeded

Usage:
  roam subscribers generate [--count 10] [--home 262-01] [--seed 1] [--profile consumer]
                            [--format csv|json|jsonl] [--output <file>] [--with-keys]

  --count <n>       how many subscribers (default 10, at most 1000000)
  --home <plmn>     their home network, MCC-MNC (default 262-01)
  --seed <n>        the same seed gives the same subscribers (default 1, as a lab or world with that seed)
  --profile <p>     consumer, business or iot (default consumer)
  --format <f>      csv (default), json (one array) or jsonl (one object a line);
                    taken from the --output extension when not given
  --output <file>   write there instead of stdout
  --with-keys       also write K and OPc (32 hex digits each), for provisioning an HLR
                    or "roam lab up --provision <file>"; a warning goes to stderr

Columns: imsi, msisdn, home, profile (and k, opc with --with-keys). The
identities are synthetic: 15-digit IMSIs under the home MCC+MNC, MSISDNs in
the home country's mobile ranges.
`;

/** `roam subscribers generate`: seeded synthetic subscribers as CSV, JSON or JSON Lines. */
export const subscribersCommand: CliCommand = {
  name: 'subscribers',
  usage: USAGE,
  async run(args) {
    const rest = onlySubcommand('subscribers', 'generate', args, USAGE);
    if (!rest) return 0;
    const { values } = parseCommandArgs('subscribers generate', rest, {
      count: { type: 'string' },
      home: { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      'with-keys': { type: 'boolean' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const count = integerFlag('subscribers generate', 'count', values.count, 10, 1_000_000);
    const seed = integerFlag('subscribers generate', 'seed', values.seed, 1);
    const home = plmnFlag(values.home ?? '262-01');
    const profile = (values.profile ?? 'consumer') as SubscriberProfile;
    if (!PROFILES.includes(profile)) {
      throw new UsageError('subscribers generate', `--profile is ${JSON.stringify(values.profile)}; use one of ${PROFILES.join(', ')}`);
    }
    const format = formatOf(values.format, values.output);
    const withKeys = values['with-keys'] ?? false;
    if (withKeys) process.stderr.write(`${WITH_KEYS_WARNING}\n`);

    const progress =
      count > PROGRESS_BATCH ? (done: number) => process.stderr.write(`[roam] Generated ${done} of ${count} subscribers\n`) : undefined;
    const subscribers = generateSubscribers({ count, home, seed, profile }, progress);
    const text = formatSubscribers(subscribers, format, withKeys);
    if (values.output) {
      try {
        // Keys are secrets: only the owner reads the file, as with signing keys.
        writeFileSync(values.output, text, withKeys ? { mode: 0o600 } : {});
        if (withKeys) chmodSync(values.output, 0o600);
      } catch (error) {
        throw new CliError(`write subscribers to ${values.output}`, fileProblem(error), 'Check the folder exists and is writable');
      }
      process.stderr.write(
        `[roam] Wrote ${count} subscriber${count === 1 ? '' : 's'} of ${home} (seed ${seed}, ${format}${withKeys ? ', with keys' : ''}) to ${values.output}\n`,
      );
    } else {
      process.stdout.write(text);
    }
    return 0;
  },
};

/** What {@link generateSubscribers} makes. */
export interface GenerateSubscribersOptions {
  readonly count: number;
  readonly home: string;
  readonly seed: number;
  readonly profile?: SubscriberProfile;
}

/**
 * The subscribers a world or lab with the same seed would create first:
 * the same faker seed and locale as `startRoamingWorld`.
 */
export function generateSubscribers(options: GenerateSubscribersOptions, onProgress?: (done: number) => void): Subscriber[] {
  const factory = new SubscriberFactory(new Faker({ locale: [en, base], seed: options.seed }));
  const out: Subscriber[] = [];
  // In batches on one factory: the same draws, in the same order, as one call.
  while (out.length < options.count) {
    const count = Math.min(PROGRESS_BATCH, options.count - out.length);
    out.push(...factory.create({ home: options.home, count, profile: options.profile ?? 'consumer' }));
    onProgress?.(out.length);
  }
  return out;
}

/** One row per subscriber; K and OPc only when `withKeys`. */
export function formatSubscribers(subscribers: readonly Subscriber[], format: SubscriberFormat, withKeys: boolean): string {
  const rows = subscribers.map((s) => ({
    imsi: s.imsi,
    msisdn: s.msisdn,
    home: s.home.id,
    profile: s.profile,
    ...(withKeys ? s.credentials.reveal() : {}),
  }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'jsonl') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  const columns = ['imsi', 'msisdn', 'home', 'profile', ...(withKeys ? ['k', 'opc'] : [])];
  // Every value is digits, hex, a PLMN id, a profile name or "+digits": nothing to quote.
  return [columns.join(','), ...rows.map((r) => columns.map((c) => (r as Record<string, string>)[c]).join(','))].join('\n') + '\n';
}

function plmnFlag(value: string): string {
  let id: string;
  try {
    id = parsePlmn(value).id;
  } catch {
    throw new UsageError('subscribers generate', `--home is ${JSON.stringify(value)}, not a PLMN; write MCC-MNC, e.g. 262-01`);
  }
  // A network outside the reference data has no country, so no MSISDN range of its own.
  const problem = roamingNetworkProblem(id);
  if (problem) throw new UsageError('subscribers generate', `--home ${problem}`);
  return id;
}

function formatOf(format: string | undefined, output: string | undefined): SubscriberFormat {
  const chosen = format ?? (output ? extname(output).slice(1).toLowerCase() : 'csv');
  if (FORMATS.includes(chosen as SubscriberFormat)) return chosen as SubscriberFormat;
  if (format === undefined) return 'csv';
  throw new UsageError('subscribers generate', `--format is ${JSON.stringify(format)}; use csv, json or jsonl`);
}
