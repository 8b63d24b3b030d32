import { test, expect } from '@playwright/test';
import { startRoamingWorld, type StartedRoamingWorld } from '../world/roaming-world.js';
import type { LinkProtocols } from '../world/link-protocols.js';

// The world's own elements over Diameter: the home HLR served as an HSS over
// S6a and its billing as an OCS over Gy, each VLR their client through the
// same chaos proxies. The same scenarios give the same outcomes as over HTTP.

const OVER: Readonly<Record<'http' | 'diameter', LinkProtocols>> = {
  http: {},
  diameter: { hlr: 'diameter', billing: 'diameter' },
};

async function roamingDay(world: StartedRoamingWorld) {
  const sim = world.simulator;
  const roamer = await world.subscribers.create();
  const [stranger] = sim.createSubscribers({ home: '262-01', provision: false });
  const attach = await world.attach(roamer, { visited: '208-01' });
  const made = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
  const handoff = await sim.handoff(made.correlationId, '214-01');
  await sim.terminateCall(made.correlationId);
  const received = await sim.receiveCall({ subscriber: roamer, callingParty: '+4930123456' });
  await sim.terminateCall(received.correlationId);
  // Back in France: the home network cancels the registration in Spain.
  const back = await world.attach(roamer, { visited: '208-01' });
  await expect.poll(() => world.visitedNetwork('214-01').vlr.records.has(roamer.imsi), { timeout: 10_000 }).toBe(false);
  const detach = await sim.detach(roamer);
  const unknown = await world.attach(stranger!, { visited: '208-01' });
  sim.agreements.bar('262-01', '214-01');
  const barred = await world.attach(roamer, { visited: '214-01' });
  expect(await world.drainCharging(10_000)).toBe(true);
  // Gy counts time in whole seconds (CC-Time, Event-Timestamp): a call is billed to the second, over HTTP as over Diameter.
  const reconciliation = await sim.reconcile({ tolerance: { seconds: 1, startMs: 1_000 } });
  return {
    attach: attach.state,
    handoff: { success: handoff.success, to: handoff.toNetwork },
    back: back.state,
    detach: detach.result,
    servingAfterDetach: world.homeNetwork().hlrElement!.state.find(roamer.imsi)?.servingVlr ?? null,
    unknown: unknown.cause,
    barred: barred.cause,
    billed: world
      .homeNetwork()
      .billedUsage.map((r) => `${r.service} ${r.visitedPlmn}${r.direction ? ` ${r.direction}` : ''}`)
      .sort(),
    reconciliation: {
      matched: reconciliation.matched,
      missing: reconciliation.missing.length,
      duplicated: reconciliation.duplicated.length,
      misRated: reconciliation.misRated.length,
      unexpected: reconciliation.unexpected.length,
    },
  };
}

test('attach, calls made and received, handover, cancel location, detach and rejects: the same over Diameter as over HTTP', async () => {
  test.setTimeout(90_000);
  const results: Record<string, Awaited<ReturnType<typeof roamingDay>>> = {};
  for (const protocol of ['http', 'diameter'] as const) {
    await using world = await startRoamingWorld({ visited: ['208-01', '214-01'], protocols: OVER[protocol] });
    results[protocol] = await roamingDay(world);
  }
  expect(results['http']).toMatchObject({
    attach: 'REGISTERED',
    handoff: { success: true, to: '214-01' },
    back: 'REGISTERED',
    detach: 'success',
    servingAfterDetach: null,
    unknown: 'IMSI_UNKNOWN',
    barred: 'PLMN_NOT_ALLOWED',
    reconciliation: { matched: 3, missing: 0, duplicated: 0, misRated: 0, unexpected: 0 },
  });
  expect(results['http']!.billed).toEqual(expect.arrayContaining(['voice 208-01 mo', 'voice 214-01 mo', 'voice 214-01 mt']));
  expect(results['diameter']).toEqual(results['http']);
});

for (const protocol of ['http', 'diameter'] as const) {
  test(`${protocol} world: partition, latency and reset on the home link reject with NETWORK_FAILURE and recover; so does a crash of the HLR`, async () => {
    test.setTimeout(120_000);
    await using world = await startRoamingWorld({ visited: ['208-01'], protocols: OVER[protocol], requestTimeoutMs: 1_000 });
    const link = world.chaos.link('vlr:208-01 -> hlr:262-01');
    const roamer = await world.subscribers.create();
    const seen: string[] = [];
    const attach = async () => {
      const outcome = await world.attach(roamer, { visited: '208-01' });
      seen.push(outcome.state === 'REGISTERED' ? outcome.state : (outcome.cause ?? outcome.state));
    };
    // A proxy may close a link's connections when a fault goes, so the first request after it can
    // still fail, over HTTP as over Diameter: recovery is a registration within three attempts.
    const recover = async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        if ((await world.attach(roamer, { visited: '208-01' })).state === 'REGISTERED') return seen.push('recovered');
      }
      seen.push('not recovered');
    };

    await attach();
    const blackhole = await link.partition();
    await attach();
    await blackhole.remove();
    await recover();
    const refused = await link.partition({ mode: 'refused' });
    await attach();
    await refused.remove();
    await recover();
    const slow = await link.latency({ ms: 1_500 });
    await attach();
    await slow.remove();
    await recover();
    const tolerable = await link.latency({ ms: 150 });
    await attach();
    await tolerable.remove();
    const reset = await link.reset();
    await attach();
    await reset.remove();
    await recover();
    const hlr = world.homeNetwork().hlrElement!;
    await hlr.crash();
    await attach();
    await hlr.restart({ keepState: true });
    await recover();

    expect(seen).toEqual([
      'REGISTERED',
      'NETWORK_FAILURE', // blackhole partition
      'recovered',
      'NETWORK_FAILURE', // refused partition
      'recovered',
      'NETWORK_FAILURE', // latency beyond the request timeout
      'recovered',
      'REGISTERED', // latency within it
      'NETWORK_FAILURE', // connections reset
      'recovered',
      'NETWORK_FAILURE', // the HLR (and its HSS front) crashed
      'recovered',
    ]);
  });
}

