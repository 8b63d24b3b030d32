/**
 * Load on a drill's timeline: calls `run` at a rate (constant, or a linear
 * ramp; evenly spaced or Poisson) for a duration, with a cap on calls in
 * flight; or, as a closed model, from a number of users each calling again
 * once answered.
 *
 * @module
 */
import { parseDuration } from '../../core/duration.js';
import type { Clock } from '../../core/clock.js';
import { nextPoissonArrival, seededUniform } from './arrivals.js';
import type { LoadRecord } from './drill-report.js';
import type { CheckedLoadStep } from './drill-schema.js';

type Counts = { attempts: number; succeeded: number; failed: number; skipped: number };

/**
 * Runs one load step from now until its duration has passed, then waits for
 * calls in flight. Returns the counts.
 *
 * @example
 * ```ts
 * const record = await runLoad(step, clock, signal);
 * ```
 */
export async function runLoad(step: CheckedLoadStep, clock: Clock, signal: AbortSignal): Promise<LoadRecord> {
  const counts: Counts = { attempts: 0, succeeded: 0, failed: 0, skipped: 0 };
  const call = async (): Promise<void> => {
    counts.attempts++;
    try {
      const result = await step.load.run(signal);
      if (result === false) counts.failed++;
      else counts.succeeded++;
    } catch {
      counts.failed++;
    }
  };
  if (step.load.users !== undefined) await closedLoad(step, clock, signal, call);
  else await openLoad(step, clock, signal, call, counts);
  return { name: step.load.name, ...counts };
}

/** Arrivals at a rate, whatever the answers: calls due while `concurrency` are in flight are skipped and counted. */
async function openLoad(
  step: CheckedLoadStep,
  clock: Clock,
  signal: AbortSignal,
  call: () => Promise<void>,
  counts: Counts,
): Promise<void> {
  const { load, forMs } = step;
  const rate = load.ratePerSecond ?? 0;
  const from = typeof rate === 'number' ? rate : rate.from;
  const to = typeof rate === 'number' ? rate : rate.to;
  const rateAt = (ms: number) => from + ((to - from) * ms) / Math.max(forMs, 1);
  const concurrency = load.concurrency ?? 16;
  const inFlight = new Set<Promise<void>>();
  const issue = () => {
    if (inFlight.size >= concurrency) {
      counts.skipped++;
      return;
    }
    const running = call();
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
  const start = clock.monotonic();
  if (load.arrivals === 'poisson') {
    const random = seededUniform(load.seed ?? Math.floor(Math.random() * 2 ** 32));
    for (let due = 0; ;) {
      due = nextPoissonArrival(due, forMs, rateAt, Math.max(from, to), random);
      if (due === Infinity || signal.aborted) break;
      const wait = due - (clock.monotonic() - start);
      if (wait > 0 && !(await sleep(clock, wait, signal))) break;
      issue();
    }
  } else {
    // Calls owed so far: the integral of the rate, so a ramp's average is exact.
    let made = 0;
    for (;;) {
      const elapsed = clock.monotonic() - start;
      if (elapsed >= forMs || signal.aborted) break;
      // The first call goes out at once; then one each time the integral of the rate passes a whole number.
      const owed = Math.floor(((from + ((to - from) * elapsed) / (2 * Math.max(forMs, 1))) * elapsed) / 1000) + 1;
      for (; made < owed; made++) issue();
      const now = rateAt(elapsed);
      const gap = now > 0 ? Math.min(1000 / now, 50) : 50;
      if (!(await sleep(clock, Math.min(gap, forMs - elapsed), signal))) break;
    }
  }
  await Promise.allSettled([...inFlight]);
}

/** `users` loops, each calling, waiting `think`, and calling again until the step ends. */
async function closedLoad(step: CheckedLoadStep, clock: Clock, signal: AbortSignal, call: () => Promise<void>): Promise<void> {
  const thinkMs = step.load.think === undefined ? 0 : parseDuration(step.load.think);
  const until = clock.monotonic() + step.forMs;
  const user = async () => {
    while (clock.monotonic() < until && !signal.aborted) {
      await call();
      const left = until - clock.monotonic();
      if (left <= 0) break;
      // Without think time a user still yields, so timers and other users run.
      if (!(await sleep(clock, Math.min(thinkMs, left), signal))) break;
    }
  };
  await Promise.all(Array.from({ length: step.load.users ?? 1 }, user));
}

/** Sleeps on the drill's clock; false when the drill was aborted. */
async function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await clock.sleep(Math.max(0, ms), signal);
    return true;
  } catch {
    return false;
  }
}
