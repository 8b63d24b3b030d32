import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy } from './index.js';
import { call, errorBody, portOf } from './test-support/api.js';
import { connectClient, startEchoServer, startSinkServer } from './test-support/tcp-peers.js';

test('POST /proxies answers 201 with the bound address, in Go field order', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const created = await call(toxiproxy.url, 'POST', '/proxies', '{"name":"hlr","listen":"localhost:0","upstream":"127.0.0.1:9"}');
  expect(created.status).toBe(201);
  expect(created.headers.get('content-type')).toBe('application/json');
  expect(created.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
  const listen = (JSON.parse(created.body) as { listen: string }).listen;
  expect(listen).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(portOf(listen)).toBeGreaterThan(0);
  expect(created.body).toBe(`{"name":"hlr","listen":"${listen}","upstream":"127.0.0.1:9","enabled":true,"Logger":{},"toxics":[]}`);

  const shown = await call(toxiproxy.url, 'GET', '/proxies/hlr');
  expect(shown.status).toBe(200);
  expect(shown.body).toBe(created.body);
  expect(shown.headers.get('x-toxiproxy-request-id')).not.toBe(created.headers.get('x-toxiproxy-request-id'));
});

test('the client creates, lists (sorted by name) and gets proxies', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  expect((await call(toxiproxy.url, 'GET', '/proxies')).body).toBe('{}');

  for (const name of ['vlr', 'billing', 'hlr']) {
    const proxy = await client.createProxy({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    expect(proxy.enabled).toBe(true);
  }
  expect(Object.keys(await client.getAll())).toEqual(['billing', 'hlr', 'vlr']);
  const listed = await call(toxiproxy.url, 'GET', '/proxies');
  expect(Object.keys(JSON.parse(listed.body) as object)).toEqual(['billing', 'hlr', 'vlr']);
  expect(listed.body.endsWith('\n')).toBe(false);
  expect((await client.get('hlr')).upstream).toBe('127.0.0.1:9');
});

test('a disabled proxy is created without listening and keeps its listen text', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const res = await call(toxiproxy.url, 'POST', '/proxies', '{"name":"off","listen":"localhost:0","upstream":"x:1","enabled":false}');
  expect(res.status).toBe(201);
  expect(res.body).toBe('{"name":"off","listen":"localhost:0","upstream":"x:1","enabled":false,"Logger":{},"toxics":[]}');
});

test('create errors: duplicate, missing fields, port in use', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const create = (body: string) => call(toxiproxy.url, 'POST', '/proxies', body);
  expect((await create('{"name":"a","upstream":"x:1","listen":"127.0.0.1:0"}')).status).toBe(201);

  const duplicate = await create('{"name":"a","upstream":"x:1","listen":"127.0.0.1:0"}');
  expect([duplicate.status, duplicate.body]).toEqual([409, errorBody('proxy already exists', 409)]);
  expect(duplicate.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(duplicate.headers.get('x-content-type-options')).toBe('nosniff');
  expect((await create('{"upstream":"x:1"}')).body).toBe(errorBody('missing required field: name', 400));
  expect((await create('{"name":"b"}')).body).toBe(errorBody('missing required field: upstream', 400));

  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const port = (blocker.address() as { port: number }).port;
    const busy = await create(`{"name":"c","upstream":"x:1","listen":"127.0.0.1:${port}"}`);
    expect([busy.status, busy.body]).toEqual([500, errorBody(`listen tcp 127.0.0.1:${port}: bind: address already in use`, 500)]);
    expect((await create('{"name":"d","upstream":"x:1","listen":"localhost"}')).body).toBe(
      errorBody('listen tcp: address localhost: missing port in address', 500),
    );
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
  expect(Object.keys(JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body) as object)).toEqual(['a']);
  expect((await call(toxiproxy.url, 'GET', '/proxies/zzz')).body).toBe(errorBody('proxy not found', 404));
});

test('update by POST and PATCH is partial; disabling refuses new and closes live connections', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  const port = portOf(proxy.listen);
  await using live = await connectClient(port);

  const disabled = await call(toxiproxy.url, 'PATCH', '/proxies/echo', '{"enabled":false}');
  expect(disabled.status).toBe(200);
  expect(disabled.body).toBe(
    `{"name":"echo","listen":"${proxy.listen}","upstream":"127.0.0.1:${echo.port}","enabled":false,"Logger":{},"toxics":[]}`,
  );
  await live.closed();
  await expect(connectClient(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

  const enabled = await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
  expect(enabled.enabled).toBe(true);
  expect(enabled.listen).toBe(proxy.listen);
  await using again = await connectClient(port);
  again.socket.write('back');
  await again.waitForBytes(4);
  expect((await call(toxiproxy.url, 'PATCH', '/proxies/nope', '{}')).status).toBe(404);
  expect((await call(toxiproxy.url, 'POST', '/proxies/echo', '')).body).toBe(errorBody('bad request body: EOF', 400));
});

test('changing listen rebinds; changing upstream applies to new connections', async () => {
  await using first = await startEchoServer();
  await using second = await startSinkServer();
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: `127.0.0.1:${first.port}` });

  const { listen } = await proxy.update({ enabled: true, listen: '127.0.0.1:0', upstream: proxy.upstream });
  expect(listen).not.toBe(proxy.listen);
  await expect(connectClient(portOf(proxy.listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' });

  const rerouted = await client.get('p').then((p) => p.update({ enabled: true, listen, upstream: `127.0.0.1:${second.port}` }));
  expect(rerouted.upstream).toBe(`127.0.0.1:${second.port}`);
  await using connection = await connectClient(portOf(listen));
  connection.socket.write('to the sink');
  expect((await second.waitForBytes(11)).toString()).toBe('to the sink');
});

test('DELETE /proxies/{p} answers 204 and closes its connections', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: 'gone', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await using live = await connectClient(portOf(proxy.listen));
  live.socket.write('x');
  await live.waitForBytes(1);

  const deleted = await call(toxiproxy.url, 'DELETE', '/proxies/gone');
  expect([deleted.status, deleted.body, deleted.headers.get('content-type')]).toEqual([204, '', null]);
  await live.closed();
  await expect(connectClient(portOf(proxy.listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect((await call(toxiproxy.url, 'DELETE', '/proxies/gone')).body).toBe(errorBody('proxy not found', 404));
  await expect(proxy.remove()).rejects.toThrow('Request failed with status code 404');
});
