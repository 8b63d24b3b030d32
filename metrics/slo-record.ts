import { formatMeasured, type SloVerdict } from './slo.js';

/**
 * The annotation type under which `toMeetSlo` records each verdict on the
 * running test, for the SLO summary reporter to collect. Its description is
 * one {@link SloRecord} as JSON. An annotation, not an attachment, because a
 * matcher is synchronous and annotations are recorded synchronously.
 */
export const SLO_ANNOTATION = 'roam:slo';

/** One SLO check as the matcher computed it. */
export interface SloRecord {
  /** What was measured, e.g. `attach_latency`. */
  readonly metric: string;
  /** The SLO as written, e.g. `p(95)<450ms`. */
  readonly slo: string;
  /** The measured value in the SLO's base unit (ms, fraction, count); `null` without samples. */
  readonly measured: number | null;
  /** The measured value as the matcher printed it, e.g. `412.3ms` or `99.6%`. */
  readonly measuredText: string;
  readonly samples: number;
  /** Whether the SLO was met (whatever `.not` asked for). */
  readonly pass: boolean;
  /** Whether the assertion was negated (`expect(x).not.toMeetSlo(...)`). */
  readonly negated: boolean;
}

/**
 * Makes the record of a verdict.
 *
 * @example
 * ```ts
 * sloRecordOf(evaluateSlo('p(95)<450ms', sample), 'attach_latency')
 * ```
 */
export function sloRecordOf(verdict: SloVerdict, metric: string, negated = false): SloRecord {
  return {
    metric,
    slo: verdict.slo.source,
    measured: Number.isFinite(verdict.measured) ? verdict.measured : null,
    measuredText: formatMeasured(verdict.slo, verdict.measured),
    samples: verdict.samples,
    pass: verdict.pass,
    negated,
  };
}

/**
 * The SLO records among a test result's annotations, in the order made.
 * Annotations that are not well-formed records are skipped.
 *
 * @example
 * ```ts
 * onTestEnd(test, result) { const records = readSloRecords(result.annotations); }
 * ```
 */
export function readSloRecords(annotations: readonly { type: string; description?: string }[]): SloRecord[] {
  const records: SloRecord[] = [];
  for (const annotation of annotations) {
    if (annotation.type !== SLO_ANNOTATION || !annotation.description) continue;
    try {
      const record = JSON.parse(annotation.description) as SloRecord;
      if (typeof record.metric === 'string' && typeof record.slo === 'string' && typeof record.pass === 'boolean') records.push(record);
    } catch {
      // Someone else's annotation under our name: not ours to read.
    }
  }
  return records;
}

/**
 * The metric name from an assertion's title when the caller gave none:
 * `expect(sample, 'attach_latency p(95)<450ms')` names `attach_latency`.
 *
 * @example
 * ```ts
 * metricFromTitle('attach_latency p(95)<450ms', 'p(95)<450ms') // 'attach_latency'
 * ```
 */
export function metricFromTitle(title: string | undefined, slo: string): string {
  if (!title || /^Expect "/.test(title)) return 'sample';
  const trimmed = title.trim();
  return (trimmed.endsWith(slo) ? trimmed.slice(0, -slo.length).trim() : trimmed) || 'sample';
}
