import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy } from './index.js';
import { call, portOf } from './test-support/api.js';
import { connectClient, startEchoServer } from './test-support/tcp-peers.js';

interface ProxyBody {
  name: string;
  listen: string;
  enabled: boolean;
  toxics: unknown[];
}

test('POST /populate answers 201 with {"proxies":[...]}, and {"proxies":null} for []', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const proxies = await client.populate([
    { name: 'hlr', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' },
    { name: 'vlr', listen: 'localhost:0', upstream: '127.0.0.1:9', enabled: false },
  ]);
  expect(Object.keys(proxies)).toEqual(['hlr', 'vlr']);
  expect(proxies.hlr?.enabled).toBe(true);
  expect(proxies.vlr?.enabled).toBe(false);
  expect(proxies.vlr?.listen).toBe('localhost:0');

  const empty = await call(toxiproxy.url, 'POST', '/populate', '[]');
  expect([empty.status, empty.body, empty.headers.get('content-type')]).toEqual([201, '{"proxies":null}', 'application/json']);
  expect(empty.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
});

test('populate validates every entry before creating any, with JSON errors', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const populate = (body: string) => call(toxiproxy.url, 'POST', '/populate', body);

  const missing = await populate('[{"name":"a","upstream":"x:1","listen":"127.0.0.1:0"},{"name":"b"}]');
  expect(missing.status).toBe(400);
  expect(missing.headers.get('content-type')).toBe('application/json');
  expect(missing.body).toBe('{"error":"missing required field: upstream at proxy 2","status":400,"proxies":null}');
  expect((await populate('[{"upstream":"x:1"}]')).body).toBe(
    '{"error":"missing required field: name at proxy 1","status":400,"proxies":null}',
  );
  expect((await populate('')).body).toBe('{"error":"bad request body: EOF","status":400,"proxies":null}');
  expect((await populate('{}')).body).toBe(
    '{"error":"bad request body: json: cannot unmarshal object into Go value of type []struct { toxiproxy.Proxy; Enabled *bool \\"json:\\\\\\"enabled\\\\\\"\\" }","status":400,"proxies":null}',
  );
  expect((await call(toxiproxy.url, 'GET', '/proxies')).body).toBe('{}');
});

test('populate keeps an identical proxy (toxics and all) and replaces one that differs', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const kept = await client.createProxy({ name: 'kept', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await kept.addToxic({ name: 'slow', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 10, jitter: 0 } });
  const replaced = await client.createProxy({ name: 'replaced', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  await replaced.addToxic({ name: 'cut', type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } });

  const res = await call(
    toxiproxy.url,
    'POST',
    '/populate',
    JSON.stringify([
      { name: 'kept', listen: kept.listen, upstream: `127.0.0.1:${echo.port}` },
      { name: 'replaced', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' },
    ]),
  );
  expect(res.status).toBe(201);
  const [first, second] = (JSON.parse(res.body) as { proxies: ProxyBody[] }).proxies;
  expect(first).toMatchObject({ name: 'kept', listen: kept.listen, enabled: true });
  expect(first?.toxics).toHaveLength(1);
  expect(second?.toxics).toEqual([]);
  expect(second?.listen).not.toBe(replaced.listen);
  await expect(connectClient(portOf(replaced.listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});

test('a listen failure stops populate with 500 and the proxies created so far', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const port = (blocker.address() as { port: number }).port;
    const res = await call(
      toxiproxy.url,
      'POST',
      '/populate',
      `[{"name":"ok","listen":"127.0.0.1:0","upstream":"x:1"},{"name":"busy","listen":"127.0.0.1:${port}","upstream":"x:1"}]`,
    );
    expect(res.status).toBe(500);
    const body = JSON.parse(res.body) as { error: string; status: number; proxies: ProxyBody[] };
    expect(body.error).toBe(`listen tcp 127.0.0.1:${port}: bind: address already in use`);
    expect(body.status).toBe(500);
    expect(body.proxies.map((p) => p.name)).toEqual(['ok']);
    expect(res.body.startsWith('{"error":')).toBe(true);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('POST /reset removes every toxic and re-enables disabled proxies', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await proxy.addToxic({ name: 'up', type: 'latency', stream: 'upstream', toxicity: 1, attributes: { latency: 5000, jitter: 0 } });
  await proxy.addToxic({ name: 'down', type: 'bandwidth', stream: 'downstream', toxicity: 1, attributes: { rate: 1 } });
  await using live = await connectClient(portOf(proxy.listen));
  await client
    .createProxy({ name: 'off', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' })
    .then((p) => p.update({ enabled: false, listen: p.listen, upstream: p.upstream }));

  const reset = await call(toxiproxy.url, 'POST', '/reset');
  expect([reset.status, reset.body]).toEqual([204, '']);
  expect(reset.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
  await client.reset();

  const all = await client.getAll();
  expect(all.off?.enabled).toBe(true);
  expect(JSON.parse((await call(toxiproxy.url, 'GET', '/proxies/echo/toxics')).body)).toEqual([]);
  // The live connection lost its toxics too: a round trip is fast again.
  const started = performance.now();
  live.socket.write('fast');
  await live.waitForBytes(4);
  expect(performance.now() - started).toBeLessThan(2000);
});
