import { test, expect } from '@playwright/test';
import { Faker, en, base } from '@faker-js/faker';
import { realClock } from '../../core/clock.js';
import { EventLog } from '../roaming-events.js';
import { IdentityHasher } from '../identity-hasher.js';
import { RoamingAgreements } from '../policy/agreements.js';
import { HomeLocationRegister } from '../elements/home-location-register.js';
import { VisitorLocationRegister } from '../elements/visitor-location-register.js';
import { directCharging, directHomeNetwork, directVisitedNetworks } from '../elements/direct-ports.js';
import { ChargingLedger } from '../billing/charging-ledger.js';
import { SubscriberFactory, type Subscriber } from '../subscriber.js';
import { runAttach } from './attach.js';
import type { PlmnId } from '../plmn.js';

function world(options: { agreements?: [string, string][] } = {}) {
  const agreements = new RoamingAgreements();
  for (const [h, v] of options.agreements ?? [
    ['262-01', '208-01'],
    ['262-01', '214-01'],
  ])
    agreements.add(h, v);
  const vlrs: VisitorLocationRegister[] = [];
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements, visitedNetworks: directVisitedNetworks(() => vlrs) });
  const ledger = new ChargingLedger();
  for (const plmn of ['208-01', '214-01'] as PlmnId[]) {
    const vlrNumber = `vlr-${plmn}`;
    vlrs.push(
      new VisitorLocationRegister({
        plmn,
        vlrNumber,
        clock: realClock,
        homeNetworks: new Map([['262-01' as PlmnId, directHomeNetwork(hlr, { vlrNumber })]]),
        charging: directCharging(ledger),
      }),
    );
  }
  const factory = new SubscriberFactory(new Faker({ locale: [en, base], seed: 3 }));
  const provision = (s: Subscriber, roaming?: { allowed?: boolean; networks?: string[] }) => {
    const { k, opc } = s.credentials.reveal();
    hlr.provision({ imsi: s.imsi, msisdn: s.msisdn, k, opc, ...(roaming ? { roaming } : {}) });
    return s;
  };
  const events = new EventLog();
  const hasher = new IdentityHasher('test-key');
  let n = 0;
  const attach = (subscriber: Subscriber, visited: PlmnId) =>
    runAttach({
      subscriber,
      visited,
      access: vlrs.find((v) => v.plmn.id === visited)!,
      clock: realClock,
      hasher,
      events: events.sink,
      correlationId: `c${++n}`,
    });
  return { hlr, vlrs, ledger, factory, provision, attach, events, hasher };
}

test('a provisioned roamer attaches: authentication, update location, billing start', async () => {
  const w = world();
  const roamer = w.provision(w.factory.create({ home: '262-01' })[0]!);
  const outcome = await w.attach(roamer, '208-01');
  expect(outcome.state).toBe('REGISTERED');
  expect(outcome.path).toEqual(['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED']);
  expect(outcome.steps.map((s) => `${s.name}:${s.result}`)).toEqual([
    'Attach Request:ok',
    'SendAuthInfo:ok',
    'Authentication Response:ok',
    'UpdateLocation:ok',
    'InsertSubscriberData:ok',
    'ChargingStart:ok',
  ]);
  expect(w.hlr.find(roamer.imsi)?.servingVlr).toEqual({ vlrNumber: 'vlr-208-01', plmn: '208-01' });
  expect(w.vlrs[0]!.records.has(roamer.imsi)).toBe(true);
  expect(w.ledger.events()).toEqual([
    expect.objectContaining({ kind: 'start', service: 'registration', imsi: roamer.imsi, visitedPlmn: '208-01' }),
  ]);
});

