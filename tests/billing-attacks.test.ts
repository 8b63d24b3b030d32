import { test, expect } from '@playwright/test';
import { startRoamingWorld } from '../world/roaming-world.js';

// Reconciliation attacked over real sockets: a VLR that loses its state, and a charging event forged
// for another subscriber. Billing must keep every real call apart and refuse what it cannot trust.

const CALLED = '+33612345678';

test('a VLR restarted without its state keeps its session ids unique: both calls are billed, each once', async () => {
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
  const sim = world.simulator;
  const roamer = await world.subscribers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  const first = await sim.initiateCall({ subscriber: roamer, calledParty: CALLED });
  await sim.terminateCall(first.correlationId);

  await world.visitedNetwork('208-01').vlrElement.restart({ keepState: false });
  // The new VLR knows nobody: the phone registers again before its next call, retrying as phones
  // do when the first attempt meets a connection the restart closed.
  let again = await world.attach(roamer, { visited: '208-01' });
  for (let attempt = 2; attempt <= 3 && again.state === 'FAILED'; attempt++) again = await world.attach(roamer, { visited: '208-01' });
  expect(again.state, again.error).toBe('REGISTERED');
  const second = await sim.initiateCall({ subscriber: roamer, calledParty: CALLED });
  await sim.terminateCall(second.correlationId);
  expect(await world.drainCharging(10_000)).toBe(true);

  const cdrs = world.homeNetwork('262-01').billing.state.cdrs.records.filter((r) => r.service === 'voice');
  expect(cdrs).toHaveLength(2);
  expect(new Set(cdrs.map((r) => r.sessionId)).size).toBe(2);
  const reconciliation = await sim.reconcile();
  expect(reconciliation.summary.split('\n')[0]).toBe(
    '2 usage records, 2 billed: 2 matched, 0 missing, 0 duplicated, 0 mis-rated, 0 unexpected',
  );
  expect(reconciliation.clean, reconciliation.summary).toBe(true);
});

test('a charging event forged for another subscriber is refused with 401, and billing says whom it refused', async () => {
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
  const sim = world.simulator;
  const [roamer, victim] = await world.subscribers.createMany({ count: 2 });
  expect((await world.attach(roamer!, { visited: '208-01' })).state).toBe('REGISTERED');
  const billing = world.homeNetwork('262-01').billing;
  const forge = (authorization?: string) =>
    fetch(`${billing.url}/billing/v1/charging-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({
        idempotencyKey: 'forged:start:1',
        kind: 'event',
        sessionId: 'vlr-208-01-sms-1',
        imsi: victim!.imsi,
        visitedPlmn: '208-01',
        service: 'sms',
        at: Date.now(),
        usage: { messages: 50 },
      }),
    });

  const anonymous = await forge();
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect(((await anonymous.json()) as { detail: string }).detail).toMatch(/no credential/);
  const spoofed = await forge('Bearer vlr:208-01.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(spoofed.status).toBe(401);
  expect(((await spoofed.json()) as { detail: string }).detail).toMatch(/vlr:208-01.*does not verify/);

  // Real traffic from the world's own VLR still gets through.
  await sim.sendSms(roamer!, '+4915100000000');
  expect(await world.drainCharging(10_000)).toBe(true);
  const rejected = await world.billing('262-01').intakeRejections();
  expect(rejected.map((r) => [r.element, r.status])).toEqual([
    ['(anonymous)', 401],
    ['vlr:208-01', 401],
  ]);
  expect(rejected.every((r) => !JSON.stringify(r).includes(victim!.imsi))).toBe(true);
  expect(billing.state.cdrs.records.map((r) => r.imsi)).toEqual([roamer!.imsi]);
  const reconciliation = await sim.reconcile();
  expect(reconciliation.clean, reconciliation.summary).toBe(true);
});
