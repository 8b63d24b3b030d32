import { test, expect } from '@playwright/test';
import { connect } from 'node:net';
import { startRoamingWorld } from '../world/roaming-world.js';
import { InvalidWorldOptionError } from '../world/world-options.js';
import { ElementInHostError } from '../world/element-host/remote-networks.js';
import { checkHostedSlots, type ElementHostKind } from '../world/element-host/element-host.js';

// Elements in a worker thread or a child process: the same procedures, billing and chaos as in-process.

function refused(address: string): Promise<boolean> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

for (const kind of ['worker', 'process'] as const satisfies readonly ElementHostKind[]) {
  test.describe(`elementHost: '${kind}'`, () => {
    test('attach, call, handoff, detach and a move, billed once and reconciled clean; faults on links still bite', async () => {
      test.setTimeout(90_000);
      const world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01', '214-01'], elementHost: kind });
      const hlrAddress = world.homeNetwork('262-01').hlrAddress;
      try {
        expect(world.elementHost).toBe(kind);
        const [roamer, mover] = await world.subscribers.createMany({ count: 2 });
        const sim = world.simulator;
        expect((await world.attach(roamer!, { visited: '208-01' })).state).toBe('REGISTERED');
        const call = await sim.initiateCall({ subscriber: roamer!, calledParty: '+33612345678' });
        expect(call.state).toBe('CONNECTED');
        expect(await sim.handoff(call.correlationId, '214-01')).toMatchObject({ success: true, toNetwork: '214-01' });
        await sim.terminateCall(call.correlationId);
        expect((await sim.detach(roamer!)).result).toBe('success');

        expect((await world.attach(mover!, { visited: '208-01' })).state).toBe('REGISTERED');
        expect((await sim.moveTo(mover!, '214-01')).state).toBe('REGISTERED');
        expect((await world.hlr().getSubscriber(mover!.imsi)).servingVlr).toEqual({ vlrNumber: 'vlr-214-01', plmn: '214-01' });

        const cut = await world.chaos.link('vlr:208-01 -> hlr:262-01').partition();
        const during = await world.attach(roamer!, { visited: '208-01' });
        expect(during).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });
        await cut.remove();

        const reconciliation = await sim.reconcile();
        expect(reconciliation.clean).toBe(true);
        expect(reconciliation.matched).toBeGreaterThan(0);
        expect(await world.drainCharging(5_000)).toBe(true);
      } finally {
        await world.close();
      }
      // The host's servers went with it.
      expect(await refused(hlrAddress)).toBe(true);
    });

    test('an element crashes and restarts through the host; its in-memory state is not reachable from the world', async () => {
      test.setTimeout(90_000);
      await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], elementHost: kind });
      const roamer = await world.subscribers.create();
      const hlr = world.homeNetwork('262-01').hlrElement!;
      await hlr.crash();
      expect(hlr.isUp).toBe(false);
      expect((await world.attach(roamer, { visited: '208-01' })).state).not.toBe('REGISTERED');
      await hlr.restart({ keepState: true });
      expect(hlr.isUp).toBe(true);
      expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');

      expect(() => world.visitedNetwork('208-01').vlr.records).toThrow(ElementInHostError);
      expect(() => world.visitedNetwork('208-01').vlr.records).toThrow(
        /^\[roam\] Failed to read the state \(records\) of vlr:208-01: the element runs in an element host \((a worker thread|a child process)\), not in this thread\. Use its HTTP API/,
      );
      expect(() => world.homeNetwork('262-01').billing.faults).toThrow(ElementInHostError);
    });
  });
}

test('an unknown element host is refused before anything starts, naming the option and the choices', async () => {
  await expect(startRoamingWorld({ elementHost: 'thread' as never })).rejects.toThrow(InvalidWorldOptionError);
  await expect(startRoamingWorld({ elementHost: 'thread' as never })).rejects.toThrow(
    `[roam] Failed to start the roaming world: world option elementHost is "thread". Use 'in-process', 'worker', 'process' (option elementHost or ROAM_ELEMENT_HOST).`,
  );
});

test("a worker or child-process host refuses an element of the user's in a slot, and billing authentication, before anything starts", async () => {
  // Nothing listens at this URL: the world must refuse before it tries to reach it.
  for (const elementHost of ['worker', 'process'] as const) {
    const error = await startRoamingWorld({ elementHost, hlr: 'http://127.0.0.1:9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidWorldOptionError);
    expect((error as Error).message).toContain(`world option elementHost is "${elementHost}"`);
    expect((error as Error).message).toContain(
      "The hlr of 262-01 is yours (http://127.0.0.1:9); an element host runs the world's own elements only",
    );
    expect((error as Error).message).toContain("elementHost: 'in-process'");
  }
  await expect(startRoamingWorld({ elementHost: 'worker', billingAuth: { token: 't0ken' } })).rejects.toThrow(
    /billingAuth is for billing systems given by URL/,
  );
  // In-process, the same slots are the user's to fill.
  const slots = {
    hlr: new Map([
      [
        '262-01',
        { kind: 'external', role: 'hlr', protocol: 'http', url: 'http://127.0.0.1:9', address: '127.0.0.1:9', options: {} } as const,
      ],
    ]),
    vlr: new Map(),
    billing: new Map(),
  };
  expect(() => checkHostedSlots('in-process', slots, { billingAuth: { token: 't0ken' } })).not.toThrow();
  expect(() => checkHostedSlots('worker', slots, {})).toThrow(InvalidWorldOptionError);
});
