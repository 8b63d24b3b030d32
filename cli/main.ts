#!/usr/bin/env node
import { CliError, exitCodeOf, type CliCommand } from './command.js';
import { didYouMean } from '../core/did-you-mean.js';
import { hangingIndent, terminalWidth, wrapText } from '../core/text-wrap.js';

/** A `roam` subcommand as `roam help` lists it; its module is loaded only when it runs. */
interface CommandEntry {
  readonly name: string;
  /** How help shows it, e.g. `lab up`. */
  readonly label: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

/** Every `roam` subcommand, in the order `roam help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    label: 'run',
    summary: 'run YAML specs (or your Playwright project) through Playwright; --grep/--project/--shard pass through',
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  {
    name: 'validate',
    label: 'validate',
    summary: 'check YAML spec files; every problem as file:line:col (exit 0 valid, 2 invalid)',
    load: async () => (await import('./commands/validate.js')).validateCommand,
  },
  {
    name: 'drill',
    label: 'drill',
    summary: 'run one chaos drill with live progress (fault on, attaches so far, success rate)',
    load: async () => (await import('./commands/drill.js')).drillCommand,
  },
  {
    name: 'lab',
    label: 'lab up',
    summary: 'start a whole roaming world in one process, print its endpoints, serve /metrics',
    load: async () => (await import('./commands/lab.js')).labCommand,
  },
  {
    name: 'subscribers',
    label: 'subscribers generate',
    summary: 'synthetic subscribers as CSV or JSON, seeded (K/OPc only with --with-keys)',
    load: async () => (await import('./commands/subscribers.js')).subscribersCommand,
  },
  {
    name: 'events',
    label: 'events export',
    summary: "a run's events as JSON Lines (from a running lab or an allure-results folder)",
    load: async () => (await import('./commands/events.js')).eventsCommand,
  },
  {
    name: 'tap',
    label: 'tap decode',
    summary: 'print a TAP 3 file (TD.57, BER) as JSON: batch, call events, audit totals',
    load: async () => (await import('./commands/tap.js')).tapCommand,
  },
  {
    name: 'report',
    label: 'report',
    summary: 'build the Allure HTML report offline, with roaming failure categories and history',
    load: async () => (await import('./commands/report.js')).reportCliCommand,
  },
  {
    name: 'evidence',
    label: 'evidence build|verify',
    summary: "bundle a run's evidence as a signed in-toto statement, or verify one (also keygen, countersign)",
    load: async () => (await import('./commands/evidence.js')).evidenceCliCommand,
  },
  {
    name: 'certify',
    label: 'certify',
    summary: "run a role's conformance suite (hlr, vlr, billing) against your implementation: JUnit, Allure, evidence",
    load: async () => (await import('./commands/certify.js')).certifyCommand,
  },
  {
    name: 'contracts',
    label: 'contracts export',
    summary: "every element's HTTP contract as an OpenAPI 3.1 document, for implementing your own",
    load: async () => (await import('./commands/contracts.js')).contractsCommand,
  },
  {
    name: 'merge',
    label: 'merge',
    summary: 'one report and one signed evidence bundle from the shards and segments of a run',
    load: async () => (await import('./commands/merge.js')).mergeCommand,
  },
  {
    name: 'toxiproxy',
    label: 'toxiproxy',
    summary: 'run the embedded Toxiproxy as a standalone server, a drop-in for toxiproxy-server',
    load: async () => (await import('./commands/toxiproxy.js')).toxiproxyCliCommand,
  },
  {
    name: 'demo',
    label: 'demo',
    summary: 'run the shipped scenario library and build the Allure report',
    load: async () => (await import('./commands/demo.js')).demoCliCommand,
  },
];

/** What `roam help` prints; summaries wrap under themselves to fit `columns` (the terminal's, by default). */
export function helpText(columns: number | undefined = terminalWidth(process.stdout)): string {
  const width = Math.max(...COMMANDS.map((c) => c.label.length));
  const entry = (label: string, summary: string) => hangingIndent(`  ${label.padEnd(width)}  `, ' '.repeat(width + 4), summary, columns);
  const text = (line: string) => wrapText(line, columns);
  return [
    ...text('roam: roaming checks, chaos drills and evidence for the Playwright test runner'),
    '',
    ...text('Usage: roam <command> [options]        "roam <command> --help" shows its options'),
    '',
    'Commands:',
    ...COMMANDS.flatMap((c) => entry(c.label, c.summary)),
    ...entry('help [command]', "show this help, or a command's"),
    '',
    ...text('Errors are one line on stderr and a non-zero exit code (2: bad input, 1: failed); set ROAM_DEBUG=1 for stack traces.'),
    '',
  ].join('\n');
}

/** The options `roam` itself takes, before any command. */
const TOP_LEVEL_OPTIONS = ['--help', '-h', '--version', '-v'];

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // No command is a usage error, as in git and npm: the help goes to stderr and the exit code says so.
    process.stderr.write(`[roam] No command given.\n\n${helpText()}`);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] === '--help' || rest[0] === '-h') rest.shift();
    if (topic) return (await topic.load()).run(['--help']);
    if (rest[0] !== undefined) throw unknownCommand(rest[0], `help ${rest[0]}`);
    process.stdout.write(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { packageRoot } = await import('../peers/package-files.js');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    process.stdout.write(`${(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw unknownCommand(name, name);
  return (await command.load()).run(rest);
}

/** `roam <typo>` or `roam --typo`: what was not understood, the nearest command or option, and where the list is. */
function unknownCommand(typed: string, asTyped: string): CliError {
  const commands = COMMANDS.map((c) => c.name);
  if (typed.startsWith('-')) {
    return new CliError(
      'run roam',
      `unknown option ${typed}; roam takes a command first.${didYouMean(typed, TOP_LEVEL_OPTIONS) || didYouMean(typed.replace(/^-+/, ''), commands)}`,
      `Run "roam help" for the commands (${commands.join(', ')}) and the options (--help, --version)`,
      2,
    );
  }
  return new CliError(
    `run roam ${asTyped}`,
    `there is no command ${JSON.stringify(typed)}.${didYouMean(typed, [...commands, 'help'])}`,
    `Run "roam help" for the list: ${commands.join(', ')}`,
    2,
  );
}

/** One line on stderr: the error's first line, `[roam]`-prefixed; the stack only with ROAM_DEBUG=1. */
function report(error: unknown): number {
  const debug = process.env['ROAM_DEBUG'] === '1';
  const message = error instanceof Error ? error.message : String(error);
  const exitCode = exitCodeOf(error);
  // Multi-line messages (a SpecError's problem list) are already formatted for people.
  const text = message.startsWith('[roam]') ? message : `[roam] ${message}`;
  process.stderr.write(`${debug && error instanceof Error ? (error.stack ?? text) : text}\n`);
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(report(error)),
);
