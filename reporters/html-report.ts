import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ROAMING_CATEGORIES, writeCategories, type AllureCategory } from './allure/categories.js';
import { runEnvironment, writeAllureEnvironment, writeAllureExecutor, type AllureExecutor } from './allure/run-environment.js';
import { ReportError } from './report-errors.js';
import { requireOptionalPeers } from '../core/optional-peers.js';

/** Where the Allure results are, where the HTML report goes, and what it shows besides the tests. */
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
  /**
   * The file (JSON Lines) that keeps the history between runs, so the report
   * shows trends and each test's earlier results; each build appends one
   * line. Default `.roam/allure-history.jsonl`; `false` keeps no history.
   */
  readonly historyPath?: string | false;
  /** How many earlier runs the history keeps. Default: all. */
  readonly historyLimit?: number;
  /** Add this run to the history. Default true; false for a second build of the same results (e.g. the single-file form). */
  readonly appendHistory?: boolean;
  /** Failure categories; default {@link ROAMING_CATEGORIES}. */
  readonly categories?: readonly AllureCategory[];
  /** Extra entries for the Environment panel (backends and their versions); tool versions are always added. `false` adds nothing. */
  readonly environment?: Readonly<Record<string, string>> | false;
  /** Who ran the tests; default: `roaming-harness`, `ci` when `$CI` is set, else `local`. */
  readonly executor?: AllureExecutor;
}

/**
 * Builds the Allure 3 HTML report with the `allure` CLI, offline, with the
 * roaming failure categories, the run's environment and executor, and the
 * history of earlier runs; then strips the analytics tag Allure puts in every
 * page and checks that the page loads nothing from another host, since these
 * reports go to roaming partners.
 *
 * @returns the absolute path of the report's `index.html`.
 * @example
 * ```ts
 * const index = await buildHtmlReport({ singleFile: true, environment: { 'HLR backend': 'mock' } });
 * ```
 * @see https://allurereport.org/docs/v3/configure/
 */
export async function buildHtmlReport(options: HtmlReportOptions = {}): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const resultsDir = resolve(cwd, options.resultsDir ?? 'allure-results');
  const outputDir = resolve(cwd, options.outputDir ?? 'allure-report');
  if (!existsSync(resultsDir)) {
    throw new ReportError('ROAM_REPORT_OUTPUT', 'build the HTML report', `${resultsDir} does not exist`, {
      hint: 'Run the tests with the allure-playwright reporter first',
    });
  }
  // Before anything is written: without the allure CLI (an optional peer) nothing is changed.
  const cli = allureCli();
  // An empty report looks like a run in which nothing failed.
  if (!readdirSync(resultsDir).some((name) => name.endsWith('-result.json'))) {
    throw new ReportError('ROAM_REPORT_OUTPUT', 'build the HTML report', `${resultsDir} holds no test result`, {
      hint: 'Give the allure-results folder of a run (roam run writes ./allure-results)',
    });
  }
  const reportName = options.reportName ?? 'roaming-harness';
  const categories = options.categories ?? ROAMING_CATEGORIES;
  // Allure 2 tools read these from the results; Allure 3 reads environment and executor there too.
  writeCategories(resultsDir, categories);
  if (options.environment !== false) writeAllureEnvironment(resultsDir, runEnvironment(options.environment ?? {}));
  writeAllureExecutor(resultsDir, options.executor ?? { name: 'roaming-harness', type: process.env['CI'] ? 'ci' : 'local', reportName });

  clearPreviousReport(outputDir);
  const historyPath =
    options.historyPath === false ? undefined : resolve(cwd, options.historyPath ?? join('.roam', 'allure-history.jsonl'));
  const configDir = mkdtempSync(join(tmpdir(), 'roam-allure-'));
  const configPath = join(configDir, 'allurerc.mjs');
  writeFileSync(
    configPath,
    `export default ${JSON.stringify({
      name: reportName,
      output: outputDir,
      ...(historyPath
        ? {
            historyPath,
            appendHistory: options.appendHistory ?? true,
            ...(options.historyLimit !== undefined ? { historyLimit: options.historyLimit } : {}),
          }
        : {}),
      // Allure 3 takes categories from its config; the compatibility keys are the categories.json ones.
      categories: categories.map(({ description: _description, ...rule }) => rule),
      plugins: {
        awesome: {
          options: {
            reportName,
            singleFile: options.singleFile ?? false,
            groupBy: ['parentSuite', 'suite', 'subSuite'],
          },
        },
      },
    })};\n`,
  );
  try {
    await runAllure(cli, ['generate', resultsDir, '--config', configPath, '--output', outputDir], cwd);
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
  const index = join(outputDir, 'index.html');
  const html = stripAnalytics(readFileSync(index, 'utf8'));
  const outside = outsideReferences(html);
  if (outside.length) {
    throw new ReportError('ROAM_REPORT_OUTPUT', 'build an offline HTML report', `the page still loads ${outside.join(', ')}`, {
      hint: 'This Allure version added a tag we do not strip; please report it with the allure version',
    });
  }
  writeFileSync(index, html);
  return index;
}