test('diameter world: charging parked while the OCS link is partitioned is replayed once it heals, and billed once', async () => {
  test.setTimeout(90_000);
  await using world = await startRoamingWorld({
    visited: ['208-01'],
    protocols: OVER.diameter,
    requestTimeoutMs: 500,
    charging: { baseDelayMs: 5, maxDelayMs: 50, breakerOpenMs: 100, replayIntervalMs: 50 },
  });
  const sim = world.simulator;
  const roamer = await world.subscribers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  const cut = await world.chaos.link('vlr:208-01 -> billing:262-01').partition();
  for (let i = 0; i < 3; i++) {
    const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
    await sim.terminateCall(call.correlationId);
  }
  const [sender] = [...world.visitedNetwork('208-01').charging.values()];
  await expect.poll(() => sender!.stats.retries + sender!.stats.parked, { timeout: 10_000 }).toBeGreaterThan(0);
  await cut.remove();
  expect(await world.drainCharging(30_000)).toBe(true);
  expect(sender!.deadLetters).toEqual([]);
  const reconciliation = await sim.reconcile({ tolerance: { seconds: 1, startMs: 1_000 } });
  expect(reconciliation.missing, reconciliation.summary).toEqual([]);
  expect(reconciliation.duplicated, reconciliation.summary).toEqual([]);
  expect(world.homeNetwork().billedUsage.filter((r) => r.service === 'voice')).toHaveLength(3);
});

test('a crashed VLR misses its CancelLocation over Diameter as over HTTP, and serves again once restarted', async () => {
  test.setTimeout(90_000);
  const results: Record<string, unknown> = {};
  for (const protocol of ['http', 'diameter'] as const) {
    await using world = await startRoamingWorld({ visited: ['208-01', '214-01'], protocols: OVER[protocol], requestTimeoutMs: 1_000 });
    const roamer = await world.subscribers.create();
    const france = world.visitedNetwork('208-01');
    const first = (await world.attach(roamer, { visited: '208-01' })).state;
    await france.vlrElement.crash();
    const moved = (await world.attach(roamer, { visited: '214-01' })).state;
    await world.homeNetwork().settled();
    // The HLR could not tell the crashed VLR: its (frozen) record stays.
    const staleInFrance = france.vlr.records.has(roamer.imsi);
    await france.vlrElement.restart({ keepState: false });
    const back = (await world.attach(roamer, { visited: '208-01' })).state;
    results[protocol] = { first, moved, staleInFrance, back };
  }
  expect(results['http']).toEqual({ first: 'REGISTERED', moved: 'REGISTERED', staleInFrance: true, back: 'REGISTERED' });
  expect(results['diameter']).toEqual(results['http']);
});

test('diameter world: calls charged while the OCS is crashed are parked, replayed once it restarts with its data, and billed once', async () => {
  test.setTimeout(90_000);
  await using world = await startRoamingWorld({
    visited: ['208-01'],
    protocols: OVER.diameter,
    requestTimeoutMs: 500,
    charging: { baseDelayMs: 5, maxDelayMs: 50, breakerOpenMs: 100, replayIntervalMs: 50 },
  });
  const sim = world.simulator;
  const roamer = await world.subscribers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  const billing = world.homeNetwork().billing;
  await billing.crash();
  for (let i = 0; i < 2; i++) {
    const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
    expect(call.state).toBe('CONNECTED');
    await sim.terminateCall(call.correlationId);
  }
  const [sender] = [...world.visitedNetwork('208-01').charging.values()];
  await expect.poll(() => sender!.stats.retries + sender!.stats.parked, { timeout: 10_000 }).toBeGreaterThan(0);
  await billing.restart({ keepState: true });
  expect(await world.drainCharging(30_000)).toBe(true);
  expect(sender!.deadLetters).toEqual([]);
  const reconciliation = await sim.reconcile({ tolerance: { seconds: 1, startMs: 1_000 } });
  expect(reconciliation.missing, reconciliation.summary).toEqual([]);
  expect(reconciliation.duplicated, reconciliation.summary).toEqual([]);
  expect(billing.state.cdrs.records.filter((r) => r.service === 'voice')).toHaveLength(2);
});
