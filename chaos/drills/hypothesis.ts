/**
 * Checking the steady-state hypothesis: once (before and after the method),
 * and repeatedly while faults recover, with one polling loop shared by every
 * fault waiting to recover.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js';
import type { HypothesisCheck, ProbeResult } from './drill-report.js';
import type { CheckedProbe } from './drill-schema.js';

/**
 * Runs every probe, one after another, and says whether all are in tolerance.
 *
 * @param startMs the drill's start on `clock`, so `atMs` is relative to it
 */
export async function checkHypothesis(
  probes: readonly CheckedProbe[],
  clock: Clock,
  startMs: number,
  signal: AbortSignal,
): Promise<HypothesisCheck> {
  const atMs = clock.monotonic() - startMs;
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    try {
      const value = await probe.probe(signal);
      results.push({ name: probe.name, value, tolerance: probe.tolerance.text, ok: probe.tolerance.accepts(value) });
    } catch (error) {
      if (signal.aborted) throw error;
      results.push({ name: probe.name, value: undefined, tolerance: probe.tolerance.text, ok: false, error: (error as Error).message });
    }
  }
  return { atMs, holds: results.every((r) => r.ok), probes: results };
}

/** When the hypothesis was seen to hold: the check's start (state sampled) and end (confirmed). */
export interface HeldAt {
  readonly startedAtMs: number;
  readonly confirmedAtMs: number;
}

interface Waiter {
  readonly sinceMs: number;
  readonly deadlineMs: number;
  readonly resolve: (heldAt: HeldAt | undefined) => void;
}

/**
 * Polls the hypothesis while any fault waits to recover.
 *
 * @example
 * ```ts
 * const heldAt = await recovery.waitUntilHolds(faultEndedAtMs); // undefined after the timeout
 * ```
 */
export class RecoveryWatch {
  readonly #probes: readonly CheckedProbe[];
  readonly #clock: Clock;
  readonly #startMs: number;
  readonly #pollEveryMs: number;
  readonly #timeoutMs: number;
  readonly #signal: AbortSignal;
  readonly #waiters = new Set<Waiter>();
  #polling: Promise<void> | undefined;
  /** Every check made while polling. */
  readonly checks: HypothesisCheck[] = [];

  constructor(options: {
    probes: readonly CheckedProbe[];
    clock: Clock;
    startMs: number;
    pollEveryMs: number;
    timeoutMs: number;
    signal: AbortSignal;
  }) {
    this.#probes = options.probes;
    this.#clock = options.clock;
    this.#startMs = options.startMs;
    this.#pollEveryMs = options.pollEveryMs;
    this.#timeoutMs = options.timeoutMs;
    this.#signal = options.signal;
  }

  /**
   * Resolves with the drill times of the first check that began at or after
   * `sinceMs` and held, or undefined once the timeout has passed.
   */
  waitUntilHolds(sinceMs: number): Promise<HeldAt | undefined> {
    return new Promise((resolve) => {
      this.#waiters.add({ sinceMs, deadlineMs: sinceMs + this.#timeoutMs, resolve });
      this.#polling ??= this.#poll().finally(() => {
        this.#polling = undefined;
      });
    });
  }

  /** Waits for the polling loop to stop (every waiter answered). */
  async settled(): Promise<void> {
    while (this.#polling) await this.#polling;
  }

  async #poll(): Promise<void> {
    while (this.#waiters.size > 0 && !this.#signal.aborted) {
      let check: HypothesisCheck;
      try {
        check = await checkHypothesis(this.#probes, this.#clock, this.#startMs, this.#signal);
      } catch {
        break;
      }
      this.checks.push(check);
      const now = this.#clock.monotonic() - this.#startMs;
      for (const waiter of [...this.#waiters]) {
        if (check.holds && check.atMs >= waiter.sinceMs) this.#answer(waiter, { startedAtMs: check.atMs, confirmedAtMs: now });
        else if (now >= waiter.deadlineMs) this.#answer(waiter, undefined);
      }
      if (this.#waiters.size === 0) break;
      try {
        await this.#clock.sleep(this.#pollEveryMs, this.#signal);
      } catch {
        break;
      }
    }
    for (const waiter of [...this.#waiters]) this.#answer(waiter, undefined);
  }

  #answer(waiter: Waiter, heldAt: HeldAt | undefined): void {
    this.#waiters.delete(waiter);
    waiter.resolve(heldAt);
  }
}
