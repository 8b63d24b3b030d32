import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import { startEmbeddedToxiproxy } from './index.js';
import { call, portOf } from './test-support/api.js';
import { roundTrip } from './test-support/proxied-echo.js';
import { connectClient, startEchoServer } from './test-support/tcp-peers.js';

// A repeated /populate or update that names the same listen address in other
// words (localhost:P for 127.0.0.1:P) is no change: the proxy keeps its toxics
// and its live connections. An update or replacement that cannot listen leaves
// the proxy as it was.

interface ProxyBody {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: { name: string }[];
}

const json = <T>(body: string) => JSON.parse(body) as T;

async function stage() {
  const echo = await startEchoServer();
  const toxiproxy = await startEmbeddedToxiproxy();
  const upstream = `127.0.0.1:${echo.port}`;
  const created = await call(toxiproxy.url, 'POST', '/proxies', JSON.stringify({ name: 'hlr', listen: 'localhost:0', upstream }));
  const proxy = json<ProxyBody>(created.body);
  const toxic = await call(toxiproxy.url, 'POST', '/proxies/hlr/toxics', '{"name":"slow","type":"latency","attributes":{"latency":1}}');
  expect([created.status, toxic.status]).toEqual([201, 200]);
  const port = portOf(proxy.listen);
  const connection = await connectClient(port);
  await roundTrip(connection);
  const show = async () => json<ProxyBody>((await call(toxiproxy.url, 'GET', '/proxies/hlr')).body);
  return {
    url: toxiproxy.url,
    upstream,
    port,
    connection,
    show,
    async [Symbol.asyncDispose]() {
      connection.socket.destroy();
      await toxiproxy.close();
      await echo.close();
    },
  };
}

test('populate with localhost:P keeps the proxy bound at 127.0.0.1:P, its toxics and its live connection', async () => {
  await using s = await stage();
  for (const listen of [`localhost:${s.port}`, `127.0.0.1:${s.port}`, `LOCALHOST:${s.port}`]) {
    const res = await call(s.url, 'POST', '/populate', JSON.stringify([{ name: 'hlr', listen, upstream: s.upstream }]));
    expect(res.status).toBe(201);
    const [kept] = json<{ proxies: ProxyBody[] }>(res.body).proxies;
    expect(kept).toMatchObject({ listen: `127.0.0.1:${s.port}`, enabled: true, toxics: [{ name: 'slow' }] });
  }
  // The connection opened before the populates still carries data.
  await roundTrip(s.connection);
  expect(s.connection.closeAt).toBeUndefined();
});

test('an update naming the same address in other words changes nothing; a new upstream closes connections only', async () => {
  await using s = await stage();
  const same = await call(s.url, 'POST', '/proxies/hlr', JSON.stringify({ listen: `localhost:${s.port}` }));
  expect(same.status).toBe(200);
  expect(json<ProxyBody>(same.body)).toMatchObject({ listen: `127.0.0.1:${s.port}`, enabled: true, toxics: [{ name: 'slow' }] });
  await roundTrip(s.connection);

  await using other = await startEchoServer();
  const moved = await call(s.url, 'PATCH', '/proxies/hlr', JSON.stringify({ upstream: `127.0.0.1:${other.port}` }));
  expect(json<ProxyBody>(moved.body)).toMatchObject({ listen: `127.0.0.1:${s.port}`, upstream: `127.0.0.1:${other.port}` });
  await s.connection.closed();
  await using fresh = await connectClient(s.port);
  await roundTrip(fresh);
  expect(other.sockets).toHaveLength(1);
});

test('a failed update with a bad listen leaves the proxy as it was, connections included', async () => {
  await using s = await stage();
  const before = await s.show();
  const bad = await call(s.url, 'POST', '/proxies/hlr', '{"listen":"bad"}');
  expect(bad.status).toBe(500);
  expect(json<{ error: string }>(bad.body).error).toBe('listen tcp: address bad: missing port in address');
  expect(await s.show()).toEqual(before);
  await roundTrip(s.connection);

  // A port held by someone else: the same.
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    const taken = (holder.address() as { port: number }).port;
    const busy = await call(s.url, 'POST', '/proxies/hlr', JSON.stringify({ listen: `127.0.0.1:${taken}`, upstream: '127.0.0.1:9' }));
    expect(json<{ error: string }>(busy.body).error).toBe(`listen tcp 127.0.0.1:${taken}: bind: address already in use`);
    expect(await s.show()).toEqual(before);
    await roundTrip(s.connection);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

test('enabling a disabled proxy on a bad listen fails and leaves it disabled with its settings', async () => {
  await using s = await stage();
  expect((await call(s.url, 'POST', '/proxies/hlr', '{"enabled":false}')).status).toBe(200);
  await s.connection.closed();
  const before = await s.show();
  expect(before.enabled).toBe(false);
  const bad = await call(s.url, 'POST', '/proxies/hlr', '{"listen":"bad","enabled":true}');
  expect(bad.status).toBe(500);
  expect(await s.show()).toEqual(before);
  // Disabled proxies may hold any listen text, as in Toxiproxy.
  const parked = await call(s.url, 'POST', '/proxies/hlr', '{"listen":"bad"}');
  expect(json<ProxyBody>(parked.body)).toMatchObject({ listen: 'bad', enabled: false });
});

test('a populate that cannot start a replacement leaves the proxy it would replace serving', async () => {
  await using s = await stage();
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    const taken = (holder.address() as { port: number }).port;
    const res = await call(
      s.url,
      'POST',
      '/populate',
      JSON.stringify([{ name: 'hlr', listen: `127.0.0.1:${taken}`, upstream: s.upstream }]),
    );
    expect(res.status).toBe(500);
    expect(json<{ error: string }>(res.body).error).toBe(`listen tcp 127.0.0.1:${taken}: bind: address already in use`);
    expect(await s.show()).toMatchObject({ listen: `127.0.0.1:${s.port}`, enabled: true, toxics: [{ name: 'slow' }] });
    await roundTrip(s.connection);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});