/**
 * Removes Google Analytics script tags (external loader and inline setup) from a report page.
 *
 * @example
 * ```ts
 * stripAnalytics('<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>') // ''
 * ```
 */
export function stripAnalytics(html: string): string {
  return html
    .replace(/<script[^>]*googletagmanager\.com[^>]*>\s*<\/script>/gi, '')
    .replace(/<script>(?:(?!<\/script>)[\s\S])*?gtag\((?:(?!<\/script>)[\s\S])*?<\/script>/gi, '');
}

/**
 * The URLs of other hosts a page's own tags would load when opened
 * (`<script src>`, `<link href>`, `<img src>`, `<iframe src>`, CSS `@import`);
 * empty for an offline page. Links a reader may click are not loads.
 *
 * @example
 * ```ts
 * outsideReferences('<script src="https://cdn.example/x.js"></script>') // ['https://cdn.example/x.js']
 * ```
 */
export function outsideReferences(html: string): string[] {
  const found: string[] = [];
  // Only the page's own markup: the inlined bundles of a single-file report are data, not tags.
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (tag) => tag.replace(/>[\s\S]*<\/script>$/i, '></script>'));
  for (const [, url] of markup.matchAll(/<(?:script|img|iframe|source|video|audio)\b[^>]*\ssrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi))
    found.push(url!);
  for (const [, url] of markup.matchAll(/<link\b[^>]*\shref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi)) found.push(url!);
  for (const [, url] of markup.matchAll(/@import\s+(?:url\()?["']?((?:https?:)?\/\/[^"')\s]+)/gi)) found.push(url!);
  return found;
}

/**
 * Allure writes into `<output>/awesome/` and moves it up only when that is the
 * sole folder there, so a previous report left in place would stay what the
 * root `index.html` shows. Only a folder that looks like a report is removed.
 */
function clearPreviousReport(outputDir: string): void {
  if (!existsSync(outputDir)) return;
  const entries = readdirSync(outputDir);
  if (entries.length === 0) return;
  if (!entries.includes('index.html') && !entries.includes('awesome')) {
    throw new ReportError(
      'ROAM_REPORT_OUTPUT',
      `build the HTML report in ${outputDir}`,
      'the folder is not empty and holds no earlier report',
      {
        hint: 'Choose an empty or new output folder; the report replaces what is in it',
      },
    );
  }
  rmSync(outputDir, { recursive: true, force: true });
}

/**
 * The allure CLI's script. `allure` is an optional peer dependency (48 MB,
 * only the HTML report needs it), found from this package or the project.
 *
 * @throws {MissingPeerError} naming the install line when it is not installed
 */
function allureCli(): string {
  const resolved = requireOptionalPeers('build the HTML report', ['allure'], () => createRequire(import.meta.url).resolve('allure'));
  // allure's exports map hides package.json; its entry point sits in dist/, next to the CLI's folder.
  return join(dirname(resolved), '..', 'cli.js');
}

function runAllure(cli: string, args: string[], cwd: string): Promise<void> {
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
      else
        reject(
          new ReportError(
            'ROAM_REPORT_OUTPUT',
            'build the HTML report',
            `allure exited with ${code}. Its output:\n${output.slice(-2000)}`,
            {
              hint: 'Check the results folder holds Allure results and the output folder is writable',
            },
          ),
        );
    });
  });
}
