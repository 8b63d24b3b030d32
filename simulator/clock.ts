/**
 * Where procedures get time from. The same procedure code runs on the real
 * clock (networked runs) and on a virtual, discrete-event clock (simulated
 * runs), so it must only ever read time and wait through a `Clock`.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, for timestamps. */
  now(): number;
  /** A monotonic reading in milliseconds with sub-millisecond precision, for durations. */
  monotonic(): number;
  /** Resolves after `ms` of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The wall clock: `Date.now()`, `performance.now()` and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
