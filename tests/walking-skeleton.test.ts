import { connect } from 'node:net';
import { test, expect } from '../index.js';
import { startRoamingWorld } from '../world/roaming-world.js';

const REGISTERED_PATH = ['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED'];
const VLR_TO_HLR = 'vlr:208-01 -> hlr:262-01';

test('a German roamer attaches in France', async ({ world, chaos }) => {
  const roamer = await world.subscribers.create({ home: '262-01' });
  await chaos.link(VLR_TO_HLR).latency({ ms: 200 });
  const attach = await world.attach(roamer, { visited: '208-01' });
  expect(attach).toHaveTransitioned(REGISTERED_PATH);
  expect(attach.latencyMs).toBeGreaterThanOrEqual(400);
});

test('a 200 ms latency on VLR->HLR makes the attach at least 200 ms slower', async ({ world, chaos }) => {
  const roamer = await world.subscribers.create();
  // Medians of a few attaches each, so one slow moment of a busy machine cannot decide the comparison.
  const medianLatency = async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const attach = await world.attach(roamer, { visited: '208-01' });
      expect(attach).toHaveTransitioned(REGISTERED_PATH);
      latencies.push(attach.latencyMs);
    }
    return latencies.sort((a, b) => a - b)[1]!;
  };
  const baseline = await medianLatency();
  const fault = await chaos.link(VLR_TO_HLR).latency({ ms: 200 });
  const delayed = await medianLatency();
  await fault.remove();
  // The attach crosses the link twice (SendAuthInfo, UpdateLocation), so 400 ms is expected.
  expect(delayed - baseline).toBeGreaterThanOrEqual(200);
});

test('billing records the start of the roaming session', async ({ world }) => {
  const roamer = await world.subscribers.create();
  await world.attach(roamer, { visited: '214-01' });
  const events = await world.billing().list();
  expect(events).toContainEqual(
    expect.objectContaining({ kind: 'start', service: 'registration', imsi: roamer.imsi, visitedPlmn: '214-01' }),
  );
});

test.describe.serial('the chaos fixture cleans up after every test', () => {
  test('a test that leaves a fault behind and fails', async ({ chaos }) => {
    test.fail(true, 'fails on purpose, with a fault still in effect');
    await chaos.link(VLR_TO_HLR).latency({ ms: 1000, direction: 'both' });
    expect(chaos.active()).toHaveLength(1);
    throw new Error('failing with a toxic still in place');
  });

  test('a passing test that adds faults through world.chaos, without the chaos fixture', async ({ world }) => {
    await world.chaos.link('ue -> vlr:208-01').partition({ direction: 'both' });
    expect(world.chaos.activeFaults()).toHaveLength(1);
  });

  test('the next test finds no toxics on the link, through the Toxiproxy API', async ({ world, chaos }) => {
    expect(await world.chaos.toxicsOn(VLR_TO_HLR)).toEqual([]);
    const response = await fetch(`${world.toxiproxyUrl}/proxies`);
    const proxies = (await response.json()) as Record<string, { toxics: unknown[]; enabled: boolean }>;
    expect(Object.keys(proxies)).toContain(world.links.find((l) => l.name === VLR_TO_HLR)?.proxyName);
    expect(Object.values(proxies).every((p) => p.toxics.length === 0)).toBe(true);
    expect(Object.values(proxies).every((p) => p.enabled)).toBe(true);
    expect(chaos.active()).toEqual([]);
  });
});

test('an unknown link is refused, naming the known ones', async ({ chaos }) => {
  expect(() => chaos.link('vlr:999-99 -> hlr:262-01')).toThrow(/no link has this name\. Known links: .*vlr:208-01 -> hlr:262-01/);
  await expect(chaos.link(VLR_TO_HLR).latency({ ms: -5 })).rejects.toThrow(/ms is -5, not a whole number of milliseconds >= 0/);
});

test('every server of a world binds 127.0.0.1 and is closed with it', async () => {
  const world = await startRoamingWorld({ visited: ['208-01'] });
  let addresses: string[];
  try {
    expect(world.links.length).toBeGreaterThan(0);
    addresses = [world.toxiproxyUrl.replace('http://', ''), ...world.links.flatMap((l) => [l.listen, l.upstream])];
    for (const address of addresses) expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await Promise.all(addresses.map(isListening))).toEqual(addresses.map(() => true));
  } finally {
    await world.close();
  }
  expect(await Promise.all(addresses.map(isListening))).toEqual(addresses.map(() => false));
});

function isListening(address: string): Promise<boolean> {
  const [host, port] = address.split(':') as [string, string];
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
