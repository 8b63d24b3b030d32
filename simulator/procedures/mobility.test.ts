import { test, expect } from '@playwright/test';
import { RoamingSimulator } from '../simulation/roaming-simulator.js';

function world() {
  const sim = new RoamingSimulator({ seed: 11 });
  const home = sim.registerHomeNetwork('262-01');
  const france = sim.registerVisitedNetwork('208-01');
  const spain = sim.registerVisitedNetwork('214-01');
  const [roamer] = sim.createSubscribers({ home: '262-01', count: 1 });
  return { sim, home, france, spain, roamer: roamer! };
}

test('attach is authentication, then UpdateLocation, then InsertSubscriberData', async () => {
  const { sim, home, france, roamer } = world();
  const outcome = await sim.attach(roamer, '208-01');
  expect(outcome.state).toBe('REGISTERED');
  expect(outcome.steps.map((s) => `${s.from} -> ${s.to}: ${s.name}`)).toEqual([
    'ue -> vlr:208-01: Attach Request',
    'vlr:208-01 -> hlr:262-01: SendAuthInfo',
    'ue -> vlr:208-01: Authentication Response',
    'vlr:208-01 -> hlr:262-01: UpdateLocation',
    'hlr:262-01 -> vlr:208-01: InsertSubscriberData',
    'vlr:208-01 -> billing:262-01: ChargingStart',
  ]);
  expect(france.vlr.records.get(roamer.imsi)).toMatchObject({ msisdn: roamer.msisdn, services: ['voice', 'sms', 'data'] });
  expect(home.hlr.find(roamer.imsi)?.servingVlr).toEqual({ vlrNumber: 'vlr-208-01', plmn: '208-01' });
});

test('periodic and moving location updates in the serving VLR; without a registration the VLR asks for an attach', async () => {
  const { sim, france, roamer } = world();
  const unregistered = await sim.attach(roamer, '208-01').then(() => france.vlr.cancelLocation(roamer.imsi));
  expect(unregistered).toBe(true);
  const refused = await sim.updateLocation(roamer);
  expect(refused).toMatchObject({ result: 'failure', failure: { cause: 'IMSI_UNKNOWN_IN_VLR' } });

  await sim.attach(roamer, '208-01');
  const before = sim.clock.now();
  await sim.elapse(3_600_000);
  const periodic = await sim.updateLocation(roamer, { kind: 'periodic' });
  expect(periodic).toMatchObject({ procedure: 'location_update', result: 'success', visited: '208-01', reply: { lac: 1 } });
  expect(periodic.latencyMs).toBeGreaterThan(15); // radio leg plus the VLR's own work
  expect(france.vlr.records.get(roamer.imsi)!.lastActivityAt).toBeGreaterThan(before + 3_600_000);
  const moving = await sim.updateLocation(roamer, { kind: 'moving', lac: 4711 });
  expect(moving.reply?.lac).toBe(4711);
  expect(france.vlr.records.get(roamer.imsi)!.lac).toBe(4711);
});

test('registering in another network: the home HLR sends CancelLocation to the old VLR', async () => {
  const { sim, home, france, spain, roamer } = world();
  await sim.attach(roamer, '208-01');
  const moved = await sim.moveTo(roamer, '214-01');
  await sim.settled();
  expect(moved.state).toBe('REGISTERED');
  expect(france.vlr.records.has(roamer.imsi)).toBe(false);
  expect(spain.vlr.records.has(roamer.imsi)).toBe(true);
  expect(home.hlr.find(roamer.imsi)?.servingVlr?.plmn).toBe('214-01');
});

