import { test, expect } from '@playwright/test';
import { RoamingSimulator } from '../simulation/roaming-simulator.js';
import { InvalidTariffError, RoamingAgreements, TARIFFS, parseTariff } from './agreements.js';
import { SteeringPolicy } from './steering-policy.js';

test('agreements between PLMNs: allowed with a tariff, barred, or absent', () => {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01', 'eu-regulated');
  agreements.bar('262-01', '208-10');
  expect(agreements.between('262-01', '208-01')?.tariff).toBe(TARIFFS['eu-regulated']);
  expect(agreements.allows('262-01', '208-01')).toBe(true);
  expect(agreements.allows('262-01', '208-10')).toBe(false);
  expect(agreements.between('262-01', '208-10')).toMatchObject({ allowed: false, tariff: TARIFFS['standard'] });
  expect(agreements.allows('262-01', '214-01')).toBe(false);
  expect(agreements.remove('262-01', '208-01')).toBe(true);
  expect(agreements.allows('262-01', '208-01')).toBe(false);
  expect(() => parseTariff('gold')).toThrow(InvalidTariffError);
  expect(() => parseTariff({ ...TARIFFS['standard']!, perMinute: -1 })).toThrow(/perMinute is not a number of at least 0/);
});

function world() {
  const sim = new RoamingSimulator({ seed: 5, agreements: 'explicit' });
  sim.registerHomeNetwork('262-01', { steering: { preferred: ['208-01'] } });
  for (const v of ['208-01', '208-10', '214-01', '222-01']) sim.registerVisitedNetwork(v);
  sim.agreements.add('262-01', '208-01', 'eu-regulated');
  sim.agreements.add('262-01', '208-10', 'eu-regulated');
  sim.agreements.bar('262-01', '214-01');
  return sim;
}

test('reject causes: IMSI unknown, roaming not allowed in this PLMN (no agreement or barred), illegal MS (wrong RES)', async () => {
  const sim = world();
  const [roamer] = sim.createSubscribers({ home: '262-01', count: 1 });
  const [unknown] = sim.createSubscribers({ home: '262-01', count: 1, provision: false });
  expect(await sim.attach(unknown!, '208-01')).toMatchObject({ state: 'REJECTED', cause: 'IMSI_UNKNOWN' });
  expect(await sim.attach(roamer!, '222-01')).toMatchObject({ state: 'REJECTED', cause: 'PLMN_NOT_ALLOWED' });
  expect(await sim.attach(roamer!, '214-01')).toMatchObject({ state: 'REJECTED', cause: 'PLMN_NOT_ALLOWED' });
  const network = sim.network('208-01');
  if (network.kind !== 'visited') throw new Error('expected a visited network');
  const challenge = await sim.run(network.vlr.attachRequest(roamer!.imsi));
  await expect(
    sim.run(network.vlr.authenticationResponse(challenge.transactionId, { kind: 'response', res: '0000000000000000' })),
  ).rejects.toThrow(/ILLEGAL_MS \(#3\)/);
  const restricted = sim.registerSubscriber({ imsi: '262010000000007', msisdn: '+4915100000007', roamingAllowed: false });
  expect(await sim.attach(restricted, '208-01')).toMatchObject({ state: 'REJECTED', cause: 'ROAMING_NOT_ALLOWED' });
});

test('steering of roaming: the home network rejects a non-preferred partner, and the phone registers on the next network in its list', async () => {
  const sim = world();
  const [roamer] = sim.createSubscribers({ home: '262-01', count: 1 });
  const steered = await sim.attachWithSteering(roamer!, ['208-10', '208-01']);
  expect(steered.registered).toBe('208-01');
  expect(steered.attempts.map((a) => `${a.visited}:${a.state}:${a.cause ?? '-'}`)).toEqual([
    '208-10:REJECTED:ROAMING_NOT_ALLOWED',
    '208-01:REGISTERED:-',
  ]);
  expect(steered.attempts[0]!.steps.find((s) => s.name === 'Authentication Response')?.detail).toBe('ROAMING_NOT_ALLOWED');
  expect(steered.attempts.map((a) => a.correlationId)).toEqual([
    expect.stringMatching(/^attach-\d+$/),
    expect.stringMatching(/^attach-\d+#2$/),
  ]);
  expect(sim.servingNetworkOf(roamer!)).toBe('208-01');
});

test('steering lets a subscriber in after its maximum of rejects in a country, so nobody is left without service', () => {
  const steering = new SteeringPolicy({ preferred: ['208-01'], maxRejects: 2 });
  const verdicts = [1, 2, 3].map(() => steering.check('262011111111111', '208-10').steer);
  expect(verdicts).toEqual([true, true, false]);
  expect(steering.check('262011111111111', '214-01').steer).toBe(false); // no preference in Spain
  expect(steering.check('262011111111111', '208-01').steer).toBe(false);
});

test('a phone whose every network refuses it ends unregistered, after one try per network', async () => {
  const sim = world();
  const [roamer] = sim.createSubscribers({ home: '262-01', count: 1 });
  const outcome = await sim.attachWithSteering(roamer!, ['214-01', '222-01']);
  expect(outcome.registered).toBeNull();
  expect(outcome.attempts).toHaveLength(2);
  expect(sim.servingNetworkOf(roamer!)).toBeUndefined();
});
