import type { Clock } from './clock.js';
import { RoamError } from './errors.js';
import { TimerQueue, type Timer } from './timer-queue.js';

/** Where a virtual run starts on the calendar when not told: fixed, so event logs repeat byte for byte. */
export const DEFAULT_VIRTUAL_START = Date.UTC(2025, 0, 1);

/** How to build a {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** The calendar time at which virtual time 0 sits: epoch ms, an ISO 8601 string or a Date. */
  readonly startAt?: number | string | Date;
  /** The most timers one run may fire before it stops with {@link VirtualClockRunawayError}. Default 100 million. */
  readonly maxTimers?: number;
}

/** What a run of the virtual clock did. */
export interface VirtualRunSummary {
  /** Timers fired during this run. */
  readonly firedTimers: number;
  /** Virtual time that passed during this run, in ms. */
  readonly elapsedMs: number;
}

/** Work waits on the virtual clock, but no timer is scheduled that could ever wake it. */
export class VirtualClockStalledError extends RoamError {
  constructor(atMs: number) {
    super(
      'ROAM_CLOCK_STALLED',
      'run the virtual clock',
      `at ${atMs} ms work is still waiting but no timer is scheduled, so it can never finish`,
      {
        hint: 'Make procedures wait only through the Clock they were given (clock.sleep), never on real timers, sockets or a promise nothing resolves',
      },
    );
  }
}

/** A run fired more timers than its limit allows: most likely a procedure that loops forever. */
export class VirtualClockRunawayError extends RoamError {
  constructor(limit: number) {
    super('ROAM_CLOCK_RUNAWAY', 'run the virtual clock', `more than ${limit} timers fired in one run`, {
      hint: 'Look for a loop that sleeps without end, or raise maxTimers for a larger simulation',
    });
  }
}

/** `run()` was called while the clock was already running. */
export class VirtualClockBusyError extends RoamError {
  constructor() {
    super('ROAM_CLOCK_BUSY', 'run the virtual clock', 'it is already running', {
      hint: 'Await the run in progress, or use settle(work) to wait for work inside it',
    });
  }
}

/**
 * A discrete-event clock: `sleep(ms)` schedules a timer instead of waiting,
 * and a run loop jumps virtual time straight to the next timer, wakes it,
 * and lets every microtask settle before the next one. No sockets, no
 * sleeping: a simulated day passes in seconds, and the same procedures in the
 * same order produce the same events every time. Ties are broken by
 * scheduling order.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const outcome = await clock.settle(runAttach({ ...context, clock }));
 * // or: start many procedures, then run until nothing is scheduled
 * for (const s of subscribers) void runDay(s, clock);
 * await clock.run();
 * ```
 */
export class VirtualClock implements Clock {
  readonly #epoch: number;
  readonly #maxTimers: number;
  readonly #queue = new TimerQueue();
  readonly #waiters = new Set<(error: unknown) => void>();
  #elapsed = 0;
  #seq = 0;
  #fired = 0;
  /** Aborted timers still in the queue: skipped, without moving time, when they come up. */
  #cancelled = 0;
  #running = false;
  /** True while `run()` (not `settle()`) drives the loop: it runs until nothing is scheduled, so work needs no waiter. */
  #runDriven = false;
  #active: Promise<void> | undefined;