test('detach closes the subscriber’s sessions, deletes the VLR record and purges it in the HLR', async () => {
  const { sim, home, france, roamer } = world();
  await sim.attach(roamer, '208-01');
  const data = await sim.openDataSession(roamer);
  expect(france.vlr.activeSessions.data).toBe(1);
  const detached = await sim.detach(roamer);
  expect(detached).toMatchObject({ procedure: 'detach', result: 'success', reply: { closedSessions: 1 } });
  expect(detached.steps.map((s) => s.name)).toEqual(['IMSI Detach Indication', 'ChargingStop (data)', 'PurgeMS']);
  expect(france.vlr.records.has(roamer.imsi)).toBe(false);
  expect(france.vlr.activeSessions.data).toBe(0);
  expect(home.hlr.find(roamer.imsi)?.servingVlr).toBeNull();
  expect(sim.servingNetworkOf(roamer)).toBeUndefined();
  expect(data.open).toBe(true); // the phone did not close it; the network did
});

test('a data session reports its volumes to billing: start, interims, stop; the phone’s count is ground truth', async () => {
  const { sim, home, roamer } = world();
  await sim.attach(roamer, '208-01');
  const session = await sim.openDataSession(roamer, { apn: 'internet' });
  expect(session.open).toBe(true);
  await sim.elapse(15 * 60_000);
  expect(await session.report(120_000, 3_000_000)).toBe(true);
  await sim.elapse(15 * 60_000);
  expect(await session.report(80_000, 1_000_000)).toBe(true);
  expect(await session.close(1_000, 9_000)).toBe(true);
  expect(session.bytes).toBe(4_210_000);
  const events = home.ledger.events().filter((e) => e.service === 'data');
  expect(events.map((e) => `${e.kind}:${e.usage?.bytes ?? '-'}`)).toEqual(['start:-', 'interim:3120000', 'interim:1080000', 'stop:10000']);
  expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(4);
  expect(sim.journal.records).toEqual([
    expect.objectContaining({ service: 'data', bytes: 4_210_000, visitedPlmn: '208-01', sessionId: session.sessionId }),
  ]);
  await expect(session.report(1, 1)).rejects.toThrow(/the session is not open/);
});

test('a subscription without data is refused a data session (GPRS not allowed)', async () => {
  const { sim } = world();
  const noData = sim.registerSubscriber({ imsi: '262010000000001', msisdn: '+4915100000001', services: ['voice', 'sms'] });
  await sim.attach(noData, '208-01');
  const session = await sim.openDataSession(noData);
  expect(session.open).toBe(false);
  expect(session.failure).toMatchObject({ cause: 'GPRS_NOT_ALLOWED' });
});

test('SMS: MO goes to the home SMSC and is charged per segment; MT is delivered and not charged', async () => {
  const { sim, home, roamer } = world();
  await sim.attach(roamer, '208-01');
  const mo = await sim.sendSms(roamer, '+4915199999999', 3);
  expect(mo).toMatchObject({ procedure: 'sms_mo', result: 'success', reply: { direction: 'mo' } });
  expect(mo.steps.map((s) => s.name)).toEqual(['CP-DATA (RP-MO-DATA)', 'MO-ForwardSM', 'ChargingEvent (sms)']);
  const mt = await sim.deliverSms(roamer, '+4915188888888');
  expect(mt).toMatchObject({ procedure: 'sms_mt', result: 'success', reply: { direction: 'mt' } });
  expect(home.ledger.events().filter((e) => e.service === 'sms')).toEqual([
    expect.objectContaining({ kind: 'event', usage: { messages: 3 } }),
  ]);
  expect(sim.journal.records.map((r) => `${r.service}:${r.messages}`)).toEqual(['sms:3']);
});

test('a call to the roamer (MT) is delivered in the serving network without a new HLR lookup', async () => {
  const { sim, roamer } = world();
  await sim.attach(roamer, '214-01');
  const call = await sim.receiveCall({ subscriber: roamer, callingParty: '+4930123456' });
  expect(call.path).toEqual(['IDLE', 'LOCATION_REQUEST', 'CALL_SETUP', 'CONNECTED']);
  expect(call.timings).toMatchObject({ hlrLookupMs: null, vlrRegistrationMs: null });
  expect(call.steps[0]).toMatchObject({ name: 'Call Confirmed', to: 'vlr:214-01' });
  await sim.terminateCall(call.correlationId);
  expect((await sim.reconcile()).clean).toBe(true);
});
