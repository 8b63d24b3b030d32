/**
 * Requests waiting for their reply. GSUP has no transaction id: a reply is
 * matched to the oldest request with the same IMSI and message family on the
 * connection. A request that timed out stays in line, marked abandoned, so
 * its late reply is swallowed instead of being handed to the next request.
 *
 * @module
 */
import type { GsupMessage } from '../../protocols/gsup/gsup.js';
import { GsupTimeoutError } from './gsup-errors.js';

/** How long an abandoned request keeps its place; osmo-hlr answers every request, at worst after its 30 s ISD timer. */
const ABANDONED_TTL_MS = 60_000;

/** Extra handling a request needs for requests the HLR sends while it waits. */
export interface PendingHooks {
  /** For UpdateLocation: sees InsertSubscriberData for the same IMSI; returns a cause to refuse it. */
  readonly insertSubscriberData?: (message: GsupMessage) => Promise<number | undefined>;
}

/** One request in line. */
export interface PendingReply {
  readonly imsi: string;
  readonly family: number;
  /** `<operation> for subscriber <pseudonym>`, the start of any error message. */
  readonly failedTo: string;
  readonly hooks: PendingHooks;
  abandoned: boolean;
  resolve(message: GsupMessage): void;
  reject(error: Error): void;
}

/**
 * The lines of waiting requests of one connection.
 *
 * @example
 * ```ts
 * const pending = new PendingReplies('127.0.0.2:4222');
 * const reply = pending.wait('001010000000001', 0x08, 'get auth vectors for subscriber sub_5e0c9d1f2a3b4c5d', 5000, {});
 * ```
 */
export class PendingReplies {
  readonly #lines = new Map<string, PendingReply[]>();
  readonly #peer: string;

  constructor(peer: string) {
    this.#peer = peer;
  }

  /** Number of requests still waiting (abandoned ones not counted). */
  get size(): number {
    let n = 0;
    for (const line of this.#lines.values()) n += line.filter((p) => !p.abandoned).length;
    return n;
  }

  /** Queues a request; the promise settles with its reply, a timeout, or whatever {@link failAll} gives. */
  wait(imsi: string, family: number, failedTo: string, timeoutMs: number, hooks: PendingHooks): Promise<GsupMessage> {
    return new Promise<GsupMessage>((resolve, reject) => {
      const key = keyOf(imsi, family);
      const timer = setTimeout(() => {
        entry.abandoned = true;
        reject(new GsupTimeoutError(failedTo, this.#peer, timeoutMs));
        setTimeout(() => this.#remove(key, entry), ABANDONED_TTL_MS).unref();
      }, timeoutMs);
      const entry: PendingReply = {
        imsi,
        family,
        failedTo,
        hooks,
        abandoned: false,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const line = this.#lines.get(key);
      if (line) line.push(entry);
      else this.#lines.set(key, [entry]);
    });
  }

  /**
   * Removes and returns the request a reply answers: undefined when none
   * waits, or an abandoned entry whose late reply should be dropped.
   */
  take(imsi: string, family: number): PendingReply | undefined {
    const key = keyOf(imsi, family);
    const line = this.#lines.get(key);
    const entry = line?.shift();
    if (line && line.length === 0) this.#lines.delete(key);
    return entry;
  }

  /** The oldest live request of a line, left in place. */
  peek(imsi: string, family: number): PendingReply | undefined {
    return this.#lines.get(keyOf(imsi, family))?.find((p) => !p.abandoned);
  }

  /** Rejects every live request with an error built for it and empties all lines. */
  failAll(errorFor: (entry: PendingReply) => Error): void {
    const entries = [...this.#lines.values()].flat();
    this.#lines.clear();
    for (const entry of entries) if (!entry.abandoned) entry.reject(errorFor(entry));
  }

  #remove(key: string, entry: PendingReply): void {
    const line = this.#lines.get(key);
    const at = line?.indexOf(entry) ?? -1;
    if (!line || at === -1) return;
    line.splice(at, 1);
    if (line.length === 0) this.#lines.delete(key);
  }
}

function keyOf(imsi: string, family: number): string {
  return `${imsi}/${family}`;
}
