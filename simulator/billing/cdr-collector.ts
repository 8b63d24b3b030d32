import type { ChargingEvent } from '../signaling/ports.js';
import type { PlmnId } from '../plmn.js';
import type { UsageRecord, UsageService } from './usage-record.js';

/** A session billing started and has not closed: what it holds so far. */
export interface OpenUsage {
  readonly sessionId: string;
  readonly imsi: string;
  readonly homePlmn: PlmnId;
  readonly visitedPlmn: PlmnId;
  readonly service: UsageService;
  /** The time of its first event, ms since the epoch. */
  readonly startedAt: number;
  readonly seconds: number;
  readonly bytes: number;
  readonly messages: number;
  /** The kinds of the events taken, in order (e.g. `['start', 'interim']`). */
  readonly events: readonly string[];
}

interface OpenSession {
  readonly first: ChargingEvent;
  seconds: number;
  bytes: number;
  messages: number;
  /** Idempotency keys taken: a session has a handful, so a list is lighter than a Set. */
  readonly keys: string[];
  readonly kinds: string[];
}

/**
 * A home billing system's CDR collector, streaming: it keeps each session
 * open from its first charging event, adds interim usage, and closes a usage
 * record (a CDR) at the stop (or the single event of an SMS). Events are
 * taken once per idempotency key, so a retry is not billed twice. Only open
 * sessions and closed records stay in memory, not every event.
 *
 * @example
 * ```ts
 * const cdrs = new CdrCollector('262-01');
 * for (const event of ledger.events()) cdrs.record(event);
 * cdrs.records // one UsageRecord per closed call leg, data session or SMS
 * ```
 */
export class CdrCollector {
  readonly homePlmn: PlmnId;
  readonly #open = new Map<string, OpenSession>();
  readonly #closed = new Set<string>();
  readonly #records: UsageRecord[] = [];
  readonly #retain: boolean;
  readonly #closedLimit: number;
  #count = 0;
  #duplicates = 0;
  #registrations = 0;
  /** Called with every record as it closes, e.g. to rate and reconcile as the run goes. */
  onRecord: ((record: UsageRecord) => void) | undefined;

  /**
   * @param options `retain: false` keeps no closed records, only the count; `closedSessionLimit`:
   * how many closed session ids are remembered to drop late retries (all when omitted).
   */
  constructor(homePlmn: PlmnId, options: { retain?: boolean; closedSessionLimit?: number } = {}) {
    this.homePlmn = homePlmn;
    this.#retain = options.retain ?? true;
    this.#closedLimit = options.closedSessionLimit ?? Infinity;
  }

  /** Takes one charging event. Returns false when it was a duplicate (already taken, or for a closed session). */
  record(event: ChargingEvent): boolean {
    if (event.service === 'registration') {
      this.#registrations++;
      return true;
    }
    let session = this.#open.get(event.sessionId);
    if (!session) {
      if (this.#closed.has(event.sessionId)) return this.#duplicate();
      session = { first: event, seconds: 0, bytes: 0, messages: 0, keys: [], kinds: [] };
      this.#open.set(event.sessionId, session);
    }
    if (session.keys.includes(event.idempotencyKey)) return this.#duplicate();
    session.keys.push(event.idempotencyKey);
    session.kinds.push(event.kind);
    session.seconds += event.usage?.seconds ?? 0;
    session.bytes += event.usage?.bytes ?? 0;
    session.messages += event.usage?.messages ?? 0;
    if (event.kind === 'stop' || event.kind === 'event') this.#close(event.sessionId, session);
    return true;
  }

  /** Closed usage records, in the order their sessions closed (none when not retained). */
  get records(): readonly UsageRecord[] {
    return this.#records;
  }

  /** Records closed so far (retained or not). */
  get size(): number {
    return this.#count;
  }

  /** Sessions started and not yet stopped (still running, or their stop was lost). */
  get openSessions(): string[] {
    return [...this.#open.keys()];
  }

  /** What each open session holds so far, for reconciliation to report what never closed. */
  get openUsage(): OpenUsage[] {
    return [...this.#open].map(([sessionId, s]) => ({
      sessionId,
      imsi: s.first.imsi,
      homePlmn: this.homePlmn,
      visitedPlmn: s.first.visitedPlmn,
      service: s.first.service as UsageService,
      startedAt: s.first.at,
      seconds: Math.round(s.seconds * 1000) / 1000,
      bytes: s.bytes,
      messages: s.messages,
      events: [...s.kinds],
    }));
  }

  /** Events dropped as duplicates. */
  get duplicates(): number {
    return this.#duplicates;
  }

  /** Registration events seen (signalling, not usage). */
  get registrations(): number {
    return this.#registrations;
  }

  #close(sessionId: string, s: OpenSession): void {
    this.#open.delete(sessionId);
    this.#closed.add(sessionId);
    // A Set iterates in insertion order: the first entry is the oldest closed session.
    if (this.#closed.size > this.#closedLimit) this.#closed.delete(this.#closed.values().next().value!);
    const base = {
      sessionId,
      imsi: s.first.imsi,
      homePlmn: this.homePlmn,
      visitedPlmn: s.first.visitedPlmn,
      service: s.first.service as UsageRecord['service'],
      startedAt: s.first.at,
    };
    const record: UsageRecord =
      base.service === 'voice'
        ? { ...base, seconds: Math.round(s.seconds * 1000) / 1000, ...(s.first.direction ? { direction: s.first.direction } : {}) }
        : base.service === 'data'
          ? { ...base, bytes: s.bytes }
          : { ...base, messages: s.messages };
    this.#count++;
    if (this.#retain) this.#records.push(record);
    this.onRecord?.(record);
  }

  #duplicate(): false {
    this.#duplicates++;
    return false;
  }
}
