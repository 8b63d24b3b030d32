import { test, expect } from '../../fixtures/test.js';
import { findOsmoHlr } from '../../peers/osmo-hlr/launcher.js';
import type { HlrBackend } from '../../world/world-options.js';

/**
 * The network elements' procedures, written once and run against our
 * mock HLR and against Osmocom's osmo-hlr, through the same VLR, proxies and
 * billing: the HLR is a per-world choice. Call it at the top level of a test
 * file (a worker-scoped option cannot change inside a describe).
 */
export function networkElementSuite(hlr: HlrBackend): void {
  test.skip(hlr === 'osmo-hlr' && !findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');
  test.use({ roaming: { hlr, home: ['262-01'], visited: ['208-01', '214-01'] } });
  test.describe(`hlr: '${hlr}'`, () => {
    test('attach, call, handoff to another country and detach, billed once', async ({ world }) => {
      expect(world.hlrBackend).toBe(hlr);
      const roamer = await world.subscribers.create({ home: '262-01' });
      const sim = world.simulator;

      const attach = await world.attach(roamer, { visited: '208-01' });
      expect(attach).toHaveTransitioned(['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED']);
      expect(sim.servingNetworkOf(roamer)).toBe('208-01');

      const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
      expect(call.state).toBe('CONNECTED');
      const handoff = await sim.handoff(call.correlationId, '214-01');
      expect(handoff).toMatchObject({ success: true, fromNetwork: '208-01', toNetwork: '214-01' });
      expect(sim.servingNetworkOf(roamer)).toBe('214-01');
      const stats = await sim.terminateCall(call.correlationId);
      expect(stats.networks).toEqual(['208-01', '214-01']);

      const detach = await sim.detach(roamer);
      expect(detach.result).toBe('success');
      expect(sim.servingNetworkOf(roamer)).toBeUndefined();

      const reconciliation = await sim.reconcile();
      expect(reconciliation.missing).toEqual([]);
      expect(reconciliation.duplicated).toEqual([]);
      expect(reconciliation.clean).toBe(true);
      expect(reconciliation.matched).toBeGreaterThan(0);
    });

    test('moving to another country: the new VLR registers the roamer and the old one is told to forget it', async ({ world }) => {
      test.skip(hlr === 'osmo-hlr', 'osmo-hlr 1.5 never sends GSUP LocationCancel (docs/osmo-hlr.md, known gaps)');
      const roamer = await world.subscribers.create();
      expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
      expect(world.visitedNetwork('208-01').vlr.records.has(roamer.imsi)).toBe(true);

      expect((await world.simulator.moveTo(roamer, '214-01')).state).toBe('REGISTERED');
      await world.simulator.settled();
      // CancelLocation went from the home HLR to the old VLR through the hlr:262-01 -> vlr:208-01 proxy.
      expect(world.visitedNetwork('208-01').vlr.records.has(roamer.imsi)).toBe(false);
      expect(world.visitedNetwork('214-01').vlr.records.has(roamer.imsi)).toBe(true);
      expect((await world.hlr('262-01').getSubscriber(roamer.imsi)).servingVlr).toEqual({ vlrNumber: 'vlr-214-01', plmn: '214-01' });
    });

    test('a subscriber the HLR does not know is refused with IMSI_UNKNOWN', async ({ world }) => {
      const [stranger] = world.simulator.createSubscribers({ home: '262-01', provision: false });
      const attach = await world.attach(stranger!, { visited: '208-01' });
      expect(attach.state).toBe('REJECTED');
      expect(attach.cause).toBe('IMSI_UNKNOWN');
    });

    test('a partition between visited VLR and home HLR fails the attach, which works again once it heals', async ({ world, chaos }) => {
      const roamer = await world.subscribers.create();
      const cut = await chaos.link('vlr:208-01 -> hlr:262-01').partition();
      const during = await world.attach(roamer, { visited: '208-01' });
      expect(during).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });
      await cut.remove();
      const after = await world.attach(roamer, { visited: '208-01' });
      expect(after.state).toBe('REGISTERED');
    });
  });
}
