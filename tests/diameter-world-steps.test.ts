import { test, expect } from '@playwright/test';
import { startRoamingWorld } from '../world/roaming-world.js';
import type { SignalingStep } from '../simulator/signaling/signaling-step.js';

// Over Diameter, each transaction of a VLR is a step carrying the messages it
// put on the wire (AIR then AIA, ULR then ULA), each with its decoded AVPs
// attached: identities as the world's pseudonyms, key material never shown.

const named = (steps: readonly SignalingStep[], name: string) => steps.find((s) => s.name === name);

test('an attach over Diameter shows AIR/AIA, ULR/ULA and CCR/CCA inside its steps, with decoded AVPs and no secrets', async () => {
  test.setTimeout(60_000);
  await using world = await startRoamingWorld({ visited: ['208-01'], protocols: { hlr: 'diameter', billing: 'diameter' } });
  const roamer = await world.subscribers.create();
  const attach = await world.attach(roamer, { visited: '208-01' });
  expect(attach.state).toBe('REGISTERED');
  const steps = attach.steps;
  const auth = named(steps, 'SendAuthInfo')!;
  expect(auth.messages!.map((m) => [m.name, m.from, m.to, m.result])).toEqual([
    ['AIR', 'vlr:208-01', 'hlr:262-01', 'ok'],
    ['AIA', 'hlr:262-01', 'vlr:208-01', 'ok'],
  ]);
  expect(named(steps, 'UpdateLocation')!.messages!.map((m) => m.name)).toEqual(['ULR', 'ULA']);
  expect(named(steps, 'ChargingStart')!.messages!.map((m) => [m.name, m.to])).toEqual([
    ['CCR', 'billing:262-01'],
    ['CCA', 'vlr:208-01'],
  ]);

  const aia = JSON.parse(auth.messages![1]!.attachment!.body) as { command: string; avps: unknown[] };
  expect(aia.command).toBe('Authentication-Information-Answer');
  const everything = JSON.stringify(steps);
  const { k, opc } = roamer.credentials.reveal();
  for (const secret of [roamer.imsi, roamer.msisdn.replace(/^\+/, ''), k, opc]) expect(everything).not.toContain(secret);
  expect(everything).toContain(world.hasher.subscriber(roamer.imsi));
  expect(auth.messages![1]!.attachment!.body).toMatch(/"name": "KASME"[^}]*"value": "<32 bytes not shown>"/);
  // CER/CEA and watchdogs belong to the connection, not to a subscriber's transaction.
  expect(steps.flatMap((s) => s.messages ?? []).map((m) => m.name)).not.toContain('CER');
});
