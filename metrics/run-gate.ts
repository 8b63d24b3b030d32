/**
 * The run-level gate: run-wide SLOs over the samples every test of a run
 * measured. The SLOs are parsed once, when the gate is compiled; evaluating
 * takes data.
 *
 * @module
 */
import { parseMetricSelector, type MetricSamples, type MetricSelector } from './metric-samples.js';
import { evaluateSlo, formatMeasured, parseSlo, type Slo } from './slo.js';

/** Options of the run-level gate reporter. */
export interface RunGateOptions {
  /** Run-wide SLOs by metric selector, e.g. `{ 'attach_latency': 'p(95)<300ms', 'attach_success{visited:208-01}': 'rate>=99.5%' }`. */
  readonly slo?: Readonly<Record<string, string | readonly string[]>>;
  /** Also fail the run when a gated metric has no samples at all (default true). */
  readonly failOnNoSamples?: boolean;
}

/** One run-wide SLO, parsed: what to select and what must hold. */
export interface GateSlo {
  readonly selector: MetricSelector;
  readonly slo: Slo;
}

/**
 * Parses the gate's SLOs once.
 *
 * @throws {SloSyntaxError} or {@link MetricSelectorError} for a malformed SLO or selector.
 * @example
 * ```ts
 * compileGate({ attach_latency: 'p(95)<300ms' })[0].slo.threshold // 300
 * ```
 */
export function compileGate(slos: RunGateOptions['slo'] = {}): GateSlo[] {
  return Object.entries(slos).flatMap(([selector, list]) => {
    const parsed = parseMetricSelector(selector);
    return (typeof list === 'string' ? [list] : list).map((source) => ({ selector: parsed, slo: parseSlo(source) }));
  });
}

/** One run-wide SLO as evaluated at the end of the run. */
export interface GateVerdict {
  readonly selector: string;
  readonly slo: string;
  readonly measured: string;
  readonly samples: number;
  readonly pass: boolean;
}

/** Evaluates compiled run-wide SLOs over samples merged from every test. */
export function evaluateGate(samples: MetricSamples, gate: readonly GateSlo[], failOnNoSamples = true): GateVerdict[] {
  return gate.map(({ selector, slo }) => {
    const verdict = evaluateSlo(slo, samples.select(selector).map(Number));
    return {
      selector: selector.source,
      slo: slo.source,
      measured: formatMeasured(slo, verdict.measured),
      samples: verdict.samples,
      pass: verdict.pass || (!failOnNoSamples && verdict.samples === 0),
    };
  });
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
