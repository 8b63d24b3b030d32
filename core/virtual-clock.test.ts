import { test, expect } from '@playwright/test';
import { VirtualClock, VirtualClockBusyError, VirtualClockRunawayError, VirtualClockStalledError } from './virtual-clock.js';

test('time jumps to each timer in order; nothing really sleeps', async () => {
  const clock = new VirtualClock({ startAt: '2025-06-01T00:00:00Z' });
  const seen: string[] = [];
  const at = async (ms: number, name: string) => {
    await clock.sleep(ms);
    seen.push(`${name}@${clock.monotonic()}`);
  };
  void at(3_600_000, 'hour');
  void at(10, 'ten');
  void at(250, 'quarter');
  const wall = performance.now();
  const summary = await clock.run();
  expect(performance.now() - wall).toBeLessThan(1000);
  expect(seen).toEqual(['ten@10', 'quarter@250', 'hour@3600000']);
  expect(summary).toEqual({ firedTimers: 3, elapsedMs: 3_600_000 });
  expect(new Date(clock.now()).toISOString()).toBe('2025-06-01T01:00:00.000Z');
});

test('timers due at the same time fire in the order they were scheduled', async () => {
  const clock = new VirtualClock();
  const seen: number[] = [];
  for (let i = 0; i < 20; i++) void clock.sleep(5).then(() => seen.push(i));
  await clock.run();
  expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
});

test('everything a woken procedure does before its next wait happens before time moves on', async () => {
  const clock = new VirtualClock();
  const log: string[] = [];
  const deep = async (depth: number): Promise<void> => {
    if (depth > 0) await deep(depth - 1);
  };
  void (async () => {
    await clock.sleep(10);
    await deep(50); // many microtask hops
    log.push(`a done at ${clock.monotonic()}`);
    await clock.sleep(0);
    log.push(`a again at ${clock.monotonic()}`);
  })();
  void clock.sleep(10.5).then(() => log.push(`b at ${clock.monotonic()}`));
  await clock.run();
  expect(log).toEqual(['a done at 10', 'a again at 10', 'b at 10.5']);
});

test('settle runs the clock until the work is done, and returns its result', async () => {
  const clock = new VirtualClock();
  const work = (async () => {
    await clock.sleep(1000);
    await clock.sleep(500);
    return 'done';
  })();
  expect(await clock.settle(work)).toBe('done');
  expect(clock.monotonic()).toBe(1500);
  // Right after one settle, another settle or a run works.
  expect(await clock.settle(clock.sleep(1).then(() => 1))).toBe(1);
  void clock.sleep(1);
  await expect(clock.run()).resolves.toEqual({ firedTimers: 1, elapsedMs: 1 });
});

test('run for a slice of time stops there, leaving later timers scheduled', async () => {
  const clock = new VirtualClock();
  void clock.sleep(100);
  void clock.sleep(5000);
  expect(await clock.run({ forMs: 1000 })).toEqual({ firedTimers: 1, elapsedMs: 1000 });
  expect(clock.pendingTimers).toBe(1);
});

test('work that waits on something the clock can never fire fails with a typed error, not a hang', async () => {
  const clock = new VirtualClock();
  const never = new Promise<void>(() => {});
  const stuck = (async () => {
    await clock.sleep(10);
    await never;
  })();
  await expect(clock.settle(stuck)).rejects.toThrow(VirtualClockStalledError);
  await expect(clock.settle(stuck)).rejects.toThrow(/at 10 ms work is still waiting but no timer is scheduled/);
});

test('a loop that never stops is cut off by the timer limit', async () => {
  const clock = new VirtualClock({ maxTimers: 1000 });
  void (async () => {
    for (let i = 0; i < 10_000_000; i++) await clock.sleep(1);
  })();
  await expect(clock.run()).rejects.toThrow(VirtualClockRunawayError);
});

test('a second run while one is in progress is refused; a bad duration is a typed error', async () => {
  const clock = new VirtualClock();
  void clock.sleep(10);
  const first = clock.run();
  await expect(clock.run()).rejects.toThrow(VirtualClockBusyError);
  await first;
  await expect(clock.sleep(NaN)).rejects.toThrow(/sleep for NaN ms on the virtual clock: the duration is not a finite number/);
  expect(() => new VirtualClock({ startAt: 'yesterday' })).toThrow(/start a virtual clock at "yesterday": it is not a date/);
});

test('an aborted sleep rejects with the reason and does not move time', async () => {
  const clock = new VirtualClock();
  const stop = new AbortController();
  const aborted = clock.sleep(60_000, stop.signal);
  const short = clock.sleep(5).then(() => clock.monotonic());
  expect(clock.pendingTimers).toBe(2);
  stop.abort('operator stopped it');
  await expect(aborted).rejects.toBe('operator stopped it');
  expect(clock.pendingTimers).toBe(1);
  await clock.run();
  expect(await short).toBe(5);
  expect(clock.monotonic()).toBe(5);
  await expect(clock.sleep(1, stop.signal)).rejects.toBe('operator stopped it');
});
