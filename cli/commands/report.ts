import { buildHtmlReport } from '../../reporters/html-report.js';

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
