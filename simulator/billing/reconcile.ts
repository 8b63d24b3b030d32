import type { ChargingEvent } from '../signaling/ports.js';
import type { OpenUsage } from './cdr-collector.js';
import type { RatingEngine } from './rating.js';
import { compareRecords, describeUsage, overlaps, problemsOf } from './record-comparison.js';
import { pairRecords, type RecordPair } from './record-pairing.js';
import type {
  AppliedTolerance,
  DuplicatedRecord,
  InFlightRecord,
  MisRatedRecord,
  MissingRecord,
  OpenAtEndRecord,
  ReconcileTolerance,
  Reconciliation,
  ToleranceUse,
  WrongNetworkRecord,
  WrongSubscriberRecord,
} from './reconcile-findings.js';
import { reconciliationSummary } from './reconcile-summary.js';
import type { BilledRecord } from './usage-collector.js';
import { startSpan, type UsageRecord } from './usage-record.js';

export type * from './reconcile-findings.js';
export { DIFFERENCE_KINDS, differenceCounts } from './reconcile-findings.js';

/** What a reconciliation is given besides the two lists of records. */
export interface ReconcileOptions {
  readonly rating: RatingEngine;
  /** Allowed beyond each ground-truth record's timing window; none when omitted. */
  readonly tolerance?: ReconcileTolerance;
  /** Sessions billing still holds open (e.g. `CdrCollector.openUsage`). */
  readonly open?: readonly OpenUsage[];
  /** Charging events not delivered to billing yet (e.g. a sender's dead letters). */
  readonly inFlight?: readonly ChargingEvent[];
}

/** The tolerance with every field filled in: 0 for what was not given. */
export function appliedTolerance(tolerance: ReconcileTolerance | undefined): AppliedTolerance {
  return { seconds: tolerance?.seconds ?? 0, bytes: tolerance?.bytes ?? 0, startMs: tolerance?.startMs ?? 0 };
}

/**
 * Reconciles what subscribers really did (ground truth) with what a billing
 * system recorded. Records are paired one to one, by the session they name
 * and then by content, and compared on subscriber, networks, service,
 * start, duration or volume, tariff and amount. Every difference is listed
 * by kind: missing, duplicated, mis-rated, wrong subscriber, wrong network,
 * unexpected, open at end and in flight. Timing is exact within each truth
 * record's window unless a tolerance is given, and the summary says which
 * tolerance applied and how much of it was used.
 *
 * @example
 * ```ts
 * const report = reconcile(journal.records, billed, { rating: new RatingEngine(agreements), open: cdrs.openUsage });
 * expect(report.clean, report.summary).toBe(true);
 * ```
 */
