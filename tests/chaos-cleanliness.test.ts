import { test, expect } from '../index.js';
import { test as plainTest } from '@playwright/test';
import { Toxiproxy } from 'toxiproxy-node-client';
import { createExtendedToxicTypes, startEmbeddedToxiproxy } from '../chaos/index.js';
import { connectClient, startEchoServer, startSilentServer } from '../chaos/embedded/test-support/tcp-peers.js';
import { call, portOf, sleep } from '../chaos/embedded/test-support/api.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, writeInlineProject } from './support/inline-project.js';

const VLR_TO_HLR = 'vlr:208-01 -> hlr:262-01';
const VLR_TO_BILLING = 'vlr:208-01 -> billing:262-01';

// Which world the serial tests below ran in: the same one, so the cleanup
// (not a fresh worker) is what makes the later test start clean. An expected
// failure keeps the worker; a timeout cannot be expected in-process, so it
// is proved in a subprocess below.
let worldOfFirstTest: string | undefined;

test.describe.serial('after a test that fails with faults in effect, the next starts clean', () => {
  test('a test that fails with every kind of fault in effect', async ({ world, chaos }) => {
    test.fail(true, 'fails on purpose');
    worldOfFirstTest = world.toxiproxyUrl;
    await chaos.link(VLR_TO_HLR).latency({ ms: 500, direction: 'both' });
    await world.chaos.link(VLR_TO_HLR).partition({ mode: 'refused' });
    await world.chaos.link(VLR_TO_BILLING).flapping({ periodMs: 300, downMs: 150 });
    await world.chaos.link('ue -> vlr:208-01').partition({ direction: 'reverse' });
    await world.chaos.link('vlr:214-01 -> hlr:262-01').loss({ percent: 50, per: 'connection' });
    // Left behind outside the vocabulary too: a raw toxic and a raw disabled proxy.
    const client = new Toxiproxy(world.toxiproxyUrl);
    const raw = await client.get(world.links.find((l) => l.name === 'hlr:262-01 -> vlr:214-01')!.proxyName);
    await raw.addToxic({ name: 'raw', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 900, jitter: 0 } });
    await raw.update({ enabled: false, listen: raw.listen, upstream: raw.upstream });
    expect(world.chaos.activeFaults().length).toBeGreaterThanOrEqual(5);
    throw new Error('failing with faults in effect');
  });

  test('the next test finds every toxic gone and every proxy enabled', async ({ world, chaos }) => {
    expect(world.toxiproxyUrl).toBe(worldOfFirstTest);
    expect(chaos.active()).toEqual([]);
    // Twice, across a flapping period, so a flapper left running would show.
    for (let round = 0; round < 2; round++) {
      const proxies = (await (await fetch(`${world.toxiproxyUrl}/proxies`)).json()) as Record<
        string,
        { enabled: boolean; toxics: unknown[] }
      >;
      expect(Object.values(proxies).filter((p) => p.toxics.length > 0 || !p.enabled)).toEqual([]);
      await sleep(400);
    }
    const roamer = await world.subscribers.create();
    const attach = await world.attach(roamer, { visited: '208-01' });
    expect(attach.state).toBe('REGISTERED');
    expect(attach.latencyMs).toBeLessThan(400);
  });
});

