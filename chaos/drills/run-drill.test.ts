import { test, expect } from '@playwright/test';
import type { ActiveFault } from '../fault.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import { ChaosError } from '../chaos-error.js';
import { compileTolerance, defineDrill, formatDrillReport, runDrill, type DrillDefinition, type DrillTarget } from './index.js';
import { VirtualClock } from '../../core/virtual-clock.js';

/** Runs a drill on the virtual clock: time jumps ahead whenever the drill waits. */
function runVirtual(drill: DrillDefinition, options: Parameters<typeof runDrill>[1] & { clock: VirtualClock }) {
  return options.clock.settle(runDrill(drill, options));
}

/** A target with no sockets: it remembers which faults are in effect, on a virtual clock. */
function fakeTarget(clock: VirtualClock, options: { failOn?: string } = {}) {
  const injected: string[] = [];
  const active = new Set<string>();
  let lastEnd = -Infinity;
  const target: DrillTarget & { injected: string[]; active: Set<string>; sinceLastEnd(): number } = {
    injected,
    active,
    sinceLastEnd: () => clock.monotonic() - lastEnd,
    checkFault(spec: FaultSpec) {
      if (spec.link !== 'a -> b' && spec.link !== 'c -> d') {
        throw new ChaosError('ROAM_CHAOS_UNKNOWN_LINK', `find link "${spec.link}"`, 'no link has this name', 'Known links: a -> b, c -> d');
      }
      if (spec.type === 'loss' && spec.percent > 100)
        throw new ChaosError('ROAM_CHAOS_BAD_FAULT', 'add loss', `percent is ${spec.percent}, over 100`, 'Give percent from 0 to 100');
    },
    async inject(spec: FaultSpec): Promise<ActiveFault> {
      if (options.failOn === spec.type) throw new Error(`backend refused ${spec.type}`);
      const id = `${spec.type}@${spec.link}`;
      injected.push(id);
      active.add(id);
      let endedAt: number | undefined;
      const fault = {
        link: spec.link,
        kind: 'latency' as const,
        description: id,
        per: 'request' as const,
        embeddedOnly: false,
        toxics: [],
        startedAt: Date.now(),
        get endedAt() {
          return endedAt;
        },
        retune: async (changes: Record<string, unknown>) => void injected.push(`retune ${JSON.stringify(changes)}`),
        remove: async () => {
          if (active.delete(id)) lastEnd = clock.monotonic();
          endedAt = Date.now();
        },
        [Symbol.asyncDispose]: async () => fault.remove(),
      };
      return fault;
    },
  };
  return target;
}

/** Holds while no fault is active and 300 ms have passed since the last one ended. */
function drillOn(target: ReturnType<typeof fakeTarget>, overrides: Partial<DrillDefinition> = {}): DrillDefinition {
  return defineDrill({
    title: 'two faults',
    steadyState: {
      probes: [
        { name: 'healthy', probe: () => (target.active.size === 0 && target.sinceLastEnd() >= 300 ? 1 : 0), tolerance: '>= 0.99' },
        { name: 'always', probe: () => true, tolerance: true },
      ],
    },
    method: [
      { at: 0, for: '1s', fault: { link: 'a -> b', type: 'partition', mode: 'refused' } },
      { at: '2s', for: 500, fault: { link: 'c -> d', type: 'latency', ms: 100 }, label: 'slow c' },
    ],
    rollbacks: [{ name: 'say goodbye', run: () => undefined }],
    recovery: { pollEvery: 50, timeout: '5s' },
    ...overrides,
  });
}

