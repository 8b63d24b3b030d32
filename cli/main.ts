#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { demoCommand } from './commands/demo.js';
import { reportCommand } from './commands/report.js';

const HELP = `roam: roaming checks, chaos drills and evidence

Usage:
  roam demo [--output <dir>]           run the scenario library and build the Allure report
  roam report [--results <dir>] [--output <dir>] [--single-file]
                                       build the Allure HTML report offline
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
        options: { results: { type: 'string' }, output: { type: 'string' }, 'single-file': { type: 'boolean' } },
      });
      return reportCommand({ ...values, singleFile: values['single-file'] ?? false });
    }
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
