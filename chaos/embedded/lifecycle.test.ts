import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import {
  EMBEDDED_TOXIPROXY_VERSION,
  EmbeddedToxiproxyError,
  INTERRUPTED,
  TIMED_OUT,
  createDefaultToxicTypes,
  defineToxicType,
  startEmbeddedToxiproxy,
  type ToxicStub,
} from './index.js';
import { call, portOf } from './test-support/api.js';
import { connectClient, startEchoServer } from './test-support/tcp-peers.js';

test('starts on 127.0.0.1 with an ephemeral port and reports its version', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  expect(toxiproxy.host).toBe('127.0.0.1');
  expect(toxiproxy.port).toBeGreaterThan(0);
  expect(toxiproxy.url).toBe(`http://127.0.0.1:${toxiproxy.port}`);

  const client = new Toxiproxy(toxiproxy.url);
  expect(await client.getVersion()).toBe(`{"version": "${EMBEDDED_TOXIPROXY_VERSION}"}\n`);
  expect(EMBEDDED_TOXIPROXY_VERSION).toMatch(/^2\.12\.0\+/);

  const version = await call(toxiproxy.url, 'GET', '/version');
  expect(version.status).toBe(200);
  expect(version.headers.get('content-type')).toBe('application/json;charset=utf-8');
  expect(version.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
});

test('close() shuts the API, every proxy listener and every live connection', async () => {
  await using echo = await startEchoServer();
  const toxiproxy = await startEmbeddedToxiproxy();
  // Closed by the test itself below; this only runs when the test fails before that.
  await using _closeOnFailure = { [Symbol.asyncDispose]: () => toxiproxy.close() };
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await using connection = await connectClient(portOf(proxy.listen));
  connection.socket.write('ping');
  await connection.waitForBytes(4);
  // Keep an idle keep-alive connection to the API open, as fetch does.
  await call(toxiproxy.url, 'GET', '/proxies');

  await toxiproxy.close();
  await toxiproxy.close(); // a second close is harmless

  await connection.closed();
  await expect(connectClient(portOf(proxy.listen))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  await expect(fetch(`${toxiproxy.url}/version`)).rejects.toThrow();
});

test('await using closes the server', async () => {
  let url = '';
  {
    await using toxiproxy = await startEmbeddedToxiproxy();
    url = toxiproxy.url;
    expect((await call(url, 'GET', '/proxies')).body).toBe('{}');
  }
  await expect(fetch(`${url}/version`)).rejects.toThrow();
});

test('a port that is taken or invalid fails with a [roam] error', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const port = (blocker.address() as { port: number }).port;
    const taken = startEmbeddedToxiproxy({ port });
    await expect(taken).rejects.toBeInstanceOf(EmbeddedToxiproxyError);
    await expect(taken).rejects.toThrow(
      `[roam] Failed to start the embedded Toxiproxy on 127.0.0.1:${port}: EADDRINUSE. Choose a free port`,
    );
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
  await expect(startEmbeddedToxiproxy({ port: 70_000 })).rejects.toMatchObject({ code: 'ROAM_TOXIPROXY_OPTIONS' });
});

test('embedded-only toxic types can be registered on a registry of their own', async () => {
  // A test-only type: it upper-cases ASCII letters. The server ships none of these.
  const types = createDefaultToxicTypes().register(
    defineToxicType({
      name: 'shout',
      goStruct: 'ShoutToxic',
      attributes: { times: 'int64' },
      async pipe(stub: ToxicStub) {
        for (;;) {
          const chunk = await stub.read();
          if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
          if (chunk === null) return stub.close();
          await stub.write({ ...chunk, data: Buffer.from(chunk.data.toString('latin1').toUpperCase(), 'latin1') });
        }
      },
    }),
  );
  expect(() => types.register({ ...types.get('latency')! })).toThrow(
    '[roam] Failed to register toxic type "latency": a toxic type with that name is already registered.',
  );

  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy({ toxicTypes: types });
  const proxy = await new Toxiproxy(toxiproxy.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  const toxic = await call(toxiproxy.url, 'POST', '/proxies/p/toxics', '{"type":"shout"}');
  expect(toxic.body).toBe('{"attributes":{"times":0},"name":"shout_downstream","type":"shout","stream":"downstream","toxicity":1}');
  await using connection = await connectClient(portOf(proxy.listen));
  connection.socket.write('hello');
  await connection.waitForBytes(5);
  expect(connection.received().toString()).toBe('HELLO');

  // A server started without the registry knows only Toxiproxy's own types.
  await using plain = await startEmbeddedToxiproxy();
  await new Toxiproxy(plain.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'x:1', enabled: false });
  expect((await call(plain.url, 'POST', '/proxies/p/toxics', '{"type":"shout"}')).status).toBe(400);
});
