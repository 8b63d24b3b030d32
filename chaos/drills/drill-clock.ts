/**
 * Time for drills: the real clock, or a virtual one that jumps to the next
 * timer whenever everything else is waiting, so a drill of minutes runs in
 * milliseconds in a unit test.
 *
 * @module
 */

/** What a drill needs of time. */
export interface DrillClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock (`performance.now`, `setTimeout`).
 *
 * @example
 * ```ts
 * await runDrill(drill, { target: world.chaos, clock: realDrillClock });
 * ```
 */
export const realDrillClock: DrillClock = {
  now: () => performance.now(),
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

interface Sleeper {
  readonly at: number;
  readonly order: number;
  readonly resolve: () => void;
}

/**
 * A virtual clock: time stands still while anything runs, and jumps to the
 * earliest sleeper once the event loop has nothing else to do.
 *
 * @example
 * ```ts
 * const clock = new VirtualDrillClock();
 * await clock.sleep(60_000); // returns at once; clock.now() is 60000
 * ```
 */
export class VirtualDrillClock implements DrillClock {
  #now = 0;
  #order = 0;
  #sleepers: Sleeper[] = [];
  #kicked = false;

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = {
        at: this.#now + Math.max(0, ms),
        order: this.#order++,
        resolve: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      const abort = (): void => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.#sleepers.push(sleeper);
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#kicked) return;
    this.#kicked = true;
    // setImmediate runs once pending promise callbacks have settled: everyone else is waiting.
    setImmediate(() => {
      this.#kicked = false;
      if (this.#sleepers.length === 0) return;
      this.#sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.#sleepers.shift()!;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
      if (this.#sleepers.length > 0) this.#kick();
    });
  }
}
