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
      const until = performance.now() + Math.max(0, ms);
      let timer: ReturnType<typeof setTimeout>;
      // A Node timer holds at most 2^31 - 1 ms (24.8 days) and fires at once beyond: longer sleeps go in steps.
      const wait = () => {
        const left = until - performance.now();
        if (left <= 0) return done();
        timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
      };
      function done(): void {
        signal?.removeEventListener('abort', abort);
        resolve();
      }
      function abort(): void {
        clearTimeout(timer);
        reject(signal!.reason);
      }
      signal?.addEventListener('abort', abort, { once: true });
      timer = setTimeout(wait, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    }),
};

/** The longest delay one Node timer holds: 2^31 - 1 ms, about 24.8 days. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
