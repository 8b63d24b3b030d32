import type { ChargingEvent } from '../signaling/ports.js';
import type { OpenUsage } from './cdr-collector.js';
import type { RatingEngine } from './rating.js';
import { compareRecords, problemsOf } from './record-comparison.js';
import { appliedTolerance, reconcile, type DuplicatedRecord, type Reconciliation, type ReconcileTolerance } from './reconcile.js';
import type { AppliedTolerance, ToleranceUse } from './reconcile-findings.js';
import { reconciliationSummary } from './reconcile-summary.js';
import type { BilledRecord } from './usage-collector.js';
import type { UsageRecord } from './usage-record.js';

/**
 * Reconciliation as records arrive, for runs too long to keep every record:
 * a ground-truth record and the billed record of the same session are
 * compared as soon as both are in and, when they match exactly, dropped;
 * everything else (records still waiting, and records with any finding) is
 * kept and reconciled in full by {@link reconcile} at the end, so the
 * findings are the same as over the whole run.
 *
 * @example
 * ```ts
 * const reconciler = new StreamingReconciler({ rating });
 * journal.onRecord = (r) => reconciler.addTruth(r);
 * cdrs.onRecord = (r) => reconciler.addBilled({ ...rating.rate(r), recordId: `cdr-${n++}` });
 * reconciler.finish({ open: cdrs.openUsage }).summary
 * ```
 */
export class StreamingReconciler {
  readonly #rating: RatingEngine;
  readonly #tolerance: AppliedTolerance;
  readonly #truth = new Map<string, UsageRecord[]>();
  readonly #billed = new Map<string, BilledRecord[]>();
  /** Sessions already matched: only their ids, to catch a late duplicate. */
  readonly #done = new Set<string>();
  /** Records that did not match at once, reconciled in full at the end. */
  readonly #kept: { truth: UsageRecord[]; billed: BilledRecord[] } = { truth: [], billed: [] };
  readonly #lateDuplicates: BilledRecord[] = [];
  readonly #doneLimit: number;
  readonly #use = { off: 0, withinTolerance: 0, largest: { seconds: 0, bytes: 0, startMs: 0 } };
  #truthCount = 0;
  #billedCount = 0;
  #matched = 0;
  #waiting = 0;

  /**
   * @param options `doneLimit`: how many matched session ids are remembered to spot a late
   * duplicate (all when omitted); a duplicate of a forgotten session is still reported, as unexpected.
   */
  constructor(options: { rating: RatingEngine; tolerance?: ReconcileTolerance; doneLimit?: number }) {
    this.#rating = options.rating;
    this.#tolerance = appliedTolerance(options.tolerance);
    this.#doneLimit = options.doneLimit ?? Infinity;
  }

  /** A record of what a subscriber really did. */
  addTruth(record: UsageRecord): void {
    this.#truthCount++;
    const billed = this.#take(this.#billed, record.sessionId);
    if (billed) this.#compare(record, billed);
    else this.#put(this.#truth, record.sessionId, record);
  }

  /** A record billing made. */
  addBilled(record: BilledRecord): void {
    this.#billedCount++;
    if (this.#done.has(record.sessionId)) {
      this.#lateDuplicates.push(record);
      return;
    }
    const truth = this.#take(this.#truth, record.sessionId);
    if (truth) this.#compare(truth, record);
    else this.#put(this.#billed, record.sessionId, record);
  }

  /** Records seen so far, and how many wait for their other half. */
  get progress(): { readonly truth: number; readonly billed: number; readonly waiting: number } {
    return { truth: this.#truthCount, billed: this.#billedCount, waiting: this.#waiting };
  }

  /**
   * The reconciliation of everything seen: what never found its other half
   * is missing or unexpected (or open / in flight, given those).
   */
  finish(context: { open?: readonly OpenUsage[]; inFlight?: readonly ChargingEvent[] } = {}): Reconciliation {
    const truth = [...this.#kept.truth, ...[...this.#truth.values()].flat()];
    const billed = [...this.#kept.billed, ...[...this.#billed.values()].flat()];
    const rest = reconcile(truth, billed, { rating: this.#rating, tolerance: this.#tolerance, ...context });
    const late: DuplicatedRecord[] = this.#lateDuplicates.map((b) => ({
      truth: b,
      billed: [b],
      detail: `duplicated: ${b.service} ${b.sessionId} in ${b.visitedPlmn} was billed again (${b.recordId}) after it had been reconciled`,
    }));
    const duplicated = [...rest.duplicated, ...late];
    const matched = this.#matched - new Set(late.map((l) => l.truth.sessionId)).size + rest.matched;
    const use: ToleranceUse = {
      off: this.#use.off + rest.toleranceUse.off,
      withinTolerance: this.#use.withinTolerance + rest.toleranceUse.withinTolerance,
      largest: {
        seconds: Math.max(this.#use.largest.seconds, rest.toleranceUse.largest.seconds),
        bytes: Math.max(this.#use.largest.bytes, rest.toleranceUse.largest.bytes),
        startMs: Math.max(this.#use.largest.startMs, rest.toleranceUse.largest.startMs),
      },
    };
    const report = { ...rest, duplicated, matched };
    const summary = reconciliationSummary(report, { truth: this.#truthCount, billed: this.#billedCount, tolerance: this.#tolerance, use });
    return { ...report, toleranceUse: use, clean: rest.clean && late.length === 0, summary };
  }

  #compare(truth: UsageRecord, billed: BilledRecord): void {
    const comparison = compareRecords(truth, billed, { rating: this.#rating, tolerance: this.#tolerance });
    if (problemsOf(comparison).length > 0) {
      this.#kept.truth.push(truth);
      this.#kept.billed.push(billed);
      return;
    }
    this.#matched++;
    const d = comparison.deviation;
    if (d.seconds > 0 || d.bytes > 0 || d.startMs > 0) this.#use.off++;
    if (comparison.neededTolerance) this.#use.withinTolerance++;
    this.#use.largest = {
      seconds: Math.max(this.#use.largest.seconds, d.seconds),
      bytes: Math.max(this.#use.largest.bytes, d.bytes),
      startMs: Math.max(this.#use.largest.startMs, d.startMs),
    };
    this.#done.add(truth.sessionId);
    // Other bills already waiting for this session are duplicates of it, like any that come later.
    const others = this.#billed.get(truth.sessionId);
    if (others) {
      this.#billed.delete(truth.sessionId);
      this.#waiting -= others.length;
      this.#lateDuplicates.push(...others);
    }
    if (this.#done.size > this.#doneLimit) this.#done.delete(this.#done.values().next().value!);
  }

  #take<T>(map: Map<string, T[]>, sessionId: string): T | undefined {
    const list = map.get(sessionId);
    if (!list) return undefined;
    const first = list.shift();
    if (list.length === 0) map.delete(sessionId);
    this.#waiting--;
    return first;
  }

  #put<T>(map: Map<string, T[]>, sessionId: string, record: T): void {
    const list = map.get(sessionId);
    if (list) list.push(record);
    else map.set(sessionId, [record]);
    this.#waiting++;
  }
}
