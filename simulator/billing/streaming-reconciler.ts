import type { RatingEngine } from './rating.js';
import { checkRating, reconcile, type Reconciliation, type ReconcileTolerance } from './reconcile.js';
import type { BilledRecord } from './usage-collector.js';
import type { UsageRecord } from './usage-record.js';

/**
 * Reconciliation as records arrive, for runs too long to keep every record:
 * a ground-truth record and its billed record are compared as soon as both
 * are in, then dropped; only records still waiting for their other half,
 * and the findings, stay in memory. The findings are the same as
 * {@link reconcile} gives over the whole run.
 *
 * @example
 * ```ts
 * const reconciler = new StreamingReconciler({ rating });
 * journal.onRecord = (r) => reconciler.addTruth(r);
 * cdrs.onRecord = (r) => reconciler.addBilled({ ...rating.rate(r), recordId: `cdr-${n++}` });
 * reconciler.finish().summary
 * ```
 */
export class StreamingReconciler {
  readonly #options: { rating: RatingEngine; tolerance?: ReconcileTolerance };
  readonly #truth = new Map<string, UsageRecord>();
  readonly #billed = new Map<string, BilledRecord[]>();
  /** Sessions already compared and found right: only their ids, to catch a late duplicate. */
  readonly #done = new Set<string>();
  /** Records of sessions with a finding, compared again in full at the end. */
  readonly #findings: { truth: UsageRecord[]; billed: BilledRecord[] } = { truth: [], billed: [] };
  readonly #lateDuplicates: BilledRecord[] = [];
  readonly #doneLimit: number;
  #truthCount = 0;
  #billedCount = 0;
  #matched = 0;

  /**
   * @param options `doneLimit`: how many reconciled session ids are remembered to spot a late
   * duplicate (all when omitted); a duplicate of a forgotten session is still reported, as unexpected.
   */
  constructor(options: { rating: RatingEngine; tolerance?: ReconcileTolerance; doneLimit?: number }) {
    this.#options = options;
    this.#doneLimit = options.doneLimit ?? Infinity;
  }

  /** A record of what a subscriber really did. */
  addTruth(record: UsageRecord): void {
    this.#truthCount++;
    const billed = this.#billed.get(record.sessionId);
    if (!billed) {
      this.#truth.set(record.sessionId, record);
      return;
    }
    this.#billed.delete(record.sessionId);
    this.#compare(record, billed);
  }

  /** A record billing made. */
  addBilled(record: BilledRecord): void {
    this.#billedCount++;
    if (this.#done.has(record.sessionId)) {
      this.#lateDuplicates.push(record);
      return;
    }
    const truth = this.#truth.get(record.sessionId);
    if (!truth) {
      this.#billed.set(record.sessionId, [...(this.#billed.get(record.sessionId) ?? []), record]);
      return;
    }
    this.#truth.delete(record.sessionId);
    this.#compare(truth, [record]);
  }

  /** Records seen so far, and how many wait for their other half. */
  get progress(): { readonly truth: number; readonly billed: number; readonly waiting: number } {
    return { truth: this.#truthCount, billed: this.#billedCount, waiting: this.#truth.size + this.#billed.size };
  }

  /** The reconciliation of everything seen: what never found its other half is missing or unexpected. */
  finish(): Reconciliation {
    const truth = [...this.#findings.truth, ...this.#truth.values()];
    const billed = [...this.#findings.billed, ...[...this.#billed.values()].flat()];
    const exceptions = reconcile(truth, billed, this.#options);
    const late = this.#lateDuplicates.map((b) => ({
      truth: b as UsageRecord,
      billed: [b],
      detail: `duplicated: ${b.service} ${b.sessionId} in ${b.visitedPlmn} was billed again (${b.recordId}) after it had been reconciled`,
    }));
    const duplicated = [...exceptions.duplicated, ...late];
    const matched = this.#matched - new Set(late.map((l) => l.truth.sessionId)).size + exceptions.matched;
    const clean = exceptions.clean && late.length === 0;
    const head = `${this.#truthCount} usage records, ${this.#billedCount} billed: ${matched} matched, ${exceptions.missing.length} missing, ${duplicated.length} duplicated, ${exceptions.misRated.length} mis-rated, ${exceptions.unexpected.length} unexpected`;
    const lines = [...exceptions.summary.split('\n').slice(1), ...late.map((l) => `  ${l.detail}`)];
    return { ...exceptions, duplicated, matched, clean, summary: [head, ...lines].join('\n') };
  }

  #compare(truth: UsageRecord, billed: BilledRecord[]): void {
    // The common case, one bill for one usage, without building a report.
    const right = billed.length === 1 && checkRating(truth, billed[0]!, this.#options) === undefined;
    if (right) {
      this.#matched++;
      this.#done.add(truth.sessionId);
      if (this.#done.size > this.#doneLimit) this.#done.delete(this.#done.values().next().value!);
      return;
    }
    this.#findings.truth.push(truth);
    this.#findings.billed.push(...billed);
  }
}
