#!/usr/bin/env node
import { CliError, exitCodeOf, type CliCommand } from './command.js';

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

/** What `roam help` prints. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.label.length));
  return [
    'roam: roaming checks, chaos drills and evidence for the Playwright test runner',
    '',
    'Usage: roam <command> [options]        "roam <command> --help" shows its options',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.label.padEnd(width)}  ${c.summary}`),
    `  ${'help [command]'.padEnd(width)}  show this help, or a command's`,
    '',
    'Errors are one line on stderr and a non-zero exit code (2: bad input, 1: failed);',
    'set ROAM_DEBUG=1 for stack traces.',
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    if (topic) return (await topic.load()).run(['--help']);
    process.stdout.write(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { packageRoot } = await import('./package-root.js');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    process.stdout.write(`${(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw new CliError(
      `run roam ${name}`,
      `there is no command ${JSON.stringify(name)}`,
      `Run "roam help" for the list: ${COMMANDS.map((c) => c.name).join(', ')}`,
      2,
    );
  }
  return (await command.load()).run(rest);
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
