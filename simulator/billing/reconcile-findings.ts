import type { ChargingEvent } from '../signaling/ports.js';
import type { OpenUsage } from './cdr-collector.js';
import type { BilledRecord } from './usage-collector.js';
import type { UsageRecord } from './usage-record.js';

/** Usage that really happened and that billing has no record of, open or in flight. */
export interface MissingRecord {
  readonly truth: UsageRecord;
  readonly detail: string;
}

/** Usage billed more than once. */
export interface DuplicatedRecord {
  readonly truth: UsageRecord;
  /** Every billed record of that usage (two or more), the one that matched first. */
  readonly billed: readonly BilledRecord[];
  readonly detail: string;
}

/** Usage billed with the wrong quantity, start, service, tariff or amount. */
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

/** Usage billed to another subscriber (IMSI) or under another home network than the one that used it. */
export interface WrongSubscriberRecord {
  readonly truth: UsageRecord;
  readonly billed: BilledRecord;
  /** Everything that differs, the subscriber first. */
  readonly problems: readonly string[];
  readonly detail: string;
}

/** Usage billed as if it happened in another visited network. */
export interface WrongNetworkRecord {
  readonly truth: UsageRecord;
  readonly billed: BilledRecord;
  readonly problems: readonly string[];
  readonly detail: string;
}

/** A billing session started and never closed when the run ended. */
export interface OpenAtEndRecord {
  readonly session: OpenUsage;
  /** The usage it belongs to, when ground truth has it. */
  readonly truth?: UsageRecord;
  readonly detail: string;
}

/** Charging events a sender still holds (parked, rejected or retrying): billing has not had them yet. */
export interface InFlightRecord {
  readonly sessionId: string;
  readonly events: readonly ChargingEvent[];
  /** The usage they belong to, when ground truth has it. */
  readonly truth?: UsageRecord;
  readonly detail: string;
}

/** How far a billed record may be from ground truth beyond the truth's own timing window. */
export interface ReconcileTolerance {
  /** Voice seconds; 0 when omitted. */
  readonly seconds?: number;
  /** Data bytes; 0 when omitted. */
  readonly bytes?: number;
  /** Start time in ms; 0 when omitted. */
  readonly startMs?: number;
}

/** The tolerance a reconciliation applied, every field spelled out. */
export type AppliedTolerance = Required<ReconcileTolerance>;

/** How close matched records were to ground truth's own reading, for the report. */
export interface ToleranceUse {
  /** Matched records that differ from ground truth's own reading at all (inside the window or the tolerance). */
  readonly off: number;
  /** Matched records that needed the tolerance beyond the window. */
  readonly withinTolerance: number;
  /** The largest differences among matched records: seconds, bytes and start ms. */
  readonly largest: { readonly seconds: number; readonly bytes: number; readonly startMs: number };
}

/** The result of comparing ground truth with what billing recorded. */
export interface Reconciliation {
  /** Ground-truth records billed once and correctly. */
  readonly matched: number;
  readonly missing: readonly MissingRecord[];
  readonly duplicated: readonly DuplicatedRecord[];
  readonly misRated: readonly MisRatedRecord[];
  readonly wrongSubscriber: readonly WrongSubscriberRecord[];
  readonly wrongNetwork: readonly WrongNetworkRecord[];
  /** Billed records for usage that never happened (or that ground truth did not see). */
  readonly unexpected: readonly BilledRecord[];
  readonly openAtEnd: readonly OpenAtEndRecord[];
  readonly inFlight: readonly InFlightRecord[];
  /** The tolerance applied on top of each ground-truth timing window. */
  readonly tolerance: AppliedTolerance;
  readonly toleranceUse: ToleranceUse;
  /** Each ground-truth record and the billed record it matched (or was compared with), one to one. */
  readonly pairs: readonly ReconciledPair[];
  /** True when nothing of any kind is found. */
  readonly clean: boolean;
  /** One line per finding, for a report or a failing assertion. */
  readonly summary: string;
}

/** One ground-truth record and the billed record paired with it, and what differs. */
export interface ReconciledPair {
  readonly truth: UsageRecord;
  readonly billed: BilledRecord;
  /** Empty when the billed record is right. */
  readonly problems: readonly string[];
}

/** Every kind of difference, in the order reports list them. */
export const DIFFERENCE_KINDS = [
  'missing',
  'duplicated',
  'misRated',
  'wrongSubscriber',
  'wrongNetwork',
  'unexpected',
  'openAtEnd',
  'inFlight',
] as const;

/** One kind of difference reconciliation reports. */
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** How many findings of each kind a reconciliation has. */
export function differenceCounts(report: Pick<Reconciliation, DifferenceKind>): Record<DifferenceKind, number> {
  return Object.fromEntries(DIFFERENCE_KINDS.map((kind) => [kind, report[kind].length])) as Record<DifferenceKind, number>;
}
