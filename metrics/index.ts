/**
 * `roaming-harness/metrics`: SLOs in k6's threshold grammar, parsed once into
 * data and evaluated over samples; tagged samples with metric selectors; the
 * run-level gate's evaluation; SLO records and the summary of a run.
 *
 * ```ts
 * import { parseSlo, evaluateSlo } from 'roaming-harness/metrics';
 * evaluateSlo(parseSlo('p(95)<450ms'), latencies).pass;
 * ```
 *
 * @packageDocumentation
 */

// SLOs: parse once, evaluate many times.
export {
  parseSlo,
  evaluateSlo,
  formatMeasured,
  SloSyntaxError,
  SloRangeError,
  SLO_GRAMMAR,
  type Slo,
  type SloAggregate,
  type SloVerdict,
} from './slo.js';
export { percentile, mean } from './percentile.js';
export { SampleSeries, type LatencySummary } from './sample-series.js';

// Samples tagged by network, group, step..., selected as k6 does: attach_latency{visited:208-01}.
export {
  MetricSamples,
  parseMetricSelector,
  MetricSelectorError,
  type MetricSelector,
  type SampleTags,
  type TaggedSample,
} from './metric-samples.js';
export { compactSamples, expandSamples, SAMPLES_ATTACHMENT, type CompactSamples } from './compact-samples.js';

// The run-level gate: run-wide SLOs over every test's samples.
export { compileGate, evaluateGate, formatGate, type GateSlo, type GateVerdict, type RunGateOptions } from './run-gate.js';

// SLO records of a run and their summary.
export { SLO_ANNOTATION, readSloRecords, sloRecordOf, type SloRecord } from './slo-record.js';
export { summarizeSlos, sloSummaryTable, sloSummaryMarkdown, type SloSummary, type SloSummaryRow } from './slo-summary.js';