test('a drill records when each fault started and ended, and how long recovery took', async () => {
  const clock = new VirtualClock();
  const target = fakeTarget(clock);
  const report = await runVirtual(drillOn(target), { target, clock });
  expect(report.status).toBe('passed');
  expect(report.before.holds).toBe(true);
  expect(report.after?.holds).toBe(true);
  expect(report.faults).toEqual([
    expect.objectContaining({ label: 'partition@a -> b', startedAtMs: 0, endedAtMs: 1000, recovered: true, recoveryMs: 300 }),
    expect.objectContaining({ label: 'slow c', startedAtMs: 2000, endedAtMs: 2500, recovered: true, recoveryMs: 300 }),
  ]);
  expect(report.timeline.map((e) => e.event)).toEqual([
    'hypothesis-before',
    'method-started',
    'fault-started',
    'fault-ended',
    'recovered',
    'fault-started',
    'fault-ended',
    'recovered',
    'method-ended',
    'hypothesis-after',
    'rollback',
  ]);
  expect(report.rollbacks).toEqual([{ name: 'say goodbye', ok: true }]);
  expect(formatDrillReport(report)).toContain('fault slow c on c -> d: 2000 ms → 2500 ms, recovery 300 ms (confirmed at 300 ms)');
});

test('a failed steady-state gate skips the method but still rolls back', async () => {
  const clock = new VirtualClock();
  const target = fakeTarget(clock);
  const rolledBack: string[] = [];
  const drill = drillOn(target, {
    steadyState: { probes: [{ name: 'broken', probe: () => 0.5, tolerance: { min: 0.99 } }] },
    rollbacks: [{ name: 'restore', run: () => void rolledBack.push('restore') }],
  });
  const report = await runVirtual(drill, { target, clock });
  expect(report.status).toBe('gate-failed');
  expect(report.before.probes).toEqual([{ name: 'broken', value: 0.5, tolerance: '0.99 to Infinity', ok: false }]);
  expect(target.injected).toEqual([]);
  expect(rolledBack).toEqual(['restore']);
});

test('an unrecovered fault is reported as such, and the drill as deviated', async () => {
  const clock = new VirtualClock();
  const target = fakeTarget(clock);
  let broken = false;
  const drill = drillOn(target, {
    steadyState: { probes: [{ name: 'up', probe: () => !broken, tolerance: true }] },
    method: [{ at: 0, for: 100, fault: { link: 'a -> b', type: 'reset' } }],
    rollbacks: [{ name: 'break it', run: () => undefined }],
    recovery: { pollEvery: 100, timeout: 1000 },
  });
  const original = target.inject.bind(target);
  target.inject = async (spec) => {
    broken = true;
    return original(spec);
  };
  const report = await runVirtual(drill, { target, clock });
  expect(report.status).toBe('deviated');
  expect(report.faults[0]).toMatchObject({ recovered: false, recoveryMs: undefined });
});

test('rollbacks always run: after a failed injection, and after an abort', async () => {
  const clock = new VirtualClock();
  const failing = fakeTarget(clock, { failOn: 'latency' });
  const overlapping = drillOn(failing, {
    method: [
      { at: 0, for: '1s', fault: { link: 'a -> b', type: 'partition' } },
      { at: '500ms', for: '1s', fault: { link: 'c -> d', type: 'latency', ms: 100 } },
    ],
  });
  const failed = await runVirtual(overlapping, { target: failing, clock });
  expect(failed.status).toBe('failed');
  expect(failed.error).toBe('backend refused latency');
  // The partition still in effect was taken away at once, then the rollbacks ran.
  expect(failing.active.size).toBe(0);
  expect(failed.faults[0]).toMatchObject({ startedAtMs: 0, endedAtMs: 500 });
  expect(failed.rollbacks.map((r) => r.name)).toEqual(['say goodbye']);

  const target = fakeTarget(clock);
  const abort = new AbortController();
  const running = runVirtual(
    drillOn(target, {
      rollbacks: [
        { name: 'boom', run: () => Promise.reject(new Error('rollback failed')) },
        { name: 'next', run: () => undefined },
      ],
    }),
    {
      target,
      clock,
      signal: abort.signal,
    },
  );
  while (target.active.size === 0) await new Promise((resolve) => setImmediate(resolve));
  abort.abort('operator stopped it');
  const report = await running;
  expect(report.status).toBe('aborted');
  expect(target.active.size).toBe(0);
  expect(report.rollbacks).toEqual([
    { name: 'boom', ok: false, error: 'rollback failed' },
    { name: 'next', ok: true },
  ]);
});

