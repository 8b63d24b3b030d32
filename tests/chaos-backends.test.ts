import { test, expect } from '@playwright/test';
import {
  availableChaosBackends,
  ChaosNetwork,
  chosenChaosBackend,
  detectContainerRuntime,
  selectChaosBackend,
  startEmbeddedToxiproxy,
} from '../chaos/index.js';
import { containerAddressing } from '../chaos/backends/container-addressing.js';

const NO_ENV = {} as NodeJS.ProcessEnv;

test('auto without TOXIPROXY_URL starts the embedded backend and says why', async () => {
  await using backend = await selectChaosBackend({ env: NO_ENV });
  expect(backend.kind).toBe('embedded');
  expect(backend.reason).toMatch(/^auto: TOXIPROXY_URL is not set, so the in-process embedded server was started/);
  expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(backend.embeddedToxics).toBe(true);
  expect(backend.version).toBe('2.12.0+roaming-harness');
});

test('auto with TOXIPROXY_URL uses that Toxiproxy, and closing leaves it running', async () => {
  // A standalone server stands in for a real Toxiproxy someone else runs.
  await using external = await startEmbeddedToxiproxy();
  const backend = await selectChaosBackend({ env: { TOXIPROXY_URL: external.url } as NodeJS.ProcessEnv });
  expect(backend).toMatchObject({
    kind: 'external',
    url: external.url,
    reason: `auto: TOXIPROXY_URL is set to ${external.url}`,
    embeddedToxics: false,
  });
  const chaos = new ChaosNetwork(backend);
  await chaos.addLink('a -> b', '127.0.0.1:9');
  await backend.close();
  expect((await fetch(`${external.url}/version`)).status).toBe(200);
  await chaos.removeLinks();
});

test('explicit choices: the option wins over ROAM_CHAOS_BACKEND, which wins over auto', async () => {
  await using external = await startEmbeddedToxiproxy();
  const env = { TOXIPROXY_URL: external.url, ROAM_CHAOS_BACKEND: 'embedded' } as NodeJS.ProcessEnv;
  await using fromEnv = await selectChaosBackend({ env });
  expect(fromEnv.kind).toBe('embedded');
  expect(fromEnv.reason).toBe('explicit: ROAM_CHAOS_BACKEND is "embedded"');
  await using fromOption = await selectChaosBackend({ env, backend: 'external' });
  expect(fromOption.kind).toBe('external');
  expect(fromOption.reason).toBe(`explicit: backend is "external", at TOXIPROXY_URL ${external.url}`);
});

test('the choice is known before anything starts: which backend, why, and its URL', () => {
  expect(chosenChaosBackend({ env: NO_ENV })).toEqual({ kind: 'embedded', reason: 'auto: TOXIPROXY_URL is not set', auto: true });
  // Nothing listens at this URL: choosing does not reach it.
  const url = 'http://127.0.0.1:1';
  expect(chosenChaosBackend({ env: { TOXIPROXY_URL: url } as NodeJS.ProcessEnv })).toEqual({
    kind: 'external',
    reason: `auto: TOXIPROXY_URL is set to ${url}`,
    auto: true,
    url,
  });
  expect(chosenChaosBackend({ env: { ROAM_CHAOS_BACKEND: 'container' } as NodeJS.ProcessEnv })).toEqual({
    kind: 'container',
    reason: 'explicit: ROAM_CHAOS_BACKEND is "container"',
    auto: false,
  });
  expect(() => chosenChaosBackend({ env: NO_ENV, backend: 'docker' as never })).toThrow(/backend is "docker", not one of "auto"/);
});

test('bad choices fail naming the setting', async () => {
  await expect(selectChaosBackend({ env: { ROAM_CHAOS_BACKEND: 'docker' } as NodeJS.ProcessEnv })).rejects.toThrow(
    '[roam] Failed to select a chaos backend: ROAM_CHAOS_BACKEND is "docker", not one of "auto", "embedded", "external", "container". Set ROAM_CHAOS_BACKEND to one of those.',
  );
  await expect(selectChaosBackend({ env: NO_ENV, backend: 'external' })).rejects.toThrow(/no URL: neither url nor TOXIPROXY_URL is set/);
  const started = performance.now();
  await expect(selectChaosBackend({ env: NO_ENV, url: 'http://127.0.0.1:1' })).rejects.toMatchObject({
    code: 'ROAM_CHAOS_BACKEND_UNREACHABLE',
  });
  expect(performance.now() - started).toBeLessThan(4_000);
});

