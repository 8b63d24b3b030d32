import { test, expect } from '@playwright/test';
import { formatDrillReport, runDrill, type DrillDefinition } from '../chaos/index.js';
import { startRoamingWorld } from '../world/roaming-world.js';

const VLR_TO_HLR = 'vlr:208-01 -> hlr:262-01';
const UE_TO_VLR = 'ue -> vlr:208-01';

test('a drill with a steady-state gate, two timed faults and rollbacks reports recovery times', async () => {
  test.setTimeout(60_000);
  await using world = await startRoamingWorld({ visited: ['208-01'] });
  const [loadRoamer, ...roamers] = await world.subscribers.createMany({ count: 4 });
  // One probe run: every roamer attaches once, one after another.
  const attachRound = async () => {
    const outcomes = [];
    for (const roamer of roamers) outcomes.push(await world.attach(roamer, { visited: '208-01' }));
    return outcomes;
  };
  let lastRound: Awaited<ReturnType<typeof attachRound>> = [];
  // Warm up (first attaches pay for JIT and connection setup), so the gate measures the steady state.
  for (let i = 0; i < 2; i++) await attachRound();
  const rolledBack: string[] = [];

  const drill: DrillDefinition = {
    title: 'HLR unreachable from France, then a slow radio link',
    steadyState: {
      title: 'roamers attach, quickly',
      probes: [
        {
          name: 'attach success rate',
          probe: async () => {
            lastRound = await attachRound();
            return lastRound.filter((a) => a.state === 'REGISTERED').length / lastRound.length;
          },
          tolerance: '>= 0.99',
        },
        {
          name: 'slowest attach, ms',
          probe: () => Math.max(...lastRound.map((a) => a.latencyMs)),
          tolerance: '< 250',
        },
      ],
    },
    method: [
      { at: 0, for: '800ms', fault: { link: VLR_TO_HLR, type: 'partition', mode: 'refused' }, label: 'inter-PLMN partition' },
      { at: '1.8s', for: '800ms', fault: { link: UE_TO_VLR, type: 'latency', ms: 300, direction: 'forward' }, label: 'slow access link' },
      {
        at: 0,
        for: '2s',
        load: {
          name: 'background attaches',
          ratePerSecond: 10,
          concurrency: 1,
          run: async () => (await world.attach(loadRoamer!, { visited: '208-01' })).state === 'REGISTERED',
        },
      },
    ],
    rollbacks: [
      { name: 'clear every fault on the world', run: async () => void (await world.chaos.clearFaults(), rolledBack.push('cleared')) },
    ],
    recovery: { pollEvery: '50ms', timeout: '10s' },
  };

  const report = await runDrill(drill, { target: world.chaos });
  test.info().annotations.push({ type: 'drill', description: formatDrillReport(report) });

  expect(report.status, formatDrillReport(report)).toBe('passed');
  expect(report.before.holds).toBe(true);
  const [partition, slow] = report.faults;
  expect(partition).toMatchObject({
    label: 'inter-PLMN partition',
    link: VLR_TO_HLR,
    description: 'partition both (refused)',
    recovered: true,
  });
  expect(slow).toMatchObject({ label: 'slow access link', link: UE_TO_VLR, recovered: true });
  for (const fault of [partition!, slow!]) {
    expect(fault.endedAtMs! - fault.startedAtMs!).toBeGreaterThanOrEqual(790);
    expect(fault.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(fault.recoveryMs).toBeLessThan(5_000);
  }
  // Each fault starts at its time after the method began (plus the time to inject it).
  const methodStart = report.timeline.find((e) => e.event === 'method-started')!.atMs;
  expect(partition!.startedAtMs! - methodStart).toBeGreaterThanOrEqual(0);
  expect(slow!.startedAtMs! - methodStart).toBeGreaterThanOrEqual(1_795);
  // The partition recovered before the second fault began, so its recovery is its own.
  expect(partition!.endedAtMs! + partition!.recoveryMs!).toBeLessThan(slow!.startedAtMs!);
  expect(report.timeline.filter((e) => e.event === 'recovered')).toHaveLength(2);
  for (const fault of [partition!, slow!]) expect(fault.recoveryConfirmedMs).toBeGreaterThanOrEqual(fault.recoveryMs!);
  // The partition was real: attaches under load failed while it was in effect.
  const [load] = report.loads;
  expect(load!.failed).toBeGreaterThan(0);
  expect(load!.succeeded).toBeGreaterThan(0);
  expect(rolledBack).toEqual(['cleared']);
  expect(report.rollbacks).toEqual([{ name: 'clear every fault on the world', ok: true }]);
  for (const link of world.links) {
    expect(await world.chaos.toxicsOn(link.name)).toEqual([]);
    expect(await world.chaos.isEnabled(link.name)).toBe(true);
  }
  expect(report.durationMs).toBeLessThan(20_000);
});

test('a drill that names an unknown link fails before anything is injected', async () => {
  await using world = await startRoamingWorld({ visited: ['208-01'] });
  const drill: DrillDefinition = {
    title: 'typo',
    steadyState: { probes: [{ name: 'up', probe: () => true, tolerance: true }] },
    method: [
      { at: 0, for: 100, fault: { link: VLR_TO_HLR, type: 'partition' } },
      { at: 0, for: 100, fault: { link: 'vlr:208-01 -> hlr:999-99', type: 'partition' } },
    ],
  };
  await expect(runDrill(drill, { target: world.chaos })).rejects.toThrow(
    /method\[1\]\.fault\.link is "vlr:208-01 -> hlr:999-99": no link has this name/,
  );
  expect(world.chaos.activeFaults()).toEqual([]);
  expect(await world.chaos.toxicsOn(VLR_TO_HLR)).toEqual([]);
});

test('a drill longer than the limit is refused before anything is injected, naming the field and the limit', async () => {
  await using world = await startRoamingWorld({ visited: ['208-01'] });
  const drill: DrillDefinition = {
    title: 'a typo of 90m for 90s',
    steadyState: { probes: [{ name: 'up', probe: () => true, tolerance: true }] },
    method: [{ at: '1s', for: '90m', fault: { link: VLR_TO_HLR, type: 'partition' } }],
  };
  await expect(runDrill(drill, { target: world.chaos })).rejects.toThrow(/method runs for 5401 s, longer than the limit of 30 minutes/);
  const slowRecovery: DrillDefinition = {
    ...drill,
    method: [{ at: 0, for: 100, fault: { link: VLR_TO_HLR, type: 'partition' } }],
    recovery: { timeout: '120m' },
  };
  await expect(runDrill(slowRecovery, { target: world.chaos })).rejects.toThrow(
    /recovery\.timeout is 7200 s, longer than the limit of 30 minutes/,
  );
  expect(world.chaos.activeFaults()).toEqual([]);
});