export function reconcile(groundTruth: readonly UsageRecord[], billed: readonly BilledRecord[], options: ReconcileOptions): Reconciliation {
  const tolerance = appliedTolerance(options.tolerance);
  const compare = (t: UsageRecord, b: BilledRecord) => compareRecords(t, b, { rating: options.rating, tolerance });
  const pairing = pairRecords(groundTruth, billed, compare, tolerance.startMs);

  let matched = 0;
  const misRated: MisRatedRecord[] = [];
  const wrongSubscriber: WrongSubscriberRecord[] = [];
  const wrongNetwork: WrongNetworkRecord[] = [];
  const use = { off: 0, withinTolerance: 0, largest: { seconds: 0, bytes: 0, startMs: 0 } };
  for (const { truth, billed: b, comparison } of pairing.pairs) {
    const problems = problemsOf(comparison);
    const line = `${b.recordId} for ${describeUsage(truth)}: ${problems.join('; ')}`;
    if (comparison.subscriber.length) wrongSubscriber.push({ truth, billed: b, problems, detail: `wrong subscriber: ${line}` });
    else if (comparison.network.length) wrongNetwork.push({ truth, billed: b, problems, detail: `wrong network: ${line}` });
    else if (problems.length) misRated.push({ ...checkedRating(truth, b, comparison.expectedAmount, comparison.expectedTariff, problems) });
    else {
      matched++;
      noteUse(use, comparison.deviation, comparison.neededTolerance);
    }
  }

  const { duplicated, unexpected } = sortExtraBills(pairing.pairs, pairing.unpairedBilled, compare, tolerance);
  matched -= pairing.pairs.filter((p) => problemsOf(p.comparison).length === 0 && duplicated.some((d) => d.truth === p.truth)).length;
  const billedSessions = new Map(billed.map((b) => [b.sessionId, b.recordId]));
  const { openAtEnd, inFlight, missing } = explainUnbilled(pairing.unpairedTruth, options, tolerance, billedSessions);

  const report = { matched, missing, duplicated, misRated, wrongSubscriber, wrongNetwork, unexpected, openAtEnd, inFlight };
  const clean = [missing, duplicated, misRated, wrongSubscriber, wrongNetwork, unexpected, openAtEnd, inFlight].every(
    (l) => l.length === 0,
  );
  return {
    ...report,
    tolerance,
    toleranceUse: use,
    pairs: pairing.pairs.map((p) => ({ truth: p.truth, billed: p.billed, problems: problemsOf(p.comparison) })),
    clean,
    summary: reconciliationSummary(report, { truth: groundTruth.length, billed: billed.length, tolerance, use }),
  };
}

/**
 * Compares one ground-truth record with the one record billed for it:
 * undefined when it is billed right, otherwise what is wrong (subscriber and
 * network differences included).
 */
export function checkRating(
  truth: UsageRecord,
  billed: BilledRecord,
  options: { rating: RatingEngine; tolerance?: ReconcileTolerance },
): MisRatedRecord | undefined {
  const comparison = compareRecords(truth, billed, { rating: options.rating, tolerance: appliedTolerance(options.tolerance) });
  const problems = problemsOf(comparison);
  return problems.length ? checkedRating(truth, billed, comparison.expectedAmount, comparison.expectedTariff, problems) : undefined;
}

function checkedRating(
  truth: UsageRecord,
  billed: BilledRecord,
  expectedAmount: number,
  expectedTariff: string,
  problems: string[],
): MisRatedRecord {
  return {
    truth,
    billed,
    expectedAmount,
    expectedTariff,
    problems,
    detail: `mis-rated: ${billed.recordId} for ${describeUsage(truth)}: ${problems.join('; ')}`,
  };
}

function noteUse(
  use: { off: number; withinTolerance: number; largest: ToleranceUse['largest'] },
  d: ToleranceUse['largest'],
  needed: boolean,
): void {
  if (d.seconds > 0 || d.bytes > 0 || d.startMs > 0) use.off++;
  if (needed) use.withinTolerance++;
  use.largest = {
    seconds: Math.max(use.largest.seconds, d.seconds),
    bytes: Math.max(use.largest.bytes, d.bytes),
    startMs: Math.max(use.largest.startMs, d.startMs),
  };
}

/**
 * Billed records left without a usage of their own: a second (third...)
 * bill for a usage already paired, by its session or by its content, is a
 * duplicate, compared in full like the first; anything else is unexpected.
 */