test('container detection answers quickly, with a one-line reason', async () => {
  const started = performance.now();
  const runtime = await detectContainerRuntime({ timeoutMs: 3_000 });
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(runtime.reason).not.toContain('\n');
  if (!runtime.available) expect(runtime.reason).toMatch(/^no container runtime: /);
});

test('the container backend, asked for without a runtime, fails with the reason', async () => {
  const runtime = await detectContainerRuntime({ timeoutMs: 3_000 });
  test.skip(runtime.available, 'a container runtime is present: the real container test below covers it');
  await expect(selectChaosBackend({ env: NO_ENV, backend: 'container', container: { detectTimeoutMs: 3_000 } })).rejects.toMatchObject({
    code: 'ROAM_CHAOS_NO_CONTAINER_RUNTIME',
    message: expect.stringContaining(runtime.reason),
  });
});

test('availability lists every backend with a reason', async () => {
  const answers = await availableChaosBackends({ env: NO_ENV, timeoutMs: 3_000 });
  expect(answers.map((a) => a.kind)).toEqual(['embedded', 'external', 'container']);
  expect(answers[0]).toEqual({ kind: 'embedded', available: true, reason: 'in-process, nothing to install' });
  expect(answers[1]).toEqual({ kind: 'external', available: false, reason: 'TOXIPROXY_URL is not set' });
  for (const answer of answers) expect(answer.reason.length).toBeGreaterThan(0);
});

test('container addressing: proxy ports from the pool, mapped ports for clients, host names for upstreams', async () => {
  const exposed: number[] = [];
  const addressing = containerAddressing(
    { getHost: () => 'localhost', getMappedPort: (port) => port + 40_000 },
    'port-forwarder',
    async (port) => {
      exposed.push(port);
    },
  );
  expect(addressing.listenFor('127.0.0.1')).toBe('0.0.0.0:8666');
  expect(addressing.listenFor('127.0.0.1')).toBe('0.0.0.0:8667');
  expect(addressing.clientAddress('[::]:8667')).toBe('localhost:48667');
  expect(await addressing.upstreamFor('127.0.0.1:5000')).toBe('host.testcontainers.internal:5000');
  expect(exposed).toEqual([5000]);
  addressing.release('0.0.0.0:8666');
  expect(addressing.listenFor('127.0.0.1')).toBe('0.0.0.0:8666');
  for (let i = 0; i < 30; i++) addressing.listenFor('127.0.0.1');
  expect(() => addressing.listenFor('127.0.0.1')).toThrow(/all 32 proxy ports the Toxiproxy container exposes are in use/);

  const gateway = containerAddressing({ getHost: () => 'localhost', getMappedPort: (p) => p }, 'host-gateway', async () => {
    throw new Error('not used');
  });
  expect(await gateway.upstreamFor('127.0.0.1:5000')).toBe('host.docker.internal:5000');
});

test('the real Toxiproxy in a container proxies a link from the host', async () => {
  const runtime = await detectContainerRuntime({ timeoutMs: 3_000 });
  test.skip(!runtime.available, runtime.reason);
  test.setTimeout(180_000);
  const { createServer } = await import('node:http');
  const server = createServer((_, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await using backend = await selectChaosBackend({ env: NO_ENV, backend: 'container' });
    expect(backend.kind).toBe('container');
    const chaos = new ChaosNetwork(backend);
    const link = await chaos.addLink('host -> web', `127.0.0.1:${(server.address() as { port: number }).port}`);
    expect(await (await fetch(`http://${link.listen}/`)).text()).toBe('ok');
    await expect(chaos.link('host -> web').loss({ percent: 5 })).rejects.toMatchObject({ code: 'ROAM_CHAOS_EMBEDDED_ONLY' });
    await chaos.removeLinks();
  } finally {
    server.close();
  }
});