test('an invalid drill fails before anything is injected, naming the field', async () => {
  const clock = new VirtualClock();
  const target = fakeTarget(clock);
  const attempt = (overrides: Partial<DrillDefinition>) => runVirtual(drillOn(target, overrides), { target, clock });
  await expect(attempt({ method: [{ at: 0, for: -5, fault: { link: 'a -> b', type: 'reset' } }] })).rejects.toThrow(
    '[roam] Failed to run drill "two faults": method[0].for is -5: -5 is negative; a duration is 0 or more. Fix the drill definition; nothing was injected.',
  );
  await expect(attempt({ method: [{ at: 0, for: 10, fault: { link: 'x -> y', type: 'reset' } }] })).rejects.toThrow(
    /method\[0\]\.fault\.link is "x -> y": no link has this name \(Known links: a -> b, c -> d\)/,
  );
  await expect(
    attempt({
      method: [
        { at: 0, for: 10, fault: { link: 'a -> b', type: 'reset' } },
        { at: 0, for: 10, fault: { link: 'a -> b', type: 'loss', percent: 150 } },
      ],
    }),
  ).rejects.toThrow(/method\[1\]\.fault\.percent is 150, over 100/);
  await expect(attempt({ steadyState: { probes: [{ name: 'p', probe: () => 1, tolerance: '~ 3' }] } })).rejects.toThrow(
    /steadyState\.probes\[0\]\.tolerance is "~ 3": not a tolerance/,
  );
  await expect(
    attempt({ method: [{ at: 0, for: 10, fault: { link: 'a -> b', type: 'partition' }, ramp: { field: 'ms', from: 1, to: 2 } }] }),
  ).rejects.toThrow(/method\[0\]\.ramp cannot change a partition fault/);
  await expect(attempt({ method: [{ at: 0, for: 10 } as never] })).rejects.toThrow(/method\[0\] has neither fault nor load/);
  await expect(attempt({ recovery: { timeout: 'soon' } })).rejects.toThrow(/recovery\.timeout is "soon"/);
  expect(target.injected).toEqual([]);
});

test('ramps retune a fault in steps; load runs at a ramping rate', async () => {
  const clock = new VirtualClock();
  const target = fakeTarget(clock);
  const calls: number[] = [];
  const drill = drillOn(target, {
    method: [
      { at: 0, for: 1000, fault: { link: 'a -> b', type: 'latency', ms: 0 }, ramp: { field: 'ms', from: 100, to: 500, steps: 5 } },
      {
        at: 0,
        for: 2000,
        load: { name: 'attach', ratePerSecond: { from: 10, to: 30 }, run: async () => void calls.push(clock.monotonic()) },
      },
    ],
  });
  const report = await runVirtual(drill, { target, clock });
  expect(target.injected).toEqual(['latency@a -> b', 'retune {"ms":200}', 'retune {"ms":300}', 'retune {"ms":400}', 'retune {"ms":500}']);
  // 2 s at a rate ramping 10 -> 30 per second: 40 calls.
  expect(report.loads).toEqual([{ name: 'attach', attempts: 40, succeeded: 40, failed: 0, skipped: 0 }]);
  expect(calls.filter((t) => t < 1000).length).toBeLessThan(calls.filter((t) => t >= 1000).length);
});

test('tolerances: comparisons, exact values, ranges and predicates', () => {
  expect(compileTolerance('>= 0.99')!.accepts(0.99)).toBe(true);
  expect(compileTolerance('< 500')!.accepts(500)).toBe(false);
  expect(compileTolerance('== true')!.accepts(true)).toBe(true);
  expect(compileTolerance('!= 0')!.accepts(1)).toBe(true);
  expect(compileTolerance(200)!.accepts(200)).toBe(true);
  expect(compileTolerance({ min: 1, max: 2 })!.accepts(3)).toBe(false);
  expect(compileTolerance((v) => v === 7)!.accepts(7)).toBe(true);
  expect(compileTolerance('> true')).toBeUndefined();
  expect(compileTolerance('about 5')).toBeUndefined();
});
