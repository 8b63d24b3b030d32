import type { RoamingSimulatorOptions } from './simulator-options.js';
import { test, expect } from '@playwright/test';
import { UnknownNameError, IllegalTransitionError, InvalidIdentityError, InvalidPlmnError } from '../domain-errors.js';
import { SubscriberExistsError } from '../elements/home-location-register.js';
import { NetworkExistsError } from './network-registry.js';
import { RoamingSimulator } from './roaming-simulator.js';
import { NotRegisteredError } from './simulator-core.js';

/** The example world: Germany home; France, Spain, Italy visited. */
function europe(options: RoamingSimulatorOptions = {}) {
  const sim = new RoamingSimulator({ seed: 7, ...options });
  const home = sim.registerHomeNetwork({ mcc: '262', mnc: '01', name: 'Deutsche Telekom (Home)' });
  for (const [mcc, mnc, name] of [
    ['208', '01', 'Orange (France)'],
    ['214', '01', 'Vodafone (Spain)'],
    ['222', '01', 'TIM (Italy)'],
  ] as const)
    sim.registerVisitedNetwork({ mcc, mnc, name });
  const roamer = sim.registerSubscriber({
    imsi: '262011234567890',
    msisdn: '+4915123456789',
    roamingAllowed: true,
    allowedNetworks: ['208-01', '214-01', '222-01'],
  });
  return { sim, home, roamer };
}

test('a roaming call goes through every state of the table and reports its lookup and set-up times', async () => {
  const { sim, roamer } = europe();
  const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33123456789', visited: '208-01' });
  expect(call.state).toBe('CONNECTED');
  expect(call.path).toEqual(['IDLE', 'LOCATION_REQUEST', 'HLR_LOOKUP', 'VLR_REGISTRATION', 'CALL_SETUP', 'CONNECTED']);
  const { hlrLookupMs, vlrRegistrationMs, callSetupMs } = call.timings;
  // Modelled latencies (the default model): HLR 10–50 ms plus the radio leg; call set-up 50–200 ms plus radio and billing.
  expect(hlrLookupMs).toBeGreaterThan(10);
  expect(hlrLookupMs).toBeLessThan(100);
  expect(vlrRegistrationMs).toBeGreaterThan(15);
  expect(callSetupMs).toBeGreaterThan(50);
  expect(callSetupMs).toBeLessThan(300);
  expect(sim.network('262-01')).toMatchObject({ kind: 'home', name: 'Deutsche Telekom (Home)' });
  expect(sim.servingNetworkOf(roamer)).toBe('208-01');

  await sim.elapse(95_000);
  const stats = await sim.terminateCall(call.correlationId);
  expect(call.state).toBe('IDLE');
  expect(call.path.slice(-3)).toEqual(['CONNECTED', 'CALL_TEARDOWN', 'IDLE']);
  expect(stats.totalDurationS).toBeGreaterThanOrEqual(95);
  expect(stats.totalDurationS).toBeLessThan(96);
});

test('a three-country journey: handoffs France → Spain → Italy with their history and the statistics', async () => {
  const { sim, roamer } = europe();
  const session = await sim.initiateCall({ subscriber: roamer, calledParty: '+33111111111', visited: '208-01' });
  await sim.elapse(60_000);
  expect(await sim.executeHandoff(session.correlationId, '214-01')).toBe(true);
  await sim.elapse(30_000);
  expect(await sim.executeHandoff(session.correlationId, '222-01')).toBe(true);
  expect(sim.getCallSession(session.correlationId).visited).toBe('222-01');
  await sim.elapse(30_000);
  const stats = await sim.terminateCall(session.correlationId);

  expect(stats.networks).toEqual(['208-01', '214-01', '222-01']);
  expect(stats.handoffs.map((h) => `${h.fromNetwork} -> ${h.toNetwork}`)).toEqual(['208-01 -> 214-01', '214-01 -> 222-01']);
  for (const h of stats.handoffs) {
    expect(h.success).toBe(true);
    // Cross-border handoff: 300–1000 ms modelled, plus radio, registration and charging.
    expect(h.durationMs).toBeGreaterThan(300);
    expect(h.durationMs).toBeLessThan(1500);
  }
  expect(session.path).toContain('HANDOFF_COMPLETE');
  expect(sim.getSessionStatistics(session.correlationId)).toEqual(stats);

  const global = sim.getSimulatorStatistics();
  expect(global).toMatchObject({
    totalSessions: 1,
    successfulSessions: 1,
    failedSessions: 0,
    successRate: 100,
    totalHandoffs: 2,
    successfulHandoffs: 2,
  });
  expect(global.avgHlrLookupMs).toBe(stats.hlrLookupMs);
  expect(global.avgVlrLookupMs).toBe(stats.vlrRegistrationMs);
  expect(global.handoffMs.count).toBe(2);
  expect(global.handoffMs.p50).toBeGreaterThan(300);
  expect(global.handoffMs.p99).toBeLessThanOrEqual(global.handoffMs.max);

  // The call was billed per network: three legs, each in its own visited network.
  const report = await sim.reconcile();
  expect(report.clean, report.summary).toBe(true);
  expect(sim.billedRecords().map((r) => r.visitedPlmn)).toEqual(['208-01', '214-01', '222-01']);
});