plainTest('tests that time out, fail or pass with faults in effect leave a shared Toxiproxy clean', async () => {
  plainTest.setTimeout(120_000);
  await using shared = await startEmbeddedToxiproxy({ toxicTypes: createExtendedToxicTypes() });
  const project = writeInlineProject('chaos-cleanliness', {
    'playwright.config.ts': `export default { testDir: '.', timeout: 3_000, workers: 1, retries: 0, reporter: [['json', { outputFile: 'results.json' }]],
      use: { roaming: { toxiproxyUrl: process.env.SHARED_TOXIPROXY, visited: ['208-01'] } } };\n`,
    'faults.test.ts': `import { test, expect } from '${join(repoRoot, 'index.ts')}';
const FAULTS = async (world, chaos) => {
  await chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 100 });
  await world.chaos.link('${VLR_TO_HLR}').partition({ mode: 'refused' });
  await world.chaos.link('${VLR_TO_BILLING}').flapping({ periodMs: 200, downMs: 100 });
  await world.chaos.link('ue -> vlr:208-01').latency({ ms: 300, direction: 'both' });
  await world.chaos.link('hlr:262-01 -> vlr:208-01').loss({ percent: 30, burst: { meanLength: 2 } });
};
const clean = async (world) => {
  const proxies = await (await fetch(world.toxiproxyUrl + '/proxies')).json();
  return Object.values(proxies).filter((p) => p.toxics.length > 0 || !p.enabled).map((p) => p.name);
};
test('times out with faults', async ({ world, chaos }) => { await FAULTS(world, chaos); await new Promise(() => {}); });
test('starts clean after a timeout, then fails with faults', async ({ world, chaos }) => { expect(await clean(world)).toEqual([]); await FAULTS(world, chaos); throw new Error('boom'); });
test('starts clean after a failure, then passes with faults left', async ({ world, chaos }) => { expect(await clean(world)).toEqual([]); await FAULTS(world, chaos); });
test('starts clean after a pass', async ({ world }) => { expect(await clean(world)).toEqual([]); });
`,
  });
  try {
    const { output } = await project.run([], { SHARED_TOXIPROXY: shared.url });
    const report = JSON.parse(readFileSync(join(project.dir, 'results.json'), 'utf8')) as {
      suites: { specs: { title: string; tests: { results: { status: string }[] }[] }[] }[];
    };
    const statuses = report.suites.flatMap((s) => s.specs.map((spec) => `${spec.title}: ${spec.tests[0]!.results.at(-1)!.status}`));
    expect(statuses, output).toEqual([
      'times out with faults: timedOut',
      'starts clean after a timeout, then fails with faults: failed',
      'starts clean after a failure, then passes with faults left: passed',
      'starts clean after a pass: passed',
    ]);
    // Every world removed its links when it closed: nothing is left on the shared server.
    expect(await (await fetch(`${shared.url}/proxies`)).text()).toBe('{}');
  } finally {
    project.remove();
  }
});

plainTest('closing the embedded server closes every socket it holds, in every state', async () => {
  const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
  const before = tcpHandles();
  const echo = await startEchoServer();
  const silent = await startSilentServer();
  const toxiproxy = await startEmbeddedToxiproxy({ toxicTypes: createExtendedToxicTypes() });
  try {
    const client = new Toxiproxy(toxiproxy.url);
    const make = async (name: string, upstream: number, toxic?: Record<string, unknown>) => {
      const proxy = await client.createProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream}` });
      if (toxic) await call(toxiproxy.url, 'POST', `/proxies/${name}/toxics`, JSON.stringify(toxic));
      return portOf(proxy.listen);
    };
    const ports = {
      idle: await make('idle', echo.port),
      held: await make('held', echo.port, { type: 'latency', attributes: { latency: 60_000 } }),
      dropped: await make('dropped', echo.port, { type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } }),
      closing: await make('closing', silent.port, { type: 'slow_close', stream: 'upstream', attributes: { delay: 60_000 } }),
      thin: await make('thin', echo.port, { type: 'bandwidth', attributes: { rate: 1 } }),
      lossy: await make('lossy', echo.port, {
        type: 'roam_loss',
        stream: 'upstream',
        attributes: { loss_ppm: 1_000_000, retransmit_ms: 60_000 },
      }),
    };
    const clients = await Promise.all(Object.values(ports).map((port) => connectClient(port)));
    const [, held, dropped, closing, thin, lossy] = clients;
    held!.socket.write('waits a minute');
    dropped!.socket.write('into the void');
    closing!.socket.end('bye');
    thin!.socket.write('x'.repeat(100_000));
    lossy!.socket.write('lost');
    // An API connection kept alive, as fetch keeps them.
    await call(toxiproxy.url, 'GET', '/proxies');
    await sleep(100);
    expect(tcpHandles()).toBeGreaterThan(before + clients.length * 2);

    await toxiproxy.close();
    await Promise.all(clients.map((c) => c.closed(5_000)));
    for (const port of Object.values(ports)) await expect(connectClient(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  } finally {
    // On a failure above too; a second close is harmless. The test peers close their own ends
    // (a silent peer never reads, so it never sees the FIN).
    await toxiproxy.close();
    await echo.close();
    await silent.close();
  }
  for (let i = 0; i < 100 && tcpHandles() > before; i++) await sleep(20);
  expect(tcpHandles()).toBe(before);
});
