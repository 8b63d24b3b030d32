import { test, expect } from '@playwright/test';
import { startEmbeddedToxiproxy, EMBEDDED_TOXIPROXY_VERSION } from './index.js';
import { freePort, GoStyleClient, isListening, toxicNamed } from './test-support/go-style-client.js';

// Toxiproxy's own API tests (Shopify/toxiproxy api_test.go), told again in
// our words and run against the embedded server over HTTP: one test here per
// Go test, named after it. This file: the server endpoints and proxies.
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

test('TestRequestId: every answer carries X-Toxiproxy-Request-Id', async () => {
  await withServer(async (_client, url) => {
    const res = await fetch(`${url}/version`, { headers: { 'user-agent': 'curl' } });
    expect(res.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
  });
});

test('TestBrowserGets403: a browser user agent is turned away', async () => {
  await withServer(async (_client, url) => {
    const agent =
      'Mozilla/5.0 (Linux; Android 4.4.2); Nexus 5 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/33.0 Mobile Safari/537.36';
    expect((await fetch(`${url}/proxies`, { headers: { 'user-agent': agent } })).status).toBe(403);
  });
});

test('TestNonBrowserGets200: other user agents are served', async () => {
  await withServer(async (_client, url) => {
    expect((await fetch(`${url}/proxies`, { headers: { 'user-agent': 'Wget/2.1' } })).status).not.toBe(403);
  });
});

test('TestIndexWithNoProxies: a new server lists no proxies', async () => {
  await withServer(async (client) => {
    expect(await client.proxies()).toEqual({});
  });
});

test('TestCreateProxyBlankName: a proxy without a name is refused', async () => {
  await withServer(async (client) => {
    expect(await failureOf(client.createProxy('', '', ''))).toBe('Create: HTTP 400: missing required field: name');
  });
});

test('TestCreateProxyBlankUpstream: a proxy without an upstream is refused', async () => {
  await withServer(async (client) => {
    expect(await failureOf(client.createProxy('test', '', ''))).toBe('Create: HTTP 400: missing required field: upstream');
  });
});

test('TestListingProxies: a created proxy is listed with the address it bound', async () => {
  await withServer(async (client) => {
    const port = await freePort();
    await client.createProxy('mysql_master', `localhost:${port}`, UPSTREAM);
    const proxy = (await client.proxies())['mysql_master'];
    expect(proxy).toMatchObject({ name: 'mysql_master', listen: `127.0.0.1:${port}`, upstream: UPSTREAM });
    expect(toxicNamed(proxy!.toxics, 'latency')).toBeUndefined();
  });
});

test('TestCreateAndGetProxy: a created proxy can be fetched by name, enabled', async () => {
  await withServer(async (client) => {
    const port = await freePort();
    await client.createProxy('mysql_master', `localhost:${port}`, UPSTREAM);
    const proxy = await client.proxy('mysql_master');
    expect(proxy).toMatchObject({ name: 'mysql_master', listen: `127.0.0.1:${port}`, upstream: UPSTREAM, enabled: true });
    expect(toxicNamed(proxy.toxics, 'latency')).toBeUndefined();
  });
});

test('TestCreateProxyWithSave: saving a new enabled proxy creates it and it listens', async () => {
  await withServer(async (client) => {
    const port = await freePort();
    await client.newProxy({ name: 'mysql_master', listen: `localhost:${port}`, upstream: UPSTREAM, enabled: true }).save();
    const proxy = await client.proxy('mysql_master');
    expect(proxy).toMatchObject({ name: 'mysql_master', listen: `127.0.0.1:${port}`, upstream: UPSTREAM, enabled: true });
    expect(await isListening(proxy.listen)).toBe(true);
  });
});

test('TestCreateDisabledProxy: a disabled proxy keeps its listen text and does not listen', async () => {
  await withServer(async (client) => {
    const port = await freePort();
    await client.newProxy({ name: 'mysql_master', listen: `localhost:${port}`, upstream: UPSTREAM }).save();
    const proxy = await client.proxy('mysql_master');
    expect(proxy).toMatchObject({ name: 'mysql_master', listen: `localhost:${port}`, upstream: UPSTREAM, enabled: false });
    expect(await isListening(proxy.listen)).toBe(false);
  });
});

test('TestCreateDisabledProxyAndEnable: a disabled proxy starts and stops listening as it is enabled and disabled', async () => {
  await withServer(async (client) => {
    const port = await freePort();
    await client.newProxy({ name: 'mysql_master', listen: `localhost:${port}`, upstream: UPSTREAM }).save();
    const proxy = await client.proxy('mysql_master');
    expect(proxy).toMatchObject({ listen: `localhost:${port}`, enabled: false });
    proxy.enabled = true;
    await proxy.save();
    expect(await isListening(proxy.listen)).toBe(true);
    proxy.enabled = false;
    await proxy.save();
    expect(await isListening(proxy.listen)).toBe(false);
  });
});

test('TestDeleteProxy: a deleted proxy stops listening and leaves the list; deleting it again is 404', async () => {
  await withServer(async (client) => {
    const proxy = await client.createProxy('mysql_master', `localhost:${await freePort()}`, UPSTREAM);
    expect(Object.keys(await client.proxies())).toHaveLength(1);
    expect(await isListening(proxy.listen)).toBe(true);
    await proxy.delete();
    expect(await isListening(proxy.listen)).toBe(false);
    expect(await client.proxies()).toEqual({});
    expect(await failureOf(proxy.delete())).toBe('Delete: HTTP 404: proxy not found');
  });
});

test('TestCreateProxyPortConflict: a second proxy on a taken address fails with the bind error until the first is gone', async () => {
  await withServer(async (client) => {
    const port = await freePort();
    const first = await client.createProxy('mysql_master', `localhost:${port}`, UPSTREAM);
    expect(await failureOf(client.createProxy('test', `localhost:${port}`, UPSTREAM))).toBe(
      `Create: HTTP 500: listen tcp 127.0.0.1:${port}: bind: address already in use`,
    );
    await first.delete();
    await client.createProxy('test', `localhost:${port}`, UPSTREAM);
  });
});

test('TestCreateProxyNameConflict: a second proxy with a taken name is 409 until the first is gone', async () => {
  await withServer(async (client) => {
    const first = await client.createProxy('mysql_master', `localhost:${await freePort()}`, UPSTREAM);
    const other = `localhost:${await freePort()}`;
    expect(await failureOf(client.createProxy('mysql_master', other, UPSTREAM))).toBe('Create: HTTP 409: proxy already exists');
    await first.delete();
    await client.createProxy('mysql_master', other, UPSTREAM);
  });
});

test('TestVersionEndpointReturnsVersion: /version answers the running version', async () => {
  await withServer(async (_client, url) => {
    const body = await (await fetch(`${url}/version`)).text();
    expect(body).toBe(`{"version": "${EMBEDDED_TOXIPROXY_VERSION}"}\n`);
  });
});
