/**
 * Where everything gets time from. The same procedure, drill or fault
 * timeline runs on the real clock (networked runs) and on a virtual,
 * discrete-event clock (simulated runs, instant unit tests), so it must only
 * ever read time and wait through a `Clock`.
 *
 * @module
 */

/** The one clock abstraction of the harness. */
export interface Clock {
  /** Milliseconds since the Unix epoch, for timestamps. */
  now(): number;
  /** A monotonic reading in milliseconds with sub-millisecond precision, for durations. */
  monotonic(): number;
  /**
   * Resolves after `ms` of this clock's time (negative waits count as zero);
   * rejects with the signal's reason as soon as `signal` aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The wall clock: `Date.now()`, `performance.now()` and `setTimeout`.
 *
 * @example
 * ```ts
 * const started = realClock.monotonic();
 * await realClock.sleep(50);
 * ```
 */
export const realClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        signal?.removeEventListener('abort', abort);
        resolve();
      }
      function abort(): void {
        clearTimeout(timer);
        reject(signal!.reason);
      }
      signal?.addEventListener('abort', abort, { once: true });
    }),
};
