import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../core/virtual-clock.js';
import { SeededRandom } from '../../simulator/random/seeded-random.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import { parseSpecText } from '../loader.js';
import { stepsOf } from '../schema.js';
import type { Procedures, StepResult } from './procedures.js';
import { RunState, type AnySimulator } from './run-state.js';
import { runLoadPhase } from './load-phase.js';

// The spec language's load models on the virtual clock, with procedures that take 100 ms each.

function loadOf(line: string) {
  const text = `scenario: load models\nclock: virtual\nworld: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01 }] }\nsubscribers: { t: { count: 20 } }\nsteps:\n  - load: ${line}\n`;
  const { scenarios, problems } = parseSpecText(text, 'load.roam.yaml');
  expect(problems).toEqual([]);
  return stepsOf(scenarios[0]!.spec)[0]!.load!;
}

function fakeRun(clock: VirtualClock) {
  const run = new RunState({
    sim: { clock } as unknown as AnySimulator,
    faults: { apply: async () => undefined, clear: async () => undefined } as never,
    random: new SeededRandom(1).fork('run'),
    concurrency: 1,
  });
  run.groups.set(
    't',
    Array.from({ length: 20 }, (_, i) => ({ imsi: `26201000000${String(i).padStart(4, '0')}` }) as Subscriber),
  );
  const started: number[] = [];
  let inFlight = 0;
  let most = 0;
  const procedure = async (): Promise<StepResult> => {
    started.push(clock.monotonic());
    most = Math.max(most, ++inFlight);
    await clock.sleep(100);
    inFlight--;
    return { outcome: 'success' };
  };
  const procedures = { servingNetwork: () => '208-01', locationUpdate: procedure } as unknown as Procedures;
  return { run, procedures, started, most: () => most };
}

function gapVariation(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  return Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length) / mean;
}

test('an open load phase with Poisson arrivals keeps its rate, with random gaps; uniform ones are evenly spaced', async () => {
  for (const arrivals of ['uniform', 'poisson'] as const) {
    const clock = new VirtualClock();
    const { run, procedures, started } = fakeRun(clock);
    const load = loadOf(`{ who: t, rate: 600/min, arrivals: ${arrivals}, for: 60s, mix: { locationUpdate: 1 } }`);
    await clock.settle(runLoadPhase(run, procedures, load, ['208-01'], 'load'));
    // 600 expected; a Poisson count has a standard deviation of about 25.
    expect(started.length).toBeGreaterThan(600 - 5 * 25);
    expect(started.length).toBeLessThan(600 + 5 * 25);
    if (arrivals === 'uniform') expect(started.length).toBe(600);
    const variation = gapVariation(started);
    if (arrivals === 'poisson') expect(variation).toBeGreaterThan(0.85);
    else expect(variation).toBeLessThan(0.01);
  }
});

test('a closed load phase keeps its users busy: each starts again once answered and its think time passed', async () => {
  const clock = new VirtualClock();
  const { run, procedures, started, most } = fakeRun(clock);
  const load = loadOf('{ who: t, users: 5, think: 100ms, for: 2s, mix: { locationUpdate: 1 } }');
  await clock.settle(runLoadPhase(run, procedures, load, ['208-01'], 'load'));
  expect(most()).toBe(5);
  // Each user: 100 ms of procedure, 100 ms of thought: 10 procedures in 2 s.
  expect(started.length).toBe(50);
});

test('a load phase gives a rate or users, and says so', () => {
  const text = (load: string) =>
    `scenario: bad load\nclock: virtual\nworld: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01 }] }\nsubscribers: { t: { count: 2 } }\nsteps:\n  - load: ${load}\n`;
  const both = parseSpecText(text('{ who: t, rate: 5/s, users: 3, for: 10s }'), 'both.roam.yaml');
  expect(both.problems.map((p) => p.message)).toEqual([expect.stringContaining('give either rate (arrivals per second/minute) or users')]);
  const neither = parseSpecText(text('{ who: t, for: 10s }'), 'neither.roam.yaml');
  expect(neither.problems).toHaveLength(1);
  const bursty = parseSpecText(text('{ who: t, rate: 5/s, arrivals: bursty, for: 10s }'), 'bursty.roam.yaml');
  expect(bursty.problems.map((p) => p.path)).toEqual([expect.stringContaining('arrivals')]);
});
