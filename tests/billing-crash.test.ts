import { test, expect } from '@playwright/test';
import { startRoamingWorld } from '../world/roaming-world.js';

const CALLS = 500;
const CONCURRENCY = 20;

test('billing crashes and restarts in the middle of 500 calls: exactly one CDR per real call, none missing', async () => {
  test.setTimeout(120_000);
  await using world = await startRoamingWorld({
    home: ['262-01'],
    visited: ['208-01'],
    // Short backoffs and breaker so the test spends its time on calls, not waiting.
    charging: { baseDelayMs: 5, maxDelayMs: 50, breakerOpenMs: 100, replayIntervalMs: 50 },
  });
  const sim = world.simulator;
  const roamers = await world.subscribers.createMany({ count: CONCURRENCY });
  for (const roamer of roamers) expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');

  const billing = world.homeNetwork('262-01').billing;
  let started = 0;
  let crashed: Promise<void> | undefined;
  const caller = async (index: number) => {
    const roamer = roamers[index]!;
    while (started < CALLS) {
      started++;
      if (started === Math.floor(CALLS / 3)) {
        // Down for a while (events retry, the breaker opens, the rest is parked), then back with its data.
        crashed = billing.crash().then(async () => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          await billing.restart({ keepState: true });
        });
      }
      const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
      expect(call.state).toBe('CONNECTED');
      await sim.terminateCall(call.correlationId);
    }
  };
  await Promise.all(roamers.map((_, i) => caller(i)));
  await crashed;

  const senders = [...world.visitedNetwork('208-01').charging.values()];
  // The outage really was felt: events were retried or parked, not silently lost.
  expect(senders.some((s) => s.stats.retries + s.stats.parked > 0)).toBe(true);
  expect(await world.drainCharging(30_000)).toBe(true);
  expect(senders.flatMap((s) => s.deadLetters)).toEqual([]);

  const reconciliation = await sim.reconcile();
  expect(reconciliation.missing, reconciliation.summary).toEqual([]);
  expect(reconciliation.duplicated, reconciliation.summary).toEqual([]);
  expect(reconciliation.unexpected).toEqual([]);
  const calls = sim.journal.records.filter((r) => r.service === 'voice');
  expect(calls).toHaveLength(CALLS);
  const cdrs = billing.state.cdrs.records.filter((r) => r.service === 'voice');
  expect(cdrs).toHaveLength(CALLS);
  expect(new Set(cdrs.map((r) => r.sessionId)).size).toBe(CALLS);
});
