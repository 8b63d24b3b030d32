import type { PlmnId } from './plmn.js';

/** How a procedure or one of its steps ended. */
export type EventResult = 'success' | 'failure' | 'in_progress';

/**
 * One line of the event log: the schema of the users' own pipeline
 * (`event_type, timestamp, subscriber_id, visited_mcc_mnc, latency_ms,
 * result, failure_reason`) plus a correlation id and the state transition.
 * `subscriber_id` is a keyed pseudonym of the IMSI; K and OPc never appear.
 */
export interface RoamingEvent {
  /** The procedure, e.g. `attach`, `update_location`, `call`, `handoff`, `detach`. */
  readonly event_type: string;
  /** ISO 8601 time on the clock the procedure ran on. */
  readonly timestamp: string;
  /** Pseudonym of the IMSI, see {@link IdentityHasher}. */
  readonly subscriber_id: string;
  readonly visited_mcc_mnc: PlmnId | null;
  /** Milliseconds since the procedure started. */
  readonly latency_ms: number;
  readonly result: EventResult;
  /** A reject cause or error code when `result` is `failure`, otherwise null. */
  readonly failure_reason: string | null;
  /** The same for every event of one procedure run. */
  readonly correlation_id: string;
  /** The state machine transition this event records, if any. */
  readonly transition: { readonly from: string; readonly to: string } | null;
}

/** Where procedures send their events. */
export type EventSink = (event: RoamingEvent) => void;

/**
 * An in-memory event log, in the order events happened.
 *
 * @example
 * ```ts
 * const log = new EventLog();
 * runAttach({ ..., events: log.sink });
 * await fs.writeFile('events.jsonl', log.toJsonLines());
 * ```
 */
export class EventLog {
  readonly #events: RoamingEvent[] = [];
  readonly #limit: number;

  /** @param limit the most events kept; older ones are dropped first. */
  constructor(limit = 1_000_000) {
    this.#limit = limit;
  }

  /** Pass this to procedures. */
  readonly sink: EventSink = (event) => {
    if (this.#events.length >= this.#limit) this.#events.shift();
    this.#events.push(event);
  };

  /** Every event kept, oldest first. */
  get events(): readonly RoamingEvent[] {
    return this.#events;
  }

  /** The events of one procedure run. */
  byCorrelation(id: string): RoamingEvent[] {
    return this.#events.filter((e) => e.correlation_id === id);
  }

  /** One JSON object per line, each line ending in `\n`. */
  toJsonLines(events: readonly RoamingEvent[] = this.#events): string {
    return events.map((e) => JSON.stringify(e) + '\n').join('');
  }

  clear(): void {
    this.#events.length = 0;
  }
}
