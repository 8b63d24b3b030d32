/**
 * Requests waiting for their answers on one connection, by Hop-by-Hop
 * Identifier (RFC 6733 §6.2), each with its Tx timer.
 *
 * @module
 */
import type { DiameterMessage } from '../../protocols/diameter/message.js';

interface Pending {
  readonly resolve: (answer: DiameterMessage) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The pending requests of a connection.
 *
 * @example
 * ```ts
 * const answer = pending.wait(hopByHopId, 5_000, () => new DiameterTimeoutError('AIR', peer, 5_000));
 * // ... when a frame comes in:
 * pending.answer(message); // false for a late answer, which is dropped
 * ```
 */
export class PendingRequests {
  readonly #byHopByHop = new Map<number, Pending>();

  /** How many requests wait. */
  get size(): number {
    return this.#byHopByHop.size;
  }

  /** Waits for the answer to `hopByHopId`, failing with `timedOut()` after `timeoutMs`. */
  wait(hopByHopId: number, timeoutMs: number, timedOut: () => Error): Promise<DiameterMessage> {
    return new Promise<DiameterMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#byHopByHop.delete(hopByHopId);
        reject(timedOut());
      }, timeoutMs);
      this.#byHopByHop.set(hopByHopId, { resolve, reject, timer });
    });
  }

  /** Settles the request `answer` answers; false when none waits for it (a late answer). */
  answer(answer: DiameterMessage): boolean {
    const pending = this.#take(answer.hopByHopId);
    pending?.resolve(answer);
    return pending !== undefined;
  }

  /** Fails the request `hopByHopId`, if it waits. */
  fail(hopByHopId: number, error: unknown): void {
    this.#take(hopByHopId)?.reject(error);
  }

  /** Fails every waiting request (the connection is gone). */
  failAll(error: unknown): void {
    for (const hopByHopId of [...this.#byHopByHop.keys()]) this.fail(hopByHopId, error);
  }

  #take(hopByHopId: number): Pending | undefined {
    const pending = this.#byHopByHop.get(hopByHopId);
    if (!pending) return undefined;
    this.#byHopByHop.delete(hopByHopId);
    clearTimeout(pending.timer);
    return pending;
  }
}
