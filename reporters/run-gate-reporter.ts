import { readFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { expandSamples, SAMPLES_ATTACHMENT, type CompactSamples } from '../metrics/compact-samples.js';
import { MetricSamples } from '../metrics/metric-samples.js';
import { compileGate, evaluateGate, formatGate, type GateSlo, type RunGateOptions } from '../metrics/run-gate.js';

export type { RunGateOptions } from '../metrics/run-gate.js';

/**
 * A Playwright reporter that gates the whole run on run-wide SLOs: it
 * merges the samples every spec test attaches (`roam-samples`), evaluates
 * the SLOs at the end, prints a summary, and fails the run (non-zero exit)
 * when any is breached, even when every test passed.
 *
 * Enable it in `playwright.config.ts` next to your other reporters:
 *
 * @example
 * ```ts
 * reporter: [
 *   ['list'],
 *   ['roaming-harness/run-gate', { slo: { attach_latency: 'p(95)<300ms', attach_success: 'rate>=99.5%' } }],
 * ],
 * ```
 */
export default class RunGate implements Reporter {
  readonly #options: RunGateOptions;
  readonly #gate: GateSlo[] | Error;
  readonly #samples = new MetricSamples();
  #tests = 0;
  #problems: string[] = [];

  constructor(options: RunGateOptions = {}) {
    this.#options = options;
    // A malformed SLO is reported at the end, with the summary, rather than as a reporter that failed to load.
    try {
      this.#gate = compileGate(options.slo);
    } catch (error) {
      this.#gate = error as Error;
    }
  }

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    let counted = false;
    for (const attachment of result.attachments) {
      if (attachment.name !== SAMPLES_ATTACHMENT) continue;
      try {
        const text = attachment.body ? attachment.body.toString('utf8') : attachment.path ? readFileSync(attachment.path, 'utf8') : '';
        expandSamples(JSON.parse(text) as CompactSamples, this.#samples);
        counted = true;
      } catch (error) {
        this.#problems.push(`could not read the samples of "${test.title}": ${(error as Error).message}`);
      }
    }
    if (counted) this.#tests++;
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    if (this.#gate instanceof Error) {
      console.log(`[roam] Run-level gate could not run: ${this.#gate.message}`);
      return { status: 'failed' };
    }
    const verdicts = evaluateGate(this.#samples, this.#gate, this.#options.failOnNoSamples ?? true);
    if (verdicts.length === 0) return undefined;
    console.log(`\n${formatGate(verdicts, this.#tests)}`);
    for (const p of this.#problems) console.log(`  ! ${p}`);
    if (verdicts.some((v) => !v.pass) && result.status === 'passed') return { status: 'failed' };
    return undefined;
  }
}
