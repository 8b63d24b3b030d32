#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { demoCommand } from './commands/demo.js';
import { evidenceCommand } from './commands/evidence.js';
import { reportCommand } from './commands/report.js';
import { toxiproxyCommand } from './commands/toxiproxy.js';

const HELP = `roam: roaming checks, chaos drills and evidence

Usage:
  roam demo [--output <dir>]           run the scenario library and build the Allure report
  roam report [--results <dir>] [--output <dir>] [--single-file] [--name <title>]
              [--history <file> | --no-history]
                                       build the Allure HTML report offline (no outside requests),
                                       keeping history in .roam/allure-history.jsonl by default
  roam evidence build --output <dir> [--specs <path>]... [--results <path>]... [...]
                                       bundle a run's evidence with a SHA-256 manifest (and an
                                       HMAC signature when ROAM_EVIDENCE_KEY is set) and a .tar.gz
  roam evidence verify <dir | archive.tar.gz>
                                       check a bundle; exits non-zero naming each changed, added
                                       or removed file ("roam evidence help" for all options)
  roam toxiproxy [--host 127.0.0.1] [--port 8474] [--config <file>] [--embedded-toxics]
                                       run the embedded Toxiproxy-compatible server, a drop-in
                                       for toxiproxy-server that suites in any language can use
  roam help                            show this help
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { output: { type: 'string' } } });
      return demoCommand(values);
    }
    case 'report': {
      const { values } = parseArgs({
        args: rest,
        options: {
          results: { type: 'string' },
          output: { type: 'string' },
          'single-file': { type: 'boolean' },
          name: { type: 'string' },
          history: { type: 'string' },
          'no-history': { type: 'boolean' },
        },
      });
      return reportCommand({
        ...(values.results ? { results: values.results } : {}),
        ...(values.output ? { output: values.output } : {}),
        ...(values.name ? { name: values.name } : {}),
        ...(values['no-history'] ? { history: false as const } : values.history ? { history: values.history } : {}),
        singleFile: values['single-file'] ?? false,
      });
    }
    case 'evidence':
      return evidenceCommand(rest);
    case 'toxiproxy':
      return toxiproxyCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`[roam] Unknown command ${JSON.stringify(command)}. Run "roam help" for the list.\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
