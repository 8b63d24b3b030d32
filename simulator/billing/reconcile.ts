import { rateWith, roundMoney, type RatingEngine } from './rating.js';
import type { BilledRecord } from './usage-collector.js';
import { usageAmount, usageUnit, type UsageRecord } from './usage-record.js';

/** Usage that really happened and that billing has no record of. */
export interface MissingRecord {
  readonly truth: UsageRecord;
  readonly detail: string;
}

/** Usage billed more than once. */
export interface DuplicatedRecord {
  readonly truth: UsageRecord;
  /** Every billed record of that usage (two or more). */
  readonly billed: readonly BilledRecord[];
  readonly detail: string;
}

/** Usage billed with the wrong tariff, the wrong quantity or the wrong amount. */
export interface MisRatedRecord {
  readonly truth: UsageRecord;
  readonly billed: BilledRecord;
  /** The amount the agreement's tariff gives for what really happened. */
  readonly expectedAmount: number;
  readonly expectedTariff: string;
  /** Each thing that is wrong, in words. */
  readonly problems: readonly string[];
  readonly detail: string;
}

/** The result of comparing ground truth with what billing recorded. */
export interface Reconciliation {
  /** Ground-truth records billed once and correctly. */
  readonly matched: number;
  readonly missing: readonly MissingRecord[];
  readonly duplicated: readonly DuplicatedRecord[];
  readonly misRated: readonly MisRatedRecord[];
  /** Billed records for usage that never happened (or that ground truth did not see). */
  readonly unexpected: readonly BilledRecord[];
  /** True when nothing is missing, duplicated, mis-rated or unexpected. */
  readonly clean: boolean;
  /** One line per finding, for a report or a failing assertion. */
  readonly summary: string;
}

/** How far a billed quantity may be from the truth and still match (measurement at two ends of a link). */
export interface ReconcileTolerance {
  /** Voice seconds; 1 when omitted. */
  readonly seconds?: number;
  /** Data bytes; 0 when omitted. */
  readonly bytes?: number;
}

/**
 * Reconciles what subscribers really did (ground truth) with what a billing
 * system recorded, record by record, matched on the charging session. Each
 * ground-truth record is billed exactly once, with the tariff of the
 * agreement for its visited network and the right quantity and amount; every
 * exception is listed with a readable detail.
 *
 * @example
 * ```ts
 * const report = reconcile(journal.records, billed, { rating: new RatingEngine(agreements) });
 * expect(report.clean, report.summary).toBe(true);
 * ```
 */
export function reconcile(
  groundTruth: readonly UsageRecord[],
  billed: readonly BilledRecord[],
  options: { rating: RatingEngine; tolerance?: ReconcileTolerance },
): Reconciliation {
  const bySession = new Map<string, BilledRecord[]>();
  for (const record of billed) bySession.set(record.sessionId, [...(bySession.get(record.sessionId) ?? []), record]);
  const seen = new Set<string>();
  const missing: MissingRecord[] = [];
  const duplicated: DuplicatedRecord[] = [];
  const misRated: MisRatedRecord[] = [];
  let matched = 0;
  for (const truth of groundTruth) {
    seen.add(truth.sessionId);
    const found = bySession.get(truth.sessionId) ?? [];
    if (found.length === 0) {
      missing.push({ truth, detail: `missing: ${describe(truth)} was never billed` });
      continue;
    }
    if (found.length > 1) {
      const ids = found.map((b) => b.recordId).join(', ');
      duplicated.push({ truth, billed: found, detail: `duplicated: ${describe(truth)} was billed ${found.length} times (${ids})` });
    }
    const wrong = checkRating(truth, found[0]!, options);
    if (wrong) misRated.push(wrong);
    else if (found.length === 1) matched++;
  }
  const unexpected = billed.filter((b) => !seen.has(b.sessionId));
  const lines = [
    ...missing.map((m) => m.detail),
    ...duplicated.map((d) => d.detail),
    ...misRated.map((m) => m.detail),
    ...unexpected.map((u) => `unexpected: ${u.recordId} bills ${describe(u)}, which ground truth does not have`),
  ];
  const clean = lines.length === 0;
  const head = `${groundTruth.length} usage records, ${billed.length} billed: ${matched} matched, ${missing.length} missing, ${duplicated.length} duplicated, ${misRated.length} mis-rated, ${unexpected.length} unexpected`;
  return { matched, missing, duplicated, misRated, unexpected, clean, summary: [head, ...lines.map((l) => `  ${l}`)].join('\n') };
}

/**
 * Compares one ground-truth record with the one record billed for it:
 * undefined when it is billed right, otherwise what is wrong.
 */
export function checkRating(
  truth: UsageRecord,
  billed: BilledRecord,
  options: { rating: RatingEngine; tolerance?: ReconcileTolerance },
): MisRatedRecord | undefined {
  const tariff = options.rating.tariffFor(truth.homePlmn, truth.visitedPlmn);
  const problems: string[] = [];
  if (!tariff) problems.push(`there is no agreement between ${truth.homePlmn} and ${truth.visitedPlmn}, so nothing should be billed`);
  const expected = tariff ? rateWith(truth, tariff) : undefined;
  const unit = usageUnit(truth.service);
  const slack =
    truth.service === 'voice' ? (options.tolerance?.seconds ?? 1) : truth.service === 'data' ? (options.tolerance?.bytes ?? 0) : 0;
  const quantityOff = Math.abs(usageAmount(billed) - usageAmount(truth));
  if (billed.service !== truth.service) problems.push(`service ${billed.service} instead of ${truth.service}`);
  if (billed.visitedPlmn !== truth.visitedPlmn) problems.push(`visited network ${billed.visitedPlmn} instead of ${truth.visitedPlmn}`);
  if (quantityOff > slack + 1e-9) problems.push(`${usageAmount(billed)} ${unit} instead of ${usageAmount(truth)} ${unit}`);
  if (expected && billed.tariff !== expected.tariff) problems.push(`tariff ${billed.tariff} instead of ${expected.tariff}`);
  if (expected) {
    // The amount may differ by what the quantity tolerance is worth under the right tariff.
    const allowed = rateWith({ ...truth, seconds: slack, bytes: slack, messages: 0 }, tariff!).amount + 1e-6;
    if (Math.abs(billed.amount - expected.amount) > allowed) {
      problems.push(`${billed.amount} ${billed.currency} instead of ${expected.amount} ${expected.currency}`);
    }
  }
  if (problems.length === 0) return undefined;
  return {
    truth,
    billed,
    expectedAmount: expected?.amount ?? 0,
    expectedTariff: expected?.tariff ?? '(none)',
    problems,
    detail: `mis-rated: ${billed.recordId} for ${describe(truth)}: ${problems.join('; ')}`,
  };
}

function describe(record: UsageRecord): string {
  const amount = roundMoney(usageAmount(record));
  return `${record.service} ${record.sessionId} in ${record.visitedPlmn} (${amount} ${usageUnit(record.service)})`;
}