  constructor(options: VirtualClockOptions = {}) {
    const start = options.startAt ?? DEFAULT_VIRTUAL_START;
    this.#epoch = start instanceof Date ? start.getTime() : typeof start === 'string' ? Date.parse(start) : start;
    if (!Number.isFinite(this.#epoch)) {
      throw new RoamError('ROAM_INVALID_TIME', `start a virtual clock at ${JSON.stringify(String(start))}`, 'it is not a date', {
        hint: 'Pass epoch milliseconds, a Date or an ISO 8601 string such as "2025-06-01T00:00:00Z"',
      });
    }
    this.#maxTimers = options.maxTimers ?? 100_000_000;
  }

  /** Calendar time: the start plus virtual time elapsed. */
  now(): number {
    return this.#epoch + this.#elapsed;
  }

  /** Virtual milliseconds since the clock was made. */
  monotonic(): number {
    return this.#elapsed;
  }

  /**
   * Schedules a wake-up `ms` of virtual time from now; negative waits count as
   * zero, as with `setTimeout`. An aborted sleep rejects with the signal's
   * reason and no longer holds the clock back.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (Number.isNaN(ms) || ms === Infinity) {
      return Promise.reject(
        new RoamError('ROAM_INVALID_DURATION', `sleep for ${ms} ms on the virtual clock`, 'the duration is not a finite number', {
          hint: 'Pass a finite number of milliseconds',
        }),
      );
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const abort = (): void => {
        timer.cancelled = true;
        this.#cancelled++;
        reject(signal!.reason);
      };
      const fire = (): void => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const timer: Timer = { at: this.#elapsed + Math.max(0, ms), seq: this.#seq++, fire, cancelled: false };
      this.#queue.push(timer);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** Timers scheduled and not yet fired (nor aborted). */
  get pendingTimers(): number {
    return this.#queue.size - this.#cancelled;
  }

  /** Timers fired since the clock was made. */
  get firedTimers(): number {
    return this.#fired;
  }

  /**
   * Fires timers in order until none is left, or until virtual time reaches
   * `forMs` from now (then time stands exactly there).
   *
   * @throws {VirtualClockBusyError} when a run is already in progress.
   */
  async run(options: { forMs?: number } = {}): Promise<VirtualRunSummary> {
    // A settle() whose work just finished may still be leaving its loop: let it.
    if (this.#active && !this.#runDriven && this.#waiters.size === 0) await this.#active.catch(() => undefined);
    if (this.#running) throw new VirtualClockBusyError();
    const startFired = this.#fired;
    const startElapsed = this.#elapsed;
    const until = options.forMs === undefined ? undefined : this.#elapsed + Math.max(0, options.forMs);
    this.#runDriven = true;
    try {
      await this.#start(() => false, until, false);
    } finally {
      this.#runDriven = false;
    }
    if (until !== undefined) this.#elapsed = Math.max(this.#elapsed, until);
    return { firedTimers: this.#fired - startFired, elapsedMs: this.#elapsed - startElapsed };
  }

  /**
   * Runs the clock until `work` settles, and returns its result. Inside a
   * run already in progress, just waits for `work`. Concurrent calls share
   * one run loop, which stops when all of them have settled.
   *
   * @throws {VirtualClockStalledError} when `work` waits but nothing is scheduled.
   */
  settle<T>(work: Promise<T>): Promise<T> {
    if (this.#runDriven) return work;
    return new Promise<T>((resolve, reject) => {
      this.#waiters.add(reject);
      work.then(
        (value) => {
          this.#waiters.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.#waiters.delete(reject);
          reject(error);
        },
      );
      if (this.#running) return;
      this.#start(() => this.#waiters.size === 0, undefined, true).catch((error: unknown) => {
        for (const fail of [...this.#waiters]) fail(error);
        this.#waiters.clear();
      });
    });
  }

  #start(done: () => boolean, until: number | undefined, stallIsError: boolean): Promise<void> {
    const active = this.#drive(done, until, stallIsError);
    this.#active = active;
    return active;
  }

  async #drive(done: () => boolean, until: number | undefined, stallIsError: boolean): Promise<void> {
    this.#running = true;
    let fired = 0;
    try {
      await drainMicrotasks();
      while (!done()) {
        const next = this.#queue.peek();
        if (next === undefined) {
          if (stallIsError) throw new VirtualClockStalledError(this.#elapsed);
          return;
        }
        if (next.cancelled) {
          this.#queue.pop();
          this.#cancelled--;
          continue;
        }
        if (until !== undefined && next.at > until) return;
        this.#queue.pop();
        this.#elapsed = next.at;
        this.#fired++;
        if (++fired > this.#maxTimers) throw new VirtualClockRunawayError(this.#maxTimers);
        next.fire();
        await drainMicrotasks();
      }
    } finally {
      this.#running = false;
    }
  }
}

// A macrotask runs only after every queued microtask (and nextTick) has run, so
// whatever the woken procedure does next happens before the clock moves on.
function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
