import { test, expect } from '@playwright/test';
import { realClock } from '../../core/clock.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { HomeNetworkPort } from '../../simulator/signaling/ports.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { billingElement } from '../../mocks/billing/element.js';
import { createBillingHandler } from '../../mocks/billing/handler.js';
import { createBillingState } from '../../mocks/billing/billing-state.js';
import { serveHandler } from '../../mocks/http/serve.js';
import { problem } from '../../mocks/http/problem.js';
import { vlrElement } from '../../mocks/vlr/element.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { startRoamingWorld } from '../roaming-world.js';
import { findOsmoHlr, startOsmoHlr } from '../../peers/osmo-hlr/launcher.js';

// The user's own elements, as a partner would run them: on their own ports, given to the world only by URL.
const agreements = new RoamingAgreements();
agreements.add('262-01', '208-01');

test('an HLR and a billing system given by URL: provisioned through the admin contract, attached through the proxy, billed once', async () => {
  await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements }));
  await using billing = await serveElement(billingElement('262-01', agreements));
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], hlr: hlr.url, billing: billing.url });
  expect(world.hlrBackend).toBe('external');
  expect(world.homeNetwork('262-01').hlrAddress).toBe(hlr.address);
  const roamer = await world.subscribers.create();
  expect(hlr.state.find(roamer.imsi)?.msisdn).toBe(roamer.msisdn);

  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  expect(hlr.state.find(roamer.imsi)?.servingVlr).toEqual({ vlrNumber: 'vlr-208-01', plmn: '208-01' });
  // The same faults apply to the user's element: a partition on the link fails the attach.
  const cut = await world.chaos.link('vlr:208-01 -> hlr:262-01').partition();
  const [other] = world.simulator.createSubscribers({ home: '262-01' });
  await world.homeNetwork('262-01').settled();
  expect(await world.attach(other!, { visited: '208-01' })).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });
  await cut.remove();

  await world.simulator.sendSms(roamer, '+33612345678');
  const reconciliation = await world.simulator.reconcile();
  expect(reconciliation.clean).toBe(true);
  expect(reconciliation.matched).toBeGreaterThan(0);
  expect(billing.state.cdrs.records.filter((r) => r.service === 'sms')).toHaveLength(1);
  expect(() => world.homeNetwork('262-01').billing).toThrow(/its billing system is yours, at http:\/\/127\.0\.0\.1:\d+/);
});

test("provisioning: 'skip' leaves the user's HLR alone and says so; subscribers the user provisioned attach", async () => {
  await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements }));
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], hlr: hlr.url, provisioning: 'skip' });
  expect(world.notices).toEqual([
    expect.stringMatching(/^hlr:262-01 at http:\/\/127\.0\.0\.1:\d+ is provisioned by you \(provisioning: 'skip'\)/),
  ]);
  const unknown = await world.subscribers.create();
  expect(hlr.state.find(unknown.imsi)).toBeUndefined();
  expect((await world.attach(unknown, { visited: '208-01' })).cause).toBe('IMSI_UNKNOWN');
  // As from the user's CSV of test IMSIs and keys: they provision, the world only learns the SIM.
  const row = {
    imsi: '262019900000001',
    msisdn: '+4915199000001',
    k: '465b5ce8b199b49faa5f0a2ee238a6bc',
    opc: 'cd63cb71954a9f4e48a5994e37a02baf',
  };
  await new HlrClient({ baseUrl: hlr.url }).provision(row);
  const mine = world.simulator.registerSubscriber(row);
  expect((await world.attach(mine, { visited: '208-01' })).state).toBe('REGISTERED');
});

test('a GSUP HLR given by URL without a VTY must be provisioned by the user', async () => {
  await expect(startRoamingWorld({ home: ['262-01'], visited: ['208-01'], hlr: 'gsup://127.0.0.1:1' })).rejects.toThrow(
    /world option hlr is "gsup:\/\/127\.0\.0\.1:1"\. A GSUP HLR has no admin contract: add \?vty=<port>/,
  );
  await expect(startRoamingWorld({ hlr: 'diameter://127.0.0.1:3868' })).rejects.toThrow(/not supported yet: Diameter/);
});

test('osmo-hlr given as gsup://host:port?vty=<port>: provisioned over its VTY, attached over GSUP through the proxy', async () => {
  test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');
  await using osmo = await startOsmoHlr();
  await using world = await startRoamingWorld({
    home: ['262-01'],
    visited: ['208-01'],
    hlr: `gsup://${osmo.address}:${osmo.gsupPort}?vty=${osmo.vtyPort}`,
  });
  expect(world.homeNetwork('262-01').hlrProtocol).toBe('gsup');
  const roamer = await world.subscribers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
});

test("billing at a URL with its own bearer token: the VLRs send the token, not the world's credential", async () => {
  const state = createBillingState('262-01', agreements);
  const inner = createBillingHandler(state);
  const seen: (string | null)[] = [];
  await using billing = await serveHandler(async (request) => {
    seen.push(request.headers.get('authorization'));
    return request.headers.get('authorization') === 'Bearer partner-token-1' ? inner(request) : problem(401, 'Unauthorized', 'no token');
  });
  await using world = await startRoamingWorld({
    home: ['262-01'],
    visited: ['208-01'],
    billing: billing.url,
    billingAuth: { token: 'partner-token-1' },
  });
  const roamer = await world.subscribers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  await world.simulator.sendSms(roamer, '+33612345678');
  await world.simulator.settled();
  expect(state.ledger.events().length).toBeGreaterThan(0);
  expect(new Set(seen.filter((s) => s !== null))).toEqual(new Set(['Bearer partner-token-1']));
  expect(await new BillingClient({ baseUrl: billing.url, authorization: 'Bearer partner-token-1' }).list()).toHaveLength(
    state.ledger.events().length,
  );
});

test('a VLR given by URL: phones reach it through the access proxy, and it reaches the home through the uplinks', async () => {
  const homeNetworks = new Map<PlmnId, HomeNetworkPort>();
  const charging = { record: async () => undefined };
  await using vlr = await serveElement(
    vlrElement({ plmn: '208-01', vlrNumber: 'partner-vlr-1', homeNetworks, clock: realClock, charging }),
  );
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], vlr: { '208-01': vlr.url } });
  const visited = world.visitedNetwork('208-01');
  expect(visited.slot).toMatchObject({ kind: 'external', protocol: 'http', address: vlr.address });
  const uplink = visited.uplinks.get('262-01' as PlmnId)!;
  // The partner configures its VLR with the world's uplinks.
  homeNetworks.set('262-01' as PlmnId, new HlrClient({ baseUrl: `http://${uplink.hlr}`, vlrNumber: 'partner-vlr-1' }));
  const roamer = await world.subscribers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  expect((await world.hlr().getSubscriber(roamer.imsi)).servingVlr).toEqual({ vlrNumber: 'partner-vlr-1', plmn: '208-01' });
  expect(vlr.state.records.has(roamer.imsi)).toBe(true);
  expect(() => visited.vlr).toThrow(/its VLR is yours, at http:\/\/127\.0\.0\.1:\d+/);
});