function sortExtraBills(
  pairs: readonly RecordPair[],
  extra: readonly BilledRecord[],
  compare: (t: UsageRecord, b: BilledRecord) => ReturnType<typeof compareRecords>,
  tolerance: AppliedTolerance,
): { duplicated: DuplicatedRecord[]; unexpected: BilledRecord[] } {
  const bySession = new Map(pairs.map((p) => [p.billed.sessionId, p]));
  const byOwner = new Map<string, RecordPair[]>();
  for (const p of pairs)
    byOwner.set(`${p.truth.imsi}|${p.truth.service}`, [...(byOwner.get(`${p.truth.imsi}|${p.truth.service}`) ?? []), p]);
  const copies = new Map<RecordPair, BilledRecord[]>();
  const unexpected: BilledRecord[] = [];
  for (const b of extra) {
    const owner =
      bySession.get(b.sessionId) ??
      byOwner
        .get(`${b.imsi}|${b.service}`)
        ?.find((p) => overlaps(startSpan(p.truth), startSpan(b), tolerance.startMs) && problemsOf(compare(p.truth, b)).length === 0);
    if (owner) copies.set(owner, [...(copies.get(owner) ?? []), b]);
    else unexpected.push(b);
  }
  const duplicated = [...copies].map(([pair, more]) => {
    const all = [pair.billed, ...more];
    const wrong = all
      .map((b) => ({ b, problems: problemsOf(compare(pair.truth, b)) }))
      .filter((w) => w.problems.length > 0)
      .map((w) => `${w.b.recordId}: ${w.problems.join('; ')}`);
    const ids = all.map((b) => b.recordId).join(', ');
    const detail = `duplicated: ${describeUsage(pair.truth)} was billed ${all.length} times (${ids})${wrong.length ? `; ${wrong.join('; ')}` : ''}`;
    return { truth: pair.truth, billed: all, detail };
  });
  return { duplicated, unexpected };
}

/** Usage with no bill: still open in billing, still in flight to it, or missing. Open and in-flight sessions without usage are listed too. */
function explainUnbilled(
  unbilled: readonly UsageRecord[],
  options: ReconcileOptions,
  tolerance: AppliedTolerance,
  billedSessions: ReadonlyMap<string, string>,
): { openAtEnd: OpenAtEndRecord[]; inFlight: InFlightRecord[]; missing: MissingRecord[] } {
  const open = [...(options.open ?? [])];
  const flights = new Map<string, ChargingEvent[]>();
  for (const e of options.inFlight ?? [])
    if (e.service !== 'registration') flights.set(e.sessionId, [...(flights.get(e.sessionId) ?? []), e]);
  const openAtEnd: OpenAtEndRecord[] = [];
  const inFlight: InFlightRecord[] = [];
  const missing: MissingRecord[] = [];
  for (const truth of unbilled) {
    const at = open.findIndex(
      (o) =>
        o.sessionId === truth.sessionId ||
        (o.imsi === truth.imsi &&
          o.service === truth.service &&
          o.visitedPlmn === truth.visitedPlmn &&
          overlaps(startSpan(truth), [o.startedAt, o.startedAt], tolerance.startMs)),
    );
    if (at >= 0) {
      const [session] = open.splice(at, 1);
      openAtEnd.push({
        session: session!,
        truth,
        detail: `open at end: ${describeUsage(truth)} was started in billing and never closed (events: ${session!.events.join(', ')})`,
      });
      continue;
    }
    const events = flights.get(truth.sessionId);
    if (events) {
      flights.delete(truth.sessionId);
      inFlight.push({
        sessionId: truth.sessionId,
        events,
        truth,
        detail: `in flight: ${describeUsage(truth)} is not delivered yet (${events.length} ${events.map((e) => e.kind).join(', ')} event(s) held by the sender)`,
      });
      continue;
    }
    missing.push({ truth, detail: `missing: ${describeUsage(truth)} was never billed` });
  }
  for (const session of open) {
    const billedAs = billedSessions.get(session.sessionId);
    const why = billedAs ? `; a late event re-opened it after it was already billed as ${billedAs}` : '; ground truth has no such usage';
    openAtEnd.push({
      session,
      detail: `open at end: ${session.service} ${session.sessionId} in ${session.visitedPlmn} was started in billing and never closed${why}`,
    });
  }
  for (const [sessionId, events] of flights) {
    const billedAs = billedSessions.get(sessionId);
    inFlight.push({
      sessionId,
      events,
      detail: `in flight: ${events.length} event(s) of ${sessionId} are held by the sender${billedAs ? ` (its usage is billed as ${billedAs})` : ''}`,
    });
  }
  return { openAtEnd, inFlight, missing };
}
