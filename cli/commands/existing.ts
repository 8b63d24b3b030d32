import { demoCommand } from './demo.js';
import { EVIDENCE_HELP, evidenceCommand } from './evidence.js';
import { reportCommand } from './report.js';
import { toxiproxyCommand } from './toxiproxy.js';
import { parseCommandArgs, type CliCommand } from '../command.js';

const DEMO_USAGE = `roam demo: run the shipped scenario library and build the Allure report

Usage:
  roam demo [--output <dir>]

  --output <dir>   where allure-results, test-results and the report go (default .)
`;

/** `roam demo`. */
export const demoCliCommand: CliCommand = {
  name: 'demo',
  usage: DEMO_USAGE,
  async run(args) {
    const { values } = parseCommandArgs('demo', args, { output: { type: 'string' } });
    if (values.help) {
      process.stdout.write(DEMO_USAGE);
      return 0;
    }
    return demoCommand(values.output ? { output: values.output } : {});
  },
};

const REPORT_USAGE = `roam report: build the Allure HTML report offline (no outside requests)

Usage:
  roam report [--results <dir>] [--output <dir>] [--single-file] [--name <title>]
              [--history <file> | --no-history]

  --results <dir>   the allure-results folder (default allure-results)
  --output <dir>    where the report goes (default allure-report)
  --single-file     one self-contained index.html
  --name <title>    the report's title
  --history <file>  where run history is kept (default .roam/allure-history.jsonl)
  --no-history      keep no history
`;

/** `roam report`. */
export const reportCliCommand: CliCommand = {
  name: 'report',
  usage: REPORT_USAGE,
  async run(args) {
    const { values } = parseCommandArgs('report', args, {
      results: { type: 'string' },
      output: { type: 'string' },
      'single-file': { type: 'boolean' },
      name: { type: 'string' },
      history: { type: 'string' },
      'no-history': { type: 'boolean' },
    });
    if (values.help) {
      process.stdout.write(REPORT_USAGE);
      return 0;
    }
    return reportCommand({
      ...(values.results ? { results: values.results } : {}),
      ...(values.output ? { output: values.output } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values['no-history'] ? { history: false as const } : values.history ? { history: values.history } : {}),
      singleFile: values['single-file'] ?? false,
    });
  },
};

/** `roam evidence keygen|build|countersign|verify`. */
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

/** `roam toxiproxy`. */
export const toxiproxyCliCommand: CliCommand = {
  name: 'toxiproxy',
  usage: '',
  run: (args) => toxiproxyCommand(args),
};
