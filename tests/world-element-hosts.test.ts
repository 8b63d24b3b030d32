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

    for (const [proxiesIn, where] of [
      ['element-host', /in the element host \((a worker thread|a child process)\), where the proxies run beside the elements/],
      ['own-process', /in a child process of its own, off the world's thread and the elements' host/],
    ] as const) {
      test(`with chaos.proxiesIn '${proxiesIn}' the proxies run off the world's thread; faults still bite`, async () => {
        test.setTimeout(90_000);
        // Listening sockets of this thread only: a worker's or a child's are not counted.
        const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
        const before = listening();
        const world = await startRoamingWorld({
          home: ['262-01'],
          visited: ['208-01'],
          elementHost: kind,
          chaos: { proxiesIn },
        });
        const api = new URL(world.toxiproxyUrl);
        try {
          expect(world.chaosBackend).toMatchObject({ kind: 'embedded' });
          expect(world.chaosBackend.reason).toMatch(where);
          // Every link has its proxy, and none of them (nor the Toxiproxy API) listens in this thread.
          expect(world.links.length).toBeGreaterThanOrEqual(4);
          expect(listening()).toBe(before);

          const roamer = await world.subscribers.create();
          expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
          const cut = await world.chaos.link('vlr:208-01 -> hlr:262-01').partition();
          expect(await world.attach(roamer, { visited: '208-01' })).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });
          await cut.remove();
          expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
          expect((await world.simulator.reconcile()).clean).toBe(true);
        } finally {
          await world.close();
        }
        // The Toxiproxy went with the world.
        expect(await refused(`${api.hostname}:${api.port}`)).toBe(true);
      });
    }

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

    test("the world's requestTimeoutMs reaches the host's VLRs: a home behind a blackhole is the VLR's reject, not the phone's timeout", async () => {
      test.setTimeout(60_000);
      await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], elementHost: kind, requestTimeoutMs: 1_000 });
      const roamer = await world.subscribers.create();
      const partition = await world.chaos.link('vlr:208-01 -> hlr:262-01').partition({ mode: 'blackhole' });
      const failed = await world.attach(roamer, { visited: '208-01' });
      expect(failed).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });
      expect(failed.state === 'REJECTED' && failed.reason).toMatch(/^the home HLR of 262-01 did not answer \(.*no answer \(TIMEOUT\)/);
      await partition.remove();
      expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
    });
  });
}

test('an unknown element host is refused before anything starts, naming the option and the choices', async () => {
  await expect(startRoamingWorld({ elementHost: 'thread' as never })).rejects.toThrow(InvalidWorldOptionError);
  await expect(startRoamingWorld({ elementHost: 'thread' as never })).rejects.toThrow(
    `[roam] Failed to start the roaming world: world option elementHost is "thread". Use 'in-process', 'worker' or 'process' (option elementHost or ROAM_ELEMENT_HOST).`,
  );
});

test('proxies in the element host: an unknown place is refused, and so is a Toxiproxy that runs its proxies elsewhere', async () => {
  await expect(startRoamingWorld({ elementHost: 'worker', chaos: { proxiesIn: 'host' as never } })).rejects.toThrow(
    `[roam] Failed to start the roaming world: world option chaos.proxiesIn is "host". Use 'world', 'element-host' or 'own-process' (option chaos.proxiesIn or ROAM_PROXIES_IN).`,
  );
  // A Toxiproxy of the user's runs its proxies where it runs, and so does a container's: refused before either is
  // reached or started (nothing listens at this URL, and no container runtime needs to be here).
  for (const chaos of [
    { backend: 'external', url: 'http://127.0.0.1:1', proxiesIn: 'element-host' },
    { backend: 'container', proxiesIn: 'element-host' },
    { backend: 'external', url: 'http://127.0.0.1:1', proxiesIn: 'own-process' },
    { backend: 'container', proxiesIn: 'own-process' },
  ] as const) {
    const error = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], elementHost: 'worker', chaos }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidWorldOptionError);
    expect((error as Error).message).toContain(`world option chaos.proxiesIn is "${chaos.proxiesIn}"`);
    expect((error as Error).message).toContain(`the chaos backend is ${chaos.backend} (explicit: backend is "${chaos.backend}"`);
  }
  // In-process, the world's thread is the element host: the proxies are already beside the elements.
  await using inProcess = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], chaos: { proxiesIn: 'element-host' } });
  expect(inProcess.chaosBackend.reason).toMatch(/in-process embedded server was started/);
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
