import type { PlmnId } from '../plmn.js';

/** A chargeable service. Registrations are signalling, not usage, so they are not here. */
export type UsageService = 'voice' | 'data' | 'sms';

/**
 * One piece of roaming usage in one visited network, TAP-like: a call leg,
 * a data session, or a short message. The same shape holds what the
 * subscriber really did (ground truth, from the phone's side) and what a
 * billing system recorded (from charging events), so the two can be
 * reconciled record by record.
 */
export interface UsageRecord {
  /** The charging session that names this usage: a call leg (`…-call-7/2`), a data session, or a message reference. */
  readonly sessionId: string;
  readonly imsi: string;
  readonly homePlmn: PlmnId;
  readonly visitedPlmn: PlmnId;
  readonly service: UsageService;
  /** When the usage started, ms since the epoch. */
  readonly startedAt: number;
  /** Voice: seconds of the call in this network. */
  readonly seconds?: number;
  /** Voice: made by the roamer (`mo`) or received (`mt`), when the network said. */
  readonly direction?: 'mo' | 'mt';
  /** Data: bytes in both directions. */
  readonly bytes?: number;
  /** SMS: message segments. */
  readonly messages?: number;
  /** Ground truth only: the procedure (call event) that caused this usage, e.g. `call-7`. */
  readonly correlationId?: string;
  /**
   * Ground truth only: when the network could have started and ended its count, as the phone saw
   * it: each pair spans the signalling exchange (request sent, answer received) in which the
   * network's clock read the start or the end. A network measurement inside these windows is
   * right to the millisecond; one outside is not.
   */
  readonly window?: UsageWindow;
}

/** Two spans in ms since the epoch: `[earliest, latest]` for the start and for the end of a usage. */
export interface UsageWindow {
  readonly start: readonly [number, number];
  readonly end: readonly [number, number];
}

/** When the usage may have started: the record's window, or its `startedAt` exactly. */
export function startSpan(record: UsageRecord): readonly [number, number] {
  return record.window?.start ?? [record.startedAt, record.startedAt];
}

/**
 * The amount of usage a network may have measured, `[least, most]`: for voice, the seconds
 * between the start and end windows; otherwise (and without a window) the record's own amount.
 */
export function amountSpan(record: UsageRecord): readonly [number, number] {
  const amount = usageAmount(record);
  const window = record.window;
  if (record.service !== 'voice' || !window) return [amount, amount];
  const least = Math.max(0, (window.end[0] - window.start[1]) / 1000);
  const most = Math.max(least, (window.end[1] - window.start[0]) / 1000);
  return [Math.min(least, amount), Math.max(most, amount)];
}

/** The amount of usage in a record, in its service's own unit (seconds, bytes or messages). */
export function usageAmount(record: UsageRecord): number {
  switch (record.service) {
    case 'voice':
      return record.seconds ?? 0;
    case 'data':
      return record.bytes ?? 0;
    case 'sms':
      return record.messages ?? 0;
  }
}

/** The unit of {@link usageAmount} for a service. */
export function usageUnit(service: UsageService): 's' | 'bytes' | 'messages' {
  return service === 'voice' ? 's' : service === 'data' ? 'bytes' : 'messages';
}

/**
 * What the subscribers really did: usage records written by the phones'
 * side of each procedure as it ends. The reference a billing system is
 * reconciled against.
 *
 * @example
 * ```ts
 * const truth = new UsageJournal();
 * await call.hangUp(); // a RoamingCall given { journal: truth } adds a record per network leg
 * reconcile(truth.records, billed, { rating });
 * ```
 */
export class UsageJournal {
  readonly #records: UsageRecord[] = [];
  readonly #retain: boolean;
  #count = 0;
  /** Called with every record as it is added, e.g. to reconcile as the run goes. */
  onRecord: ((record: UsageRecord) => void) | undefined;

  /** @param options `retain: false` keeps no records, only the count (long runs that reconcile as they go). */
  constructor(options: { retain?: boolean } = {}) {
    this.#retain = options.retain ?? true;
  }

  /** Adds a record. */
  add(record: UsageRecord): void {
    this.#count++;
    if (this.#retain) this.#records.push(record);
    this.onRecord?.(record);
  }

  /** Every record, in the order the usage ended. */
  get records(): readonly UsageRecord[] {
    return this.#records;
  }

  /** Records added so far (retained or not). */
  get size(): number {
    return this.#count;
  }

  clear(): void {
    this.#records.length = 0;
    this.#count = 0;
  }
}
