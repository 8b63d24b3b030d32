import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

/** Where the Allure results are and where the HTML report goes. */
export interface HtmlReportOptions {
  /** Default `allure-results`. */
  readonly resultsDir?: string;
  /** Default `allure-report`. */
  readonly outputDir?: string;
  /** One self-contained `index.html` instead of a folder of files. */
  readonly singleFile?: boolean;
  /** Shown as the report's title. */
  readonly reportName?: string;
  /** Working directory; paths are relative to it. */
  readonly cwd?: string;
}

/**
 * Builds the Allure 3 HTML report with the `allure` CLI, offline, then strips
 * the analytics tag Allure puts in every page, since these reports go to
 * roaming partners and must not call any outside host when opened.
 *
 * @returns the absolute path of the report's `index.html`.
 */
export async function buildHtmlReport(options: HtmlReportOptions = {}): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const resultsDir = resolve(cwd, options.resultsDir ?? 'allure-results');
  const outputDir = resolve(cwd, options.outputDir ?? 'allure-report');
  if (!existsSync(resultsDir)) {
    throw new Error(
      `[roam] Failed to build the HTML report: ${resultsDir} does not exist. Run the tests with the allure-playwright reporter first.`,
    );
  }
  const configDir = mkdtempSync(join(tmpdir(), 'roam-allure-'));
  const configPath = join(configDir, 'allurerc.mjs');
  writeFileSync(
    configPath,
    `export default ${JSON.stringify({
      name: options.reportName ?? 'roaming-harness',
      output: outputDir,
      plugins: {
        awesome: {
          options: {
            reportName: options.reportName ?? 'roaming-harness',
            singleFile: options.singleFile ?? false,
            groupBy: ['parentSuite', 'suite', 'subSuite'],
          },
        },
      },
    })};\n`,
  );
  try {
    await runAllure(['generate', resultsDir, '--config', configPath, '--output', outputDir], cwd);
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
  const index = join(outputDir, 'index.html');
  writeFileSync(index, stripAnalytics(readFileSync(index, 'utf8')));
  return index;
}

/** Removes Google Analytics script tags (external loader and inline setup) from a report page. */
export function stripAnalytics(html: string): string {
  return html
    .replace(/<script[^>]*googletagmanager\.com[^>]*>\s*<\/script>/gi, '')
    .replace(/<script>(?:(?!<\/script>)[\s\S])*?gtag\((?:(?!<\/script>)[\s\S])*?<\/script>/gi, '');
}

function runAllure(args: string[], cwd: string): Promise<void> {
  const require = createRequire(import.meta.url);
  // allure's exports map hides package.json; its entry point sits in dist/, next to the CLI's folder.
  const cli = join(dirname(require.resolve('allure')), '..', 'cli.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`[roam] Failed to build the HTML report: allure exited with ${code}. Its output:\n${output.slice(-2000)}`));
    });
  });
}
