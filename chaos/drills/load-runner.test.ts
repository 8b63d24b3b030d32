import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../core/virtual-clock.js';
import { ChaosError } from '../chaos-error.js';
import { arrivalGapMs, nextPoissonArrival, seededUniform } from './arrivals.js';
import type { LoadStep } from './drill-definition.js';
import { checkDrill, type CheckedLoadStep } from './drill-schema.js';
import { runLoad } from './load-runner.js';

/** A checked load step, as runDrill hands it to the runner. */
function loadStep(load: Omit<LoadStep['load'], 'name'>, forMs: number): CheckedLoadStep {
  return { index: 0, atMs: 0, forMs, load: { name: 'load', ...load } };
}

/** The coefficient of variation of the gaps between `times`: 0 for even spacing, about 1 for Poisson arrivals. */
function gapVariation(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  const variance = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length;
  return Math.sqrt(variance) / mean;
}

for (const arrivals of ['uniform', 'poisson'] as const) {
  test(`an open load with ${arrivals} arrivals keeps its mean rate; only Poisson gaps vary`, async () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const step = loadStep(
      {
        ratePerSecond: 50,
        arrivals,
        seed: 42,
        concurrency: 1_000,
        run: async () => {
          times.push(clock.monotonic());
          await clock.sleep(30);
        },
      },
      60_000,
    );
    const record = await clock.settle(runLoad(step, clock, new AbortController().signal));
    // 3000 expected; a Poisson count has a standard deviation of about 55.
    expect(record.attempts).toBeGreaterThan(3000 - 5 * 55);
    expect(record.attempts).toBeLessThan(3000 + 5 * 55);
    expect(record).toMatchObject({ failed: 0, skipped: 0, succeeded: record.attempts });
    const variation = gapVariation(times);
    if (arrivals === 'poisson') expect(variation).toBeGreaterThan(0.9);
    if (arrivals === 'poisson') expect(variation).toBeLessThan(1.1);
    else expect(variation).toBeLessThan(0.05);
  });
}

test('Poisson arrivals replay with the same seed and differ with another', async () => {
  const times = async (seed: number) => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const step = loadStep({ ratePerSecond: 20, arrivals: 'poisson', seed, run: () => void seen.push(clock.monotonic()) }, 5_000);
    await clock.settle(runLoad(step, clock, new AbortController().signal));
    return seen;
  };
  expect(await times(7)).toEqual(await times(7));
  expect(await times(7)).not.toEqual(await times(8));
});

test('a Poisson ramp thins arrivals in proportion to the rate', () => {
  const random = seededUniform(3);
  const forMs = 100_000;
  const rateAt = (ms: number) => (100 * ms) / forMs; // 0 -> 100 per second
  let firstHalf = 0;
  let secondHalf = 0;
  for (let at = 0; ;) {
    at = nextPoissonArrival(at, forMs, rateAt, 100, random);
    if (at === Infinity) break;
    if (at < forMs / 2) firstHalf++;
    else secondHalf++;
  }
  // Integral of the rate: 1250 arrivals in the first half, 3750 in the second.
  expect(firstHalf).toBeGreaterThan(1250 - 5 * 36);
  expect(firstHalf).toBeLessThan(1250 + 5 * 36);
  expect(secondHalf).toBeGreaterThan(3750 - 5 * 62);
  expect(secondHalf).toBeLessThan(3750 + 5 * 62);
  expect(arrivalGapMs(100, 'uniform', random)).toBe(10);
});

test('a closed load keeps exactly its users in flight, each calling again once answered', async () => {
  const clock = new VirtualClock();
  let inFlight = 0;
  let most = 0;
  const step = loadStep(
    {
      users: 4,
      think: '50ms',
      run: async () => {
        most = Math.max(most, ++inFlight);
        await clock.sleep(100);
        inFlight--;
      },
    },
    1_500,
  );
  const record = await clock.settle(runLoad(step, clock, new AbortController().signal));
  expect(most).toBe(4);
  // Each user: a 100 ms call then 50 ms of thought, ten times in 1.5 s.
  expect(record).toMatchObject({ attempts: 40, succeeded: 40, failed: 0, skipped: 0 });
});

test('a load step gives a rate or users, not both and not neither', () => {
  const target = { checkFault: () => undefined, inject: async () => ({}) as never } as never;
  const drill = (load: Record<string, unknown>) => ({
    title: 'load model',
    steadyState: { probes: [{ name: 'ok', probe: () => true, tolerance: true }] },
    method: [{ at: 0, for: '1s', load: { name: 'l', run: () => true, ...load } }],
  });
  expect(() => checkDrill(drill({ ratePerSecond: 5, users: 2 }) as never, target)).toThrow(ChaosError);
  expect(() => checkDrill(drill({}) as never, target)).toThrow(
    /method\[0\]\.load\.ratePerSecond missing: give either ratePerSecond \(an open model\) or users \(a closed model\), not both/,
  );
  expect(() => checkDrill(drill({ ratePerSecond: 5, arrivals: 'bursty' }) as never, target)).toThrow(/method\[0\]\.load\.arrivals/);
  expect(checkDrill(drill({ users: 3, think: '10ms' }) as never, target).loads[0]!.load.users).toBe(3);
});
