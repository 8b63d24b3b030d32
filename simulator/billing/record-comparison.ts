import { rateWith, roundMoney, type RatingEngine } from './rating.js';
import type { AppliedTolerance } from './reconcile-findings.js';
import type { BilledRecord } from './usage-collector.js';
import { amountSpan, startSpan, usageAmount, usageUnit, type UsageRecord } from './usage-record.js';

/** What differs between a ground-truth record and a billed record, grouped by what it means. */
export interface RecordComparison {
  /** The IMSI or the home network differs: someone else pays. */
  readonly subscriber: readonly string[];
  /** The visited network differs. */
  readonly network: readonly string[];
  /** Service, quantity, start, tariff or amount differ. */
  readonly rating: readonly string[];
  readonly expectedAmount: number;
  readonly expectedTariff: string;
  /** How far the billed reading is from ground truth's own (not its window): for the tolerance report. */
  readonly deviation: { readonly seconds: number; readonly bytes: number; readonly startMs: number };
  /** True when the billed record lies outside the truth's timing window and only the tolerance lets it match. */
  readonly neededTolerance: boolean;
}

/** Every problem of a comparison, subscriber first. */
export function problemsOf(comparison: RecordComparison): string[] {
  return [...comparison.subscriber, ...comparison.network, ...comparison.rating];
}

/**
 * Compares one ground-truth record with one billed record on everything a
 * bill depends on: subscriber (IMSI and home network), visited network,
 * service, start, duration or volume, tariff and amount. Timing is compared
 * as spans: the truth's window (when the network could have read its clock)
 * widened by the tolerance must meet the billed record's own span (a point,
 * or a whole second for a TAP timestamp).
 */
export function compareRecords(
  truth: UsageRecord,
  billed: BilledRecord,
  options: { readonly rating: RatingEngine; readonly tolerance: AppliedTolerance },
): RecordComparison {
  const { tolerance } = options;
  const subscriber: string[] = [];
  const network: string[] = [];
  const rating: string[] = [];
  if (billed.imsi !== truth.imsi)
    subscriber.push(`billed to IMSI ending ${billed.imsi.slice(-4)} instead of ending ${truth.imsi.slice(-4)}`);
  if (billed.homePlmn !== truth.homePlmn) subscriber.push(`home network ${billed.homePlmn} instead of ${truth.homePlmn}`);
  if (billed.visitedPlmn !== truth.visitedPlmn) network.push(`visited network ${billed.visitedPlmn} instead of ${truth.visitedPlmn}`);
  if (billed.service !== truth.service) rating.push(`service ${billed.service} instead of ${truth.service}`);

  const unit = usageUnit(truth.service);
  const slack = truth.service === 'voice' ? tolerance.seconds : truth.service === 'data' ? tolerance.bytes : 0;
  const [least, most] = amountSpan(truth);
  const [billedLeast, billedMost] = amountSpan(billed);
  const quantityInWindow = overlaps([least, most], [billedLeast, billedMost], 0);
  const quantityOk = billed.service !== truth.service || overlaps([least, most], [billedLeast, billedMost], slack);
  if (!quantityOk) rating.push(`${usageAmount(billed)} ${unit} instead of ${usageAmount(truth)} ${unit}`);

  const startInWindow = overlaps(startSpan(truth), startSpan(billed), 0);
  if (!overlaps(startSpan(truth), startSpan(billed), tolerance.startMs)) {
    const delta = Math.round(billed.startedAt - truth.startedAt);
    rating.push(`started ${Math.abs(delta)} ms ${delta > 0 ? 'later' : 'earlier'} than ground truth`);
  }

  const tariff = options.rating.tariffFor(truth.homePlmn, truth.visitedPlmn);
  const expected = tariff ? rateWith(truth, tariff) : undefined;
  if (!tariff) rating.push(`there is no agreement between ${truth.homePlmn} and ${truth.visitedPlmn}, so nothing should be billed`);
  // A bill that names no tariff (a TAP record: TAP carries charges, not tariff names) is judged by its amount alone.
  if (expected && billed.tariff !== '' && billed.tariff !== expected.tariff)
    rating.push(`tariff ${billed.tariff} instead of ${expected.tariff}`);
  if (expected) {
    // Any quantity the network could rightly have measured prices right; rating is monotonic in it.
    const low = rateWith(withAmount(truth, Math.max(0, least - slack)), tariff!).amount;
    const high = rateWith(withAmount(truth, most + slack), tariff!).amount;
    if (billed.amount < low - 1e-6 || billed.amount > high + 1e-6) {
      rating.push(`${billed.amount} ${billed.currency} instead of ${expected.amount} ${expected.currency}`);
    }
  }
  const quantityOff = Math.abs(usageAmount(billed) - usageAmount(truth));
  return {
    subscriber,
    network,
    rating,
    expectedAmount: expected?.amount ?? 0,
    expectedTariff: expected?.tariff ?? '(none)',
    deviation: {
      seconds: truth.service === 'voice' ? roundMoney(quantityOff) : 0,
      bytes: truth.service === 'data' ? quantityOff : 0,
      startMs: Math.round(Math.abs(billed.startedAt - truth.startedAt)),
    },
    neededTolerance: !quantityInWindow || !startInWindow,
  };
}

/**
 * How unlike two records are, for choosing among candidates: 0 for a
 * perfect match; a different subscriber or network weighs most, each
 * rating problem next, then the distance of their readings.
 */
export function pairingCost(comparison: RecordComparison): number {
  const { deviation } = comparison;
  return (
    comparison.subscriber.length * 1_000 +
    comparison.network.length * 500 +
    comparison.rating.length * 100 +
    Math.min(99, deviation.startMs / 1000 + deviation.seconds + deviation.bytes / 1e6)
  );
}

/** Whether spans `a` and `b` meet once `a` is widened by `slack` on both sides (with a hair for floating point). */
export function overlaps(a: readonly [number, number], b: readonly [number, number], slack: number): boolean {
  return b[0] <= a[1] + slack + 1e-9 && b[1] >= a[0] - slack - 1e-9;
}

function withAmount(record: UsageRecord, amount: number): UsageRecord {
  switch (record.service) {
    case 'voice':
      return { ...record, seconds: amount };
    case 'data':
      return { ...record, bytes: amount };
    case 'sms':
      return { ...record, messages: amount };
  }
}

/** A short description of a record for findings: `voice vlr-208-01-…-call-7/1 in 208-01 (61.2 s)`. */
export function describeUsage(record: UsageRecord): string {
  const amount = roundMoney(usageAmount(record));
  return `${record.service} ${record.sessionId} in ${record.visitedPlmn} (${amount} ${usageUnit(record.service)})`;
}
