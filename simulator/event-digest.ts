import { createHash, type Hash } from 'node:crypto';
import type { EventSink, RoamingEvent } from './roaming-events.js';

/**
 * An event sink that keeps no events: it counts them and hashes their JSON
 * lines (SHA-256, exactly the bytes `EventLog.toJsonLines` would write), so a
 * day of millions of events can be compared between runs in constant memory.
 * Two runs with the same digest wrote the same log, byte for byte.
 *
 * @example
 * ```ts
 * const digest = new EventDigest();
 * await runRoamingDay({ seed: 1, subscribers: 10_000, events: digest.sink });
 * digest.hex() // the same for every run with seed 1
 * ```
 */
export class EventDigest {
  readonly #hash: Hash = createHash('sha256');
  readonly #byType = new Map<string, number>();
  #count = 0;
  #characters = 0;
  #pending = '';
  #final: string | undefined;

  /** Pass this to procedures. */
  readonly sink: EventSink = (event: RoamingEvent) => {
    if (this.#final !== undefined) return;
    const line = JSON.stringify(event) + '\n';
    // Hashing in 64 KB chunks: one call per line costs more than the hashing itself.
    this.#pending += line;
    if (this.#pending.length > 65_536) this.#flush();
    this.#count++;
    this.#characters += line.length;
    this.#byType.set(event.event_type, (this.#byType.get(event.event_type) ?? 0) + 1);
  };

  /** Events seen. */
  get count(): number {
    return this.#count;
  }

  /** Characters of the JSON lines (bytes too, since events are ASCII: ids, PLMNs, cause names, ISO times). */
  get characters(): number {
    return this.#characters;
  }

  /** Events seen per `event_type`. */
  byType(): Record<string, number> {
    return Object.fromEntries([...this.#byType.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The SHA-256 of the log so far, in hex. After this, further events are ignored. */
  hex(): string {
    if (this.#final === undefined) {
      this.#flush();
      this.#final = this.#hash.digest('hex');
    }
    return this.#final;
  }

  #flush(): void {
    if (this.#pending.length > 0) this.#hash.update(this.#pending);
    this.#pending = '';
  }
}