test('events carry the pseudonym, the transition and the correlation id; never K, OPc or the IMSI', async () => {
  const w = world();
  const roamer = w.provision(w.factory.create({ home: '262-01' })[0]!);
  await w.attach(roamer, '208-01');
  const lines = w.events.toJsonLines();
  expect(w.events.events.map((e) => e.transition?.to)).toEqual(['AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED']);
  expect(new Set(w.events.events.map((e) => e.subscriber_id))).toEqual(new Set([w.hasher.subscriber(roamer.imsi)]));
  expect(w.events.events.at(-1)).toMatchObject({
    event_type: 'attach',
    result: 'success',
    visited_mcc_mnc: '208-01',
    failure_reason: null,
    correlation_id: 'c1',
  });
  const { k, opc } = roamer.credentials.reveal();
  for (const secret of [k, opc, roamer.imsi, roamer.msisdn.slice(1)]) expect(lines).not.toContain(secret);
});

test('a cloned SIM with the wrong K fails authentication and is not registered', async () => {
  const w = world();
  const real = w.provision(w.factory.create({ home: '262-01' })[0]!);
  const clone = real.cloneWithKeys('00112233445566778899aabbccddeeff', real.credentials.reveal().opc);
  const outcome = await w.attach(clone, '208-01');
  expect(outcome.state).toBe('REJECTED');
  expect(outcome.cause).toBe('MAC_FAILURE');
  expect(w.hlr.find(real.imsi)?.servingVlr).toBeNull();
  expect(w.ledger.size).toBe(0);
});

test('a SIM whose SQN is ahead resynchronises with AUTS and then attaches', async () => {
  const w = world();
  const roamer = w.provision(w.factory.create({ home: '262-01' })[0]!);
  roamer.usim.setSqn(32 * 5000);
  const outcome = await w.attach(roamer, '208-01');
  expect(outcome.state).toBe('REGISTERED');
  expect(outcome.steps.map((s) => s.name)).toContain('SendAuthInfo (resync)');
  expect(w.hlr.find(roamer.imsi)!.seq).toBeGreaterThan(5000);
});

test('no agreement: the home HLR rejects with PLMN_NOT_ALLOWED and nothing is charged', async () => {
  const w = world({ agreements: [['262-01', '214-01']] });
  const roamer = w.provision(w.factory.create({ home: '262-01' })[0]!);
  const outcome = await w.attach(roamer, '208-01');
  expect(outcome).toMatchObject({
    state: 'REJECTED',
    cause: 'PLMN_NOT_ALLOWED',
    path: ['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REJECTED'],
  });
  expect(w.ledger.size).toBe(0);
});

test('an unknown IMSI is rejected with IMSI_UNKNOWN during authentication', async () => {
  const w = world();
  const stranger = w.factory.create({ home: '262-01' })[0]!;
  const outcome = await w.attach(stranger, '208-01');
  expect(outcome).toMatchObject({ state: 'REJECTED', cause: 'IMSI_UNKNOWN', path: ['IDLE', 'AUTHENTICATING', 'REJECTED'] });
});

test('registering in a second VLR cancels the location in the first', async () => {
  const w = world();
  const roamer = w.provision(w.factory.create({ home: '262-01' })[0]!);
  await w.attach(roamer, '208-01');
  await w.attach(roamer, '214-01');
  await w.hlr.cancellationsSettled();
  expect(w.vlrs[0]!.records.has(roamer.imsi)).toBe(false);
  expect(w.vlrs[1]!.records.has(roamer.imsi)).toBe(true);
});

test('time spent reporting an exchange (e.g. in Playwright steps) is not counted as attach latency', async () => {
  const w = world();
  const roamer = w.provision(w.factory.create({ home: '262-01' })[0]!);
  const slowReporter = async <T>(_title: string, exchange: () => Promise<T>): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const reply = await exchange();
    await new Promise((resolve) => setTimeout(resolve, 150));
    return reply;
  };
  const outcome = await runAttach({
    subscriber: roamer,
    visited: '208-01' as PlmnId,
    access: w.vlrs[0]!,
    clock: realClock,
    hasher: w.hasher,
    correlationId: 'reporting',
    exchange: slowReporter,
  });
  expect(outcome.state).toBe('REGISTERED');
  // Two exchanges, each with 300 ms of reporting around it, none of it in the latency.
  expect(outcome.latencyMs).toBeLessThan(250);
  expect(outcome.steps.filter((s) => s.from === 'ue').every((s) => s.durationMs < 150)).toBe(true);
});
