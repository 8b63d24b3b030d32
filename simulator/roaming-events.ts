import { RoamError } from '../core/errors.js';
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
 * An in-memory event log, in the order events happened. It keeps the last
 * `limit` events in a ring: once full, each new event overwrites the oldest
 * in constant time (no array shifting), so a long soak at the cap costs the
 * same per event as the first one.
 *
 * @example
 * ```ts
 * const log = new EventLog();
 * runAttach({ ..., events: log.sink });
 * await fs.writeFile('events.jsonl', log.toJsonLines());
 * ```
 */
export class EventLog {
  /** Events in arrival order until full; then a ring whose oldest entry is at {@link #head}. */
  readonly #ring: RoamingEvent[] = [];
  readonly #limit: number;
  #head = 0;
  /** The events oldest first, once the ring has wrapped; rebuilt after a write. */
  #ordered: RoamingEvent[] | undefined;

  /**
   * @param limit the most events kept; older ones are dropped first.
   * @throws {RoamError} `ROAM_INVALID_EVENT_LOG_LIMIT` for a limit that is not a whole number of 1 or more
   */
  constructor(limit = 1_000_000) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RoamError(
        'ROAM_INVALID_EVENT_LOG_LIMIT',
        'create the event log',
        `its limit is ${limit}, not a whole number of 1 or more`,
        {
          hint: 'Give the most events to keep, e.g. 100000',
        },
      );
    }
    this.#limit = limit;
  }

  /** Pass this to procedures. */
  readonly sink: EventSink = (event) => {
    if (this.#ring.length < this.#limit) {
      this.#ring.push(event);
    } else {
      this.#ring[this.#head] = event;
      this.#head = (this.#head + 1) % this.#limit;
      this.#ordered = undefined;
    }
  };

  /** How many events are kept. */
  get size(): number {
    return this.#ring.length;
  }

  /**
   * Every event kept, oldest first. Until the log first drops an event this
   * is the log's own array; after that, a copy made once per change.
   */
  get events(): readonly RoamingEvent[] {
    if (this.#head === 0) return this.#ring;
    return (this.#ordered ??= [...this.#ring.slice(this.#head), ...this.#ring.slice(0, this.#head)]);
  }

  /** The events of one procedure run. */
  byCorrelation(id: string): RoamingEvent[] {
    return this.events.filter((e) => e.correlation_id === id);
  }

  /** One JSON object per line, each line ending in `\n`. Builds one string: stream {@link jsonLineChunks} instead for big logs. */
  toJsonLines(events: readonly RoamingEvent[] = this.events): string {
    return events.map((e) => JSON.stringify(e) + '\n').join('');
  }

  /**
   * The JSON Lines of the events kept when it is called, in chunks of about
   * `linesPerChunk` lines, for writing to a stream without building the
   * whole text in memory.
   *
   * @example
   * ```ts
   * for (const chunk of log.jsonLineChunks()) if (!response.write(chunk)) await once(response, 'drain');
   * ```
   */
  *jsonLineChunks(linesPerChunk = 1_000): Generator<string, void, undefined> {
    // A full ring read in place would be overwritten while the chunks are pulled: take a copy then.
    const events = this.#head === 0 && this.#ring.length === this.#limit ? this.#ring.slice() : this.events;
    const count = events.length;
    for (let start = 0; start < count; start += linesPerChunk) {
      let chunk = '';
      for (let i = start; i < Math.min(count, start + linesPerChunk); i++) chunk += JSON.stringify(events[i]) + '\n';
      yield chunk;
    }
  }

  clear(): void {
    this.#ring.length = 0;
    this.#head = 0;
    this.#ordered = undefined;
  }
}
