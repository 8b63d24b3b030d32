import type { AppliedTolerance, DifferenceKind, Reconciliation, ToleranceUse } from './reconcile-findings.js';

type Findings = Pick<Reconciliation, DifferenceKind | 'matched'>;

/** The kinds that always appear in the head line, and those named only when found. */
const ALWAYS = [
  ['missing', 'missing'],
  ['duplicated', 'duplicated'],
  ['misRated', 'mis-rated'],
  ['unexpected', 'unexpected'],
] as const;
const WHEN_FOUND = [
  ['wrongSubscriber', 'wrong subscriber'],
  ['wrongNetwork', 'wrong network'],
  ['openAtEnd', 'open at end'],
  ['inFlight', 'in flight'],
] as const;

/**
 * The text of a reconciliation: a head line with the counts (the four
 * classic kinds always, the others when found), one line per finding, and
 * a last line with the tolerance applied and how much of it was used.
 *
 * @example
 * ```text
 * 9 usage records, 9 billed: 6 matched, 1 missing, 1 duplicated, 1 mis-rated, 0 unexpected, 1 wrong subscriber
 *   missing: voice vlr-208-01-…-call-2/1 in 208-01 (45 s) was never billed
 *   ...
 * tolerance: voice ±0 s, data ±0 bytes, start ±0 ms beyond each ground-truth window; 0 matched within tolerance
 * ```
 */
export function reconciliationSummary(
  report: Findings,
  context: { readonly truth: number; readonly billed: number; readonly tolerance: AppliedTolerance; readonly use: ToleranceUse },
): string {
  const counts = [
    `${report.matched} matched`,
    ...ALWAYS.map(([kind, name]) => `${report[kind].length} ${name}`),
    ...WHEN_FOUND.filter(([kind]) => report[kind].length > 0).map(([kind, name]) => `${report[kind].length} ${name}`),
  ];
  const head = `${context.truth} usage records, ${context.billed} billed: ${counts.join(', ')}`;
  const lines = [
    ...report.missing.map((m) => m.detail),
    ...report.duplicated.map((d) => d.detail),
    ...report.misRated.map((m) => m.detail),
    ...report.wrongSubscriber.map((w) => w.detail),
    ...report.wrongNetwork.map((w) => w.detail),
    ...report.unexpected.map(
      (u) => `unexpected: ${u.recordId} bills ${u.service} ${u.sessionId} in ${u.visitedPlmn}, which ground truth does not have`,
    ),
    ...report.openAtEnd.map((o) => o.detail),
    ...report.inFlight.map((f) => f.detail),
  ];
  return [head, ...lines.map((l) => `  ${l}`), toleranceLine(context.tolerance, context.use)].join('\n');
}

/** `tolerance: voice ±0 s, data ±0 bytes, start ±0 ms beyond each ground-truth window; …`. */
export function toleranceLine(tolerance: AppliedTolerance, use: ToleranceUse): string {
  const largest =
    use.off > 0
      ? ` (largest differences from ground truth's own reading: ${use.largest.seconds} s, ${use.largest.bytes} bytes, ${use.largest.startMs} ms)`
      : '';
  return (
    `tolerance: voice ±${tolerance.seconds} s, data ±${tolerance.bytes} bytes, start ±${tolerance.startMs} ms beyond each ground-truth window; ` +
    `${use.withinTolerance} matched within tolerance, ${use.off} inside the window but off ground truth's own reading${largest}`
  );
}
