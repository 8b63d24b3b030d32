import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { readSloRecords } from '../metrics/slo-record.js';
import { sloSummaryMarkdown, sloSummaryTable, summarizeSlos, type SloSummaryRow, type TestSamples } from '../metrics/slo-summary.js';
import { SAMPLES_ATTACHMENT, type CompactSamples } from '../metrics/compact-samples.js';
import { terminalWidth } from '../core/text-wrap.js';

/** Options of the SLO summary reporter, as given in `playwright.config.ts`. */
export interface SloSummaryReporterOptions {
  /** Where `slo-summary.md` and `slo-summary.json` go, relative to the config file. Default `slo-summary`. */
  readonly outputDir?: string;
  /** Print the table at the end of the run. Default true. */
  readonly print?: boolean;
  /** Append the Markdown to `$GITHUB_STEP_SUMMARY` when it is set. Default true. */
  readonly jobSummary?: boolean;
  /**
   * The folder each row's test file is named relative to. Default: the config file's. Shards and segments
   * merged with `roam merge` must name the same file the same way.
   */
  readonly filesRelativeTo?: string;
}

/**
 * A Playwright reporter that collects every SLO verdict `toMeetSlo` made
 * (recorded as `roam:slo` annotations), prints them as a table at the end of
 * the run, and writes the same as `slo-summary.md` (for a CI job summary) and
 * `slo-summary.json`. Only each test's last retry counts.
 *
 * @example
 * ```ts
 * // playwright.config.ts
 * reporter: [['list'], ['roaming-harness/reporters/slo-summary', { outputDir: 'slo-summary' }]],
 * ```
 * @see metrics/slo-record.ts
 */
export default class SloSummaryReporter implements Reporter {
  readonly #options: SloSummaryReporterOptions;
  readonly #byTest = new Map<string, SloSummaryRow[]>();
  readonly #samples = new Map<string, TestSamples>();
  #filesRoot = process.cwd();
  #outputDir = resolve('slo-summary');

  constructor(options: SloSummaryReporterOptions = {}) {
    this.#options = options;
  }

  onBegin(config: FullConfig): void {
    const configDir = config.configFile ? dirname(config.configFile) : process.cwd();
    this.#filesRoot = resolve(configDir, this.#options.filesRelativeTo ?? '.');
    this.#outputDir = resolve(configDir, this.#options.outputDir ?? 'slo-summary');
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const records = readSloRecords(result.annotations ?? test.annotations);
    const [, project = '', , ...titles] = test.titlePath();
    const file = relative(this.#filesRoot, test.location.file);
    this.#byTest.set(
      test.id,
      records.map((record) => ({ ...record, test: titles.join(' › '), file, project })),
    );
    // The samples behind the verdicts, so summaries of segments of a run can be merged (roam merge).
    const samples = records.length ? samplesOf(result) : undefined;
    if (samples) this.#samples.set(test.id, { project, file, test: titles.join(' › '), samples });
    else this.#samples.delete(test.id);
  }

  onEnd(): void {
    const summary = summarizeSlos([...this.#byTest.values()].flat(), new Date(), [...this.#samples.values()]);
    const markdown = sloSummaryMarkdown(summary);
    mkdirSync(this.#outputDir, { recursive: true });
    writeFileSync(join(this.#outputDir, 'slo-summary.json'), JSON.stringify(summary, null, 2) + '\n');
    writeFileSync(join(this.#outputDir, 'slo-summary.md'), markdown);
    const jobSummary = process.env['GITHUB_STEP_SUMMARY'];
    if (jobSummary && this.#options.jobSummary !== false) appendFileSync(jobSummary, markdown + '\n');
    if (this.#options.print !== false) process.stdout.write(`\n${sloSummaryTable(summary, { width: terminalWidth(process.stdout) })}`);
  }

  printsToStdio(): boolean {
    // The table is printed at the end only; progress still needs a reporter of its own.
    return false;
  }
}

/** The samples a spec test attached (`roam-samples`), if any and readable. */
function samplesOf(result: TestResult): CompactSamples | undefined {
  for (const attachment of result.attachments) {
    if (attachment.name !== SAMPLES_ATTACHMENT) continue;
    try {
      const text = attachment.body ? attachment.body.toString('utf8') : attachment.path ? readFileSync(attachment.path, 'utf8') : '';
      return JSON.parse(text) as CompactSamples;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
