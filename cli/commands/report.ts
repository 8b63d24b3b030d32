import { buildHtmlReport } from '../../reporters/html-report.js';
import { parseCommandArgs, type CliCommand } from '../command.js';

/** Options of `roam report`. */
export interface ReportCommandOptions {
  results?: string;
  output?: string;
  singleFile?: boolean;
  name?: string;
  /** The history file; `false` for none. */
  history?: string | false;
}

/**
 * `roam report [--results <dir>] [--output <dir>] [--single-file] [--name <title>] [--history <file> | --no-history]`:
 * builds the Allure HTML report offline, with the roaming failure categories
 * and the history of earlier runs.
 */
export async function reportCommand(options: ReportCommandOptions): Promise<number> {
  const index = await buildHtmlReport({
    ...(options.results ? { resultsDir: options.results } : {}),
    ...(options.output ? { outputDir: options.output } : {}),
    ...(options.name ? { reportName: options.name } : {}),
    ...(options.history !== undefined ? { historyPath: options.history } : {}),
    singleFile: options.singleFile ?? false,
  });
  console.log(`[roam] Allure report: ${index}`);
  return 0;
}

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