test('error cases: subscriber not found, roaming not allowed, target network not registered', async () => {
  const { sim, roamer } = europe();
  sim.registerVisitedNetwork({ mcc: '234', mnc: '15', name: 'Vodafone (UK)' });

  const stranger = await sim.initiateCall({ subscriber: '262019999999999', calledParty: '+33111111111', visited: '208-01' });
  expect(stranger.state).toBe('FAILED');
  expect(stranger.path).toEqual(['IDLE', 'LOCATION_REQUEST', 'HLR_LOOKUP', 'FAILED']);
  expect(stranger.failure).toMatchObject({ cause: 'IMSI_UNKNOWN' });
  expect(stranger.failure!.message).toMatch(/subscriber not found in the home HLR/);

  const barred = await sim.initiateCall({ subscriber: roamer, calledParty: '+44111111111', visited: '234-15' });
  expect(barred.state).toBe('FAILED');
  expect(barred.path).toEqual(['IDLE', 'LOCATION_REQUEST', 'HLR_LOOKUP', 'VLR_REGISTRATION', 'FAILED']);
  expect(barred.failure!.message).toMatch(/PLMN_NOT_ALLOWED \(#11\): 234-15 is not among the subscriber's allowed networks/);

  const live = await sim.initiateCall({ subscriber: roamer, calledParty: '+33111111111', visited: '208-01' });
  const handoffTo = (target: string) => sim.executeHandoff(live.correlationId, target);
  await expect(handoffTo('505-01')).rejects.toThrow(UnknownNameError);
  await expect(handoffTo('505-01')).rejects.toThrow(
    /find visited network "505-01": no visited network has that name\. Known: 208-01, 214-01, 222-01, 234-15/,
  );
  expect(live.state).toBe('CONNECTED'); // nothing changed

  // A handoff the home network refuses keeps the call where it was.
  expect(await handoffTo('234-15')).toBe(false);
  expect(live.state).toBe('CONNECTED');
  expect(live.visited).toBe('208-01');
  expect(live.handoffs.at(-1)).toMatchObject({ success: false, failure: { cause: 'PLMN_NOT_ALLOWED' } });

  expect(sim.getSimulatorStatistics()).toMatchObject({
    totalSessions: 3,
    successfulSessions: 1,
    failedSessions: 2,
    failuresByReason: { IMSI_UNKNOWN: 1, PLMN_NOT_ALLOWED: 1 },
  });
  expect(sim.getSimulatorStatistics().successRate).toBeCloseTo(100 / 3);
});

test('hanging up a call that failed to set up, or that dropped, is a no-op that reports how it ended', async () => {
  const { sim, roamer } = europe();
  const stranger = await sim.initiateCall({ subscriber: '262019999999999', calledParty: '+33111111111', visited: '208-01' });
  expect(stranger.state).toBe('FAILED');
  const stats = await sim.terminateCall(stranger.correlationId);
  expect(stranger.state).toBe('FAILED');
  expect(stranger.path).toEqual(['IDLE', 'LOCATION_REQUEST', 'HLR_LOOKUP', 'FAILED']);
  expect(stats).toEqual(sim.getSessionStatistics(stranger.correlationId));
  expect(sim.getSimulatorStatistics()).toMatchObject({ totalSessions: 1, failedSessions: 1 });

  // A call that dropped during a handoff has ended too.
  const live = await sim.initiateCall({ subscriber: roamer, calledParty: '+33111111111', visited: '208-01' });
  expect(live.state).toBe('CONNECTED');
  // The serving network loses the call mid-handover (not a refusal): the call drops.
  const serving = (
    sim as unknown as { networks: { visitedNetwork(id: string): { access: { handover: unknown } } } }
  ).networks.visitedNetwork('208-01');
  serving.access.handover = () => Promise.reject(new Error('radio link lost'));
  expect(await sim.executeHandoff(live.correlationId, '214-01')).toBe(false);
  expect(live.state).toBe('FAILED');
  await expect(sim.terminateCall(live.correlationId)).resolves.toMatchObject({ sessionId: live.correlationId });
  expect(live.state).toBe('FAILED');
});

test('impossible transitions raise a typed error and change nothing', async () => {
  const { sim, roamer } = europe();
  const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33111111111', visited: '208-01' });
  const ended = await sim.terminateCall(call.correlationId);
  // Hanging up an ended call changes nothing and says the same.
  await expect(sim.terminateCall(call.correlationId)).resolves.toEqual(ended);
  expect(call.path.slice(-3)).toEqual(['CONNECTED', 'CALL_TEARDOWN', 'IDLE']);
  await expect(sim.executeHandoff(call.correlationId, '214-01')).rejects.toThrow(
    /move call from IDLE to HANDOFF_INITIATED: the transition table allows only LOCATION_REQUEST after IDLE/,
  );
  expect(call.state).toBe('IDLE');
  expect(() => sim.getCallSession('call-99')).toThrow(UnknownNameError);
});

test('bad input raises one typed error each, naming the value and a valid example, and leaves nothing half-registered', () => {
  const { sim, home } = europe();
  const before = { subscribers: sim.subscribers.length, hlr: home.hlr.size, networks: sim.visitedNetworks.length };
  const cases: [() => unknown, new (...args: never[]) => Error, RegExp][] = [
    [() => sim.registerVisitedNetwork('2080-1'), InvalidPlmnError, /"2080-1".*e\.g\. "262-01"/],
    [
      () => sim.registerVisitedNetwork('208-01'),
      NetworkExistsError,
      /register network 208-01: a visited network with that PLMN is already registered/,
    ],
    [
      () => sim.registerSubscriber({ imsi: '26201ABC', msisdn: '+4915123456780' }),
      InvalidIdentityError,
      /IMSI "26201ABC".*e\.g\. 262011234567890/,
    ],
    [() => sim.registerSubscriber({ imsi: '262011234567891', msisdn: '0123' }), InvalidIdentityError, /MSISDN "0123".*\+4915123456789/],
    [
      () => sim.registerSubscriber({ imsi: '262011234567892', msisdn: '+4915123456782', k: 'abc' }),
      InvalidIdentityError,
      /accept K \(value hidden\).*32 hexadecimal digits/,
    ],
    [
      () => sim.registerSubscriber({ imsi: '262011234567893', msisdn: '+4915123456783', opc: 'zz'.repeat(16) }),
      InvalidIdentityError,
      /accept OPc/,
    ],
    [
      () => sim.registerSubscriber({ imsi: '262011234567894', msisdn: '+4915123456784', allowedNetworks: ['Spain'] }),
      InvalidPlmnError,
      /"Spain"/,
    ],
    [
      () => sim.registerSubscriber({ imsi: '208011234567890', msisdn: '+33612345678' }),
      UnknownNameError,
      /home network of IMSI "208011…".*Known: 262-01/,
    ],
    [
      () => sim.registerSubscriber({ imsi: '262011234567890', msisdn: '+4915123456789' }),
      SubscriberExistsError,
      /the HLR already has this IMSI/,
    ],
    [() => sim.network('999-99'), UnknownNameError, /find network "999-99"/],
  ];
  for (const [fn, type, message] of cases) {
    expect(fn).toThrow(type);
    expect(fn).toThrow(message);
  }
  expect({ subscribers: sim.subscribers.length, hlr: home.hlr.size, networks: sim.visitedNetworks.length }).toEqual(before);
});

test('procedures that need a registered phone say so with a typed error', async () => {
  const { sim, roamer } = europe();
  await expect(sim.updateLocation(roamer)).rejects.toThrow(NotRegisteredError);
  await expect(sim.sendSms(roamer, '+4915100000000')).rejects.toThrow(
    /subscriber sub_[0-9a-f]{16} is not registered in any network\. Attach it first/,
  );
});

test('the same procedures run on the real clock, taking real time', async () => {
  const { sim, roamer } = europe({ clock: 'real', latency: { defaults: { hlr: { minMs: 20, maxMs: 20, jitterPct: 0 } } } });
  const started = performance.now();
  const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33111111111', visited: '208-01' });
  expect(call.state).toBe('CONNECTED');
  expect(call.timings.hlrLookupMs).toBeGreaterThanOrEqual(20);
  expect(performance.now() - started).toBeGreaterThanOrEqual(40); // two HLR legs at least
  await sim.terminateCall(call.correlationId);
  expect(call.path).toEqual([
    'IDLE',
    'LOCATION_REQUEST',
    'HLR_LOOKUP',
    'VLR_REGISTRATION',
    'CALL_SETUP',
    'CONNECTED',
    'CALL_TEARDOWN',
    'IDLE',
  ]);
});

test('seeded subscribers have real reference data: valid IMSIs of the home network and MSISDNs of its country', () => {
  const sim = new RoamingSimulator({ seed: 3 });
  sim.registerHomeNetwork('208-01');
  const made = sim.createSubscribers({ home: '208-01', count: 5 });
  expect(made).toHaveLength(5);
  for (const s of made) {
    expect(s.imsi).toMatch(/^20801\d{10}$/);
    expect(s.msisdn).toMatch(/^\+33[67]\d{8}$/);
  }
  expect(sim.network('208-01').name).toBe('Orange');
  const again = new RoamingSimulator({ seed: 3 });
  again.registerHomeNetwork('208-01');
  expect(again.createSubscribers({ home: '208-01', count: 5 }).map((s) => s.imsi)).toEqual(made.map((s) => s.imsi));
});
