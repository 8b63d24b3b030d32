import { readFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { MetricSamples } from '../fixtures/matchers/metric-samples.js';
import { evaluateSlo, formatMeasured, parseSlo } from '../simulator/statistics/slo.js';
import { expandSamples, SAMPLES_ATTACHMENT, type CompactSamples } from './run-gate-samples.js';

/** Options of the run-level gate reporter. */
export interface RunGateOptions {
  /** Run-wide SLOs by metric selector, e.g. `{ 'attach_latency': 'p(95)<300ms', 'attach_success{visited:208-01}': 'rate>=99.5%' }`. */
  readonly slo?: Readonly<Record<string, string | readonly string[]>>;
  /** Also fail the run when a gated metric has no samples at all (default true). */
  readonly failOnNoSamples?: boolean;
}

/** One run-wide SLO as evaluated at the end of the run. */
export interface GateVerdict {
  readonly selector: string;
  readonly slo: string;
  readonly measured: string;
  readonly samples: number;
  readonly pass: boolean;
}

/**
 * Evaluates run-wide SLOs over samples merged from every test.
 *
 * @throws {SloSyntaxError} or {@link MetricSelectorError} for a malformed SLO or selector.
 */
export function evaluateGate(samples: MetricSamples, slos: RunGateOptions['slo'] = {}, failOnNoSamples = true): GateVerdict[] {
  const verdicts: GateVerdict[] = [];
  for (const [selector, list] of Object.entries(slos)) {
    for (const source of typeof list === 'string' ? [list] : list) {
      const slo = parseSlo(source);
      const values = samples.select(selector);
      const verdict = evaluateSlo(slo, values.map(Number));
      verdicts.push({
        selector,
        slo: source,
        measured: formatMeasured(slo, verdict.measured),
        samples: verdict.samples,
        pass: verdict.pass || (!failOnNoSamples && verdict.samples === 0),
      });
    }
  }
  return verdicts;
}

/** The gate's summary: one line per SLO, breaches marked. */
export function formatGate(verdicts: readonly GateVerdict[], tests: number): string {
  const breaches = verdicts.filter((v) => !v.pass).length;
  const head = breaches
    ? `[roam] Run-level gate FAILED: ${breaches} of ${verdicts.length} run-wide SLOs breached over ${tests} tests`
    : `[roam] Run-level gate passed: ${verdicts.length} run-wide SLOs met over ${tests} tests`;
  const lines = verdicts.map((v) => `  ${v.pass ? '✓' : '✗'} ${v.selector} ${v.slo}: measured ${v.measured} over ${v.samples} samples`);
  return [head, ...lines].join('\n');
}

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
  readonly #samples = new MetricSamples();
  #tests = 0;
  #problems: string[] = [];

  constructor(options: RunGateOptions = {}) {
    this.#options = options;
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
    let verdicts: GateVerdict[];
    try {
      verdicts = evaluateGate(this.#samples, this.#options.slo, this.#options.failOnNoSamples ?? true);
    } catch (error) {
      console.log(`[roam] Run-level gate could not run: ${(error as Error).message}`);
      return { status: 'failed' };
    }
    if (verdicts.length === 0) return undefined;
    console.log(`\n${formatGate(verdicts, this.#tests)}`);
    for (const p of this.#problems) console.log(`  ! ${p}`);
    if (verdicts.some((v) => !v.pass) && result.status === 'passed') return { status: 'failed' };
    return undefined;
  }
}
