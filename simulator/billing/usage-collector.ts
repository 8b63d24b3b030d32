import type { ChargingEvent } from '../signaling/ports.js';
import type { PlmnId } from '../plmn.js';
import type { RatedUsage, RatingEngine } from './rating.js';
import { CdrCollector } from './cdr-collector.js';
import type { UsageRecord } from './usage-record.js';

/** A usage record as a billing system holds it: rated, with its own record id. */
export interface BilledRecord extends RatedUsage {
  /** The billing system's id of the record (distinct from the session it charges). */
  readonly recordId: string;
}

/** What the charging events of a home billing system add up to. */
export interface CollectedUsage {
  /** One record per closed session: a call leg, a data session, or a message. */
  readonly records: readonly UsageRecord[];
  /** Sessions that started but have not stopped (calls or data still running, or a lost stop). */
  readonly open: readonly string[];
}

/**
 * Turns charging events (start, interim, stop, event) into usage records,
 * the way a CDR collector closes a record when its session stops (see
 * {@link CdrCollector}, which does this as events arrive). Registration
 * events are signalling, not usage, and are skipped.
 *
 * @param homePlmn the home network whose billing system received the events.
 */
export function collectUsage(events: Iterable<ChargingEvent>, homePlmn: PlmnId): CollectedUsage {
  const collector = new CdrCollector(homePlmn);
  for (const event of events) collector.record(event);
  return { records: collector.records, open: collector.openSessions };
}

/**
 * What a billing system records from charging events: collected usage,
 * rated by agreement tariff, each with a record id (`<prefix>-<n>`).
 *
 * @example
 * ```ts
 * const billed = billUsage(ledger.events(), '262-01', new RatingEngine(agreements));
 * const report = reconcile(journal.records, billed, { rating });
 * ```
 */
export function billUsage(events: Iterable<ChargingEvent>, homePlmn: PlmnId, rating: RatingEngine, prefix = 'cdr'): BilledRecord[] {
  return rateRecords(collectUsage(events, homePlmn).records, rating, prefix);
}

/** Rates usage records into billed records with ids `<prefix>-<n>`. */
export function rateRecords(records: readonly UsageRecord[], rating: RatingEngine, prefix = 'cdr'): BilledRecord[] {
  return records.map((record, i) => ({ ...rating.rate(record), recordId: `${prefix}-${i + 1}` }));
}
