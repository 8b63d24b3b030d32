import { test, expect } from '@playwright/test';
import { createBillingState, recordCharge } from '../mocks/billing/billing-state.js';
import { DiameterHss } from '../peers/diameter/s6a/diameter-hss.js';
import { S6aVisitedNetworks } from '../peers/diameter/s6a/s6a-visited-networks.js';
import { DiameterOcs } from '../peers/diameter/gy/diameter-ocs.js';
import { HomeLocationRegister } from '../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../simulator/policy/agreements.js';
import { startRoamingWorld } from '../world/roaming-world.js';
import { OcsHasNoCdrReadsError } from '../world/diameter/ocs-errors.js';

// A user's HSS and OCS in the world's slots as diameter://host:port: here our
// own Diameter HSS and OCS, started on their own on 127.0.0.1, stand in for
// them. The world's VLRs reach them through the chaos proxies as MMEs and
// Gy clients; the HSS sends CancelLocation back on the MME's connection.

const HOME = '262-01';
const VISITED = ['208-01', '214-01'] as const;

async function usersElements(options: { acceptOnly?: string } = {}) {
  const agreements = new RoamingAgreements();
  for (const visited of VISITED) agreements.add(HOME, visited);
  const visitedNetworks = new S6aVisitedNetworks();
  const hlr = new HomeLocationRegister({ plmn: HOME, agreements, visitedNetworks, onCancelLocationFailed: () => undefined });
  const billing = createBillingState(HOME, agreements);
  const accept = options.acceptOnly ? { acceptPeer: (peer: { originHost: string }) => peer.originHost === options.acceptOnly } : {};
  const hss = await DiameterHss.serve({
    hlr,
    visitedNetworks,
    identity: { originHost: 'hss.partner.example', originRealm: 'partner.example' },
    ...accept,
  });
  const ocs = await DiameterOcs.serve({
    identity: { originHost: 'ocs.partner.example', originRealm: 'partner.example' },
    charge: (event) => recordCharge(billing, event),
    ...accept,
  });
  return {
    hlr,
    billing,
    hss,
    ocs,
    close: async () => void (await Promise.all([hss.close(), ocs.close()])),
  };
}

test('a user HSS and OCS at diameter:// URLs serve the world: attach, a call charged over Gy, a move with its CancelLocation, a detach', async () => {
  test.setTimeout(90_000);
  const user = await usersElements();
  try {
    await using world = await startRoamingWorld({
      home: [HOME],
      visited: [...VISITED],
      hlr: `diameter://127.0.0.1:${user.hss.port}?destinationRealm=partner.example`,
      billing: `diameter://127.0.0.1:${user.ocs.port}`,
      provisioning: 'skip',
    });
    expect(world.notices.join('\n')).toContain("provisioned by you (provisioning: 'skip')");
    const roamer = world.simulator.registerSubscriber({ imsi: '262019876543210', msisdn: '+4915199999999' });
    const { k, opc } = roamer.credentials.reveal();
    user.hlr.provision({ imsi: roamer.imsi, msisdn: roamer.msisdn, k, opc });

    expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
    expect(user.hlr.find(roamer.imsi)?.servingVlr?.vlrNumber).toBe('vlr-208-01');
    const call = await world.simulator.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
    await world.simulator.terminateCall(call.correlationId);
    expect((await world.attach(roamer, { visited: '214-01' })).state).toBe('REGISTERED');
    await expect.poll(() => world.visitedNetwork('208-01').vlr.records.has(roamer.imsi), { timeout: 10_000 }).toBe(false);
    expect((await world.simulator.detach(roamer)).result).toBe('success');
    expect(user.hlr.find(roamer.imsi)?.servingVlr).toBeNull();
    expect(await world.drainCharging(10_000)).toBe(true);

    expect(user.billing.cdrs.records.map((r) => `${r.service} ${r.visitedPlmn} ${r.direction ?? ''}`.trim())).toEqual(
      expect.arrayContaining(['voice 208-01 mo']),
    );
    expect(() => world.billing()).toThrow(OcsHasNoCdrReadsError);
    expect(() => world.billing()).toThrow(/speaks Gy \(Diameter credit control\) and has no way to read CDRs back/);
  } finally {
    await user.close();
  }
});

test("the slot's originHost and originRealm are who the VLR says it is: an HSS that knows only that peer accepts it", async () => {
  test.setTimeout(60_000);
  const user = await usersElements({ acceptOnly: 'mme.harness.example' });
  try {
    const slot = (port: number) => `diameter://127.0.0.1:${port}?originHost=mme.harness.example&originRealm=harness.example`;
    await using world = await startRoamingWorld({
      home: [HOME],
      visited: ['208-01'],
      hlr: slot(user.hss.port),
      billing: slot(user.ocs.port),
      provisioning: 'skip',
    });
    const roamer = world.simulator.registerSubscriber({ imsi: '262019876543211', msisdn: '+4915199999998' });
    const { k, opc } = roamer.credentials.reveal();
    user.hlr.provision({ imsi: roamer.imsi, msisdn: roamer.msisdn, k, opc });
    expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
    expect(user.hlr.find(roamer.imsi)?.servingVlr?.vlrNumber).toBe('mme.harness.example');
  } finally {
    await user.close();
  }
});

test('an HSS that refuses the VLR in its capabilities exchange stops the world from starting, saying so', async () => {
  const user = await usersElements({ acceptOnly: 'someone.else.example' });
  try {
    await expect(
      startRoamingWorld({ home: [HOME], visited: ['208-01'], hlr: `diameter://127.0.0.1:${user.hss.port}`, provisioning: 'skip' }),
    ).rejects.toThrow(/DIAMETER_UNKNOWN_PEER|3010/);
  } finally {
    await user.close();
  }
});

test('slots and options a world cannot use over Diameter are refused before anything starts', async () => {
  await expect(startRoamingWorld({ home: [HOME], visited: ['208-01'], hlr: 'diameter://127.0.0.1:3868' })).rejects.toThrow(
    /A Diameter HSS cannot be provisioned over S6a: set provisioning: 'skip'/,
  );
  await expect(
    startRoamingWorld({
      home: [HOME],
      visited: [...VISITED],
      hlr: 'diameter://127.0.0.1:3868?originHost=mme.harness.example',
      provisioning: 'skip',
    }),
  ).rejects.toThrow(/2 VLRs \(vlr:208-01, vlr:214-01\) connect to hlr:262-01, and one Origin-Host cannot name them all/);
  await expect(startRoamingWorld({ home: [HOME], visited: ['208-01'], hlr: 'diameters://127.0.0.1:3868' })).rejects.toThrow(
    /Diameter over TLS is not supported/,
  );
  await expect(startRoamingWorld({ home: [HOME], visited: ['208-01'], requestTimeoutMs: -5 })).rejects.toThrow(
    /world option requestTimeoutMs is "-5"\. Give a whole number of milliseconds from 1 to 600000/,
  );
  await expect(startRoamingWorld({ home: [HOME], visited: ['208-01'], protocols: { billing: 'smtp' as 'http' } })).rejects.toThrow(
    /world option protocols\.billing is "smtp"\. Use one of http, diameter/,
  );
  await expect(startRoamingWorld({ home: [HOME], visited: ['208-01'], protocols: { hlr: 'gsup' } })).rejects.toThrow(
    /hlr:262-01 is the built-in hlr, which speaks http or diameter/,
  );
});
