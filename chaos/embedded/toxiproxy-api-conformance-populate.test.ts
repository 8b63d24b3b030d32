import { test, expect } from '@playwright/test';
import { startEmbeddedToxiproxy } from './index.js';
import { freePort, GoStyleClient, isListening, toxicNamed } from './test-support/go-style-client.js';

// Toxiproxy's own API tests (Shopify/toxiproxy api_test.go), told again in
// our words and run against the embedded server over HTTP: one test here per
// Go test, named after it. This file: /populate and /reset.
// Each test gets a fresh server, where the Go tests clear a shared one.
// Fixed ports of the Go tests become ports found free at the start.

const UPSTREAM = 'localhost:9';

async function withServer(run: (client: GoStyleClient, url: string) => Promise<void>): Promise<void> {
  await using server = await startEmbeddedToxiproxy();
  await run(new GoStyleClient(server.url), server.url);
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error as Error).message,
  );

test('TestPopulateProxy: populate creates every proxy, in order, listening', async () => {
  await withServer(async (client) => {
    const proxies = await client.populate([
      { name: 'one', listen: `localhost:${await freePort()}`, upstream: UPSTREAM, enabled: true },
      { name: 'two', listen: `localhost:${await freePort()}`, upstream: UPSTREAM, enabled: true },
    ]);
    expect(proxies.map((p) => p.name)).toEqual(['one', 'two']);
    for (const proxy of proxies) expect(await isListening(proxy.listen)).toBe(true);
  });
});

test('TestPopulateDefaultEnabled: a populated proxy without "enabled" is enabled', async () => {
  await withServer(async (client, url) => {
    const body = `[{"name": "test", "listen": "localhost:${await freePort()}", "upstream": "${UPSTREAM}"}]`;
    const res = await fetch(`${url}/populate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(201);
    const proxies = await client.proxies();
    expect(Object.keys(proxies)).toEqual(['test']);
    expect(await isListening(proxies['test']!.listen)).toBe(true);
  });
});

test('TestPopulateDisabledProxy: a proxy populated disabled does not listen, its neighbour does', async () => {
  await withServer(async (client) => {
    const [off, on] = [`localhost:${await freePort()}`, `localhost:${await freePort()}`];
    const proxies = await client.populate([
      { name: 'one', listen: off, upstream: UPSTREAM, enabled: false },
      { name: 'two', listen: on, upstream: UPSTREAM, enabled: true },
    ]);
    expect(proxies.map((p) => p.name)).toEqual(['one', 'two']);
    expect(await isListening(off)).toBe(false);
    expect(await isListening(on)).toBe(true);
  });
});

test('TestPopulateExistingProxy: populate keeps a proxy whose address is the same once resolved, toxics and all', async () => {
  await withServer(async (client) => {
    const [port1, port2, port3] = [await freePort(), await freePort(), await freePort()];
    const one = await client.createProxy('one', `localhost:${port1}`, UPSTREAM);
    await client.createProxy('two', `localhost:${port2}`, UPSTREAM);
    // A toxic shows whether "one" was kept or replaced.
    await one.addToxic('', 'latency', 'downstream', 1, null);

    // The address "one" was created with, and the address it reports: both are the proxy it has.
    for (const listen of [`127.0.0.1:${port1}`, `localhost:${port1}`]) {
      const proxies = await client.populate([
        { name: 'one', listen, upstream: UPSTREAM, enabled: true },
        { name: 'two', listen: `127.0.0.1:${port3}`, upstream: UPSTREAM, enabled: true },
      ]);
      expect(proxies.map((p) => p.name)).toEqual(['one', 'two']);
      expect(proxies.map((p) => p.listen)).toEqual([`127.0.0.1:${port1}`, `127.0.0.1:${port3}`]);
      const toxics = await one.listToxics();
      expect(toxics.map((t) => t.type)).toEqual(['latency']);
      for (const proxy of proxies) expect(await isListening(proxy.listen)).toBe(true);
    }
  });
});

test('TestPopulateWithBadName: a nameless entry fails the whole populate before anything is created', async () => {
  await withServer(async (client) => {
    const failure = await failureOf(
      client.populate([
        { name: 'one', listen: `localhost:${await freePort()}`, upstream: UPSTREAM, enabled: true },
        { name: '', listen: '', upstream: '', enabled: true },
      ]),
    );
    expect(failure).toBe('Populate: HTTP 400: missing required field: name at proxy 2');
    expect(await client.proxies()).toEqual({});
  });
});

test('TestPopulateProxyWithBadDataShouldReturnError: a bad listen stops populate after the proxies before it', async () => {
  await withServer(async (client) => {
    const failure = await failureOf(
      client.populate([
        { name: 'one', listen: `localhost:${await freePort()}`, upstream: UPSTREAM, enabled: true },
        { name: 'two', listen: 'local373', upstream: UPSTREAM, enabled: true },
        { name: 'three', listen: `localhost:${await freePort()}`, upstream: UPSTREAM, enabled: true },
      ]),
    );
    expect(failure).toBe('Populate: HTTP 500: listen tcp: address local373: missing port in address');
    const proxies = await client.proxies();
    expect(Object.keys(proxies)).toEqual(['one']);
    expect(await isListening(proxies['one']!.listen)).toBe(true);
  });
});

test('TestPopulateAddToxic: a populated proxy takes toxics', async () => {
  await withServer(async (client) => {
    const [one] = await client.populate([{ name: 'one', listen: `localhost:${await freePort()}`, upstream: UPSTREAM, enabled: true }]);
    expect(one?.name).toBe('one');
    await one!.addToxic('', 'latency', 'downstream', 1, null);
  });
});

test('TestResetState: reset removes toxics and leaves proxies enabled and listening', async () => {
  await withServer(async (client) => {
    const proxy = await client.createProxy('mysql_master', `localhost:${await freePort()}`, UPSTREAM);
    const latency = await proxy.addToxic('', 'latency', 'downstream', 1, { latency: 100, jitter: 10 });
    expect(latency.attributes).toEqual({ latency: 100, jitter: 10 });
    await client.resetState();
    const after = (await client.proxies())['mysql_master'];
    expect(after?.enabled).toBe(true);
    const toxics = await (await client.proxy('mysql_master')).listToxics();
    expect(toxicNamed(toxics, 'latency_downstream')).toBeUndefined();
    expect(toxics).toEqual([]);
    expect(await isListening(after!.listen)).toBe(true);
  });
});
