import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildHtmlReport } from '../../reporters/html-report.js';
import { packageRoot } from '../package-root.js';
import { runPlaywright } from '../playwright-runner.js';

/** `roam demo [--output <dir>]`: runs the scenario library, builds the Allure report and prints its path. */
export async function demoCommand(options: { output?: string }): Promise<number> {
  const output = resolve(options.output ?? '.');
  mkdirSync(output, { recursive: true });
  rmSync(join(output, 'allure-results'), { recursive: true, force: true });
  const config = join(packageRoot(), 'dist', 'cli', 'demo', 'playwright.config.js');
  console.log(`[roam] Running the scenario library (${config})`);
  const code = await runPlaywright(['--config', config], { cwd: output, env: { ROAM_DEMO_OUTPUT: output } });
  const index = await buildHtmlReport({ cwd: output, reportName: 'roaming-harness demo' });
  console.log(`[roam] Allure report: ${index}`);
  return code;
}
