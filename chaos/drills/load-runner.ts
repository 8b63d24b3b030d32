/**
 * Load on a drill's timeline: calls `run` at a rate (constant, or a linear
 * ramp) for a duration, with a cap on calls in flight.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js';
import type { LoadRecord } from './drill-report.js';
import type { CheckedLoadStep } from './drill-schema.js';

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
  const { load, forMs } = step;
  const from = typeof load.ratePerSecond === 'number' ? load.ratePerSecond : load.ratePerSecond.from;
  const to = typeof load.ratePerSecond === 'number' ? load.ratePerSecond : load.ratePerSecond.to;
  const concurrency = load.concurrency ?? 16;
  const counts = { attempts: 0, succeeded: 0, failed: 0, skipped: 0 };
  const inFlight = new Set<Promise<void>>();
  const start = clock.monotonic();
  // Calls owed so far: the integral of the rate, so a ramp's average is exact.
  let made = 0;
  for (;;) {
    const elapsed = clock.monotonic() - start;
    if (elapsed >= forMs || signal.aborted) break;
    // The first call goes out at once; then one each time the integral of the rate passes a whole number.
    const owed = Math.floor(((from + ((to - from) * elapsed) / (2 * Math.max(forMs, 1))) * elapsed) / 1000) + 1;
    for (; made < owed; made++) {
      if (inFlight.size >= concurrency) {
        counts.skipped++;
        continue;
      }
      counts.attempts++;
      const call = (async () => {
        try {
          const result = await load.run(signal);
          if (result === false) counts.failed++;
          else counts.succeeded++;
        } catch {
          counts.failed++;
        }
      })();
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    }
    const rate = from + ((to - from) * elapsed) / Math.max(forMs, 1);
    const step = rate > 0 ? Math.min(1000 / rate, 50) : 50;
    try {
      await clock.sleep(Math.min(step, forMs - elapsed), signal);
    } catch {
      break;
    }
  }
  await Promise.allSettled([...inFlight]);
  return { name: load.name, ...counts };
}
