import { CdrCollector } from '../../simulator/billing/cdr-collector.js';
import { ChargingLedger } from '../../simulator/billing/charging-ledger.js';
import { RatingEngine } from '../../simulator/billing/rating.js';
import type { BilledRecord } from '../../simulator/billing/usage-collector.js';
import type { UsageRecord } from '../../simulator/billing/usage-record.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import { parsePlmn, type Plmn, type PlmnId } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { ForeignSubscriberError, IdempotencyConflictError } from './billing-errors.js';
import type { ChargingCredentials } from './charging-credential.js';

/** A charging event billing refused at its intake: who sent it, and why. No subscriber identity is kept. */
export interface IntakeRejection {
  /** When it was refused, ms since the epoch. */
  readonly at: number;
  /** The element the request claimed to be (`(anonymous)` when it named none). */
  readonly element: string;
  /** 401: not authenticated; 403: authenticated, but not allowed to charge this. */
  readonly status: 401 | 403;
  readonly reason: string;
  readonly idempotencyKey?: string;
  readonly visitedPlmn?: string;
}

/**
 * Everything a home billing system (OCS + CDR collector) holds: the charging
 * events by idempotency key, the usage records (CDRs) they close, and the
 * rating engine over the roaming agreements. `serveElement` restarts a
 * billing element with this state or with a fresh one.
 */
export interface BillingState {
  readonly homePlmn: PlmnId;
  readonly ledger: ChargingLedger;
  readonly cdrs: CdrCollector;
  readonly rating: RatingEngine;
  /**
   * The world's charging credentials: when set, every charging event must come from an
   * authenticated element, and a VLR may only charge for its own network.
   */
  readonly credentials?: ChargingCredentials;
  /** Charging events refused at the intake, oldest first. */
  readonly rejections: IntakeRejection[];
}

/** A CDR that could not be rated, and why (usually: no agreement with the visited network). */
export interface UnratedCdr {
  readonly record: UsageRecord;
  readonly reason: string;
}

/**
 * A fresh billing state for the subscribers of `homePlmn`, rating by the
 * tariffs of `agreements`.
 *
 * @example
 * ```ts
 * const state = createBillingState('262-01', agreements);
 * await using billing = await serveHandler(createBillingHandler(state));
 * ```
 */
export function createBillingState(
  homePlmn: string | Plmn,
  agreements: RoamingAgreements,
  options: { readonly credentials?: ChargingCredentials } = {},
): BillingState {
  const home = parsePlmn(homePlmn).id;
  return {
    homePlmn: home,
    ledger: new ChargingLedger(),
    cdrs: new CdrCollector(home),
    rating: new RatingEngine(agreements),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    rejections: [],
  };
}

/**
 * Takes one charging event: recorded once per idempotency key (a retry with
 * the same key and content is acknowledged as a duplicate) and added to the
 * CDR it belongs to. Nothing changes when it is refused.
 *
 * @returns `duplicate: true` when nothing new was billed: a retried event, or a late one for a CDR already closed.
 * @throws {ForeignSubscriberError} for an IMSI of another home network.
 * @throws {IdempotencyConflictError} when the key was taken by a different event.
 */
export function recordCharge(state: BillingState, event: ChargingEvent): { readonly duplicate: boolean } {
  const home = parsePlmn(state.homePlmn);
  if (!event.imsi.startsWith(home.mcc + home.mnc)) throw new ForeignSubscriberError(`ending ${event.imsi.slice(-4)}`, state.homePlmn);
  const receipt = state.ledger.record(event);
  if (receipt.duplicate) {
    if (canonical(receipt.event) !== canonical(event)) throw new IdempotencyConflictError(event.idempotencyKey);
    return { duplicate: true };
  }
  return { duplicate: !state.cdrs.record(event) };
}

/**
 * The closed CDRs rated by the tariff of the agreement between the home and
 * the visited network, with record ids `cdr-<home>-<n>` (n counts every
 * closed CDR, so ids do not move); CDRs with no agreement are listed apart.
 */
export function rateCdrs(state: BillingState): { records: BilledRecord[]; unrated: UnratedCdr[] } {
  const records: BilledRecord[] = [];
  const unrated: UnratedCdr[] = [];
  state.cdrs.records.forEach((record, i) => {
    try {
      records.push({ ...state.rating.rate(record), recordId: `cdr-${state.homePlmn}-${i + 1}` });
    } catch (error) {
      unrated.push({ record, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  return { records, unrated };
}

// Key order does not make two events different.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
