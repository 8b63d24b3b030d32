import { buildHtmlReport } from '../../reporters/html-report.js';

/** `roam report [--results <dir>] [--output <dir>] [--single-file]`: builds the Allure HTML report offline. */
export async function reportCommand(options: { results?: string; output?: string; singleFile?: boolean }): Promise<number> {
  const index = await buildHtmlReport({
    ...(options.results ? { resultsDir: options.results } : {}),
    ...(options.output ? { outputDir: options.output } : {}),
    singleFile: options.singleFile ?? false,
  });
  console.log(`[roam] Allure report: ${index}`);
  return 0;
}
