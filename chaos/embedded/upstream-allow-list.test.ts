import { test, expect } from '@playwright/test';
import type { LookupAddress } from 'node:dns';
import { EmbeddedToxiproxyError, startEmbeddedToxiproxy } from './index.js';
import { UpstreamAllowList } from './proxy/upstream-allow-list.js';
import { call, portOf } from './test-support/api.js';
import { roundTrip } from './test-support/proxied-echo.js';
import { connectClient, startEchoServer } from './test-support/tcp-peers.js';

// Toxiproxy proxies to any upstream, so whoever reaches its API can make it
// connect to a cloud metadata address from inside the network. A deployment
// can list the upstreams its proxies may reach.

const METADATA = '169.254.169.254:80';
const proxy = (name: string, upstream: string) => JSON.stringify({ name, listen: '127.0.0.1:0', upstream });
const errorOf = (body: string) => (JSON.parse(body) as { error: string }).error;

test('without an allow-list any upstream is taken, as in Toxiproxy (the documented risk)', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('imds', METADATA))).status).toBe(201);
});

test('with an allow-list, an upstream outside it is refused with 403 on create, update and populate', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy({ allowedUpstreams: ['127.0.0.0/8'] });
  const refused = await call(toxiproxy.url, 'POST', '/proxies', proxy('imds', METADATA));
  expect(refused.status).toBe(403);
  expect(errorOf(refused.body)).toBe(
    "upstream not allowed: 169.254.169.254:80 is not in this server's allow-list; use an allowed upstream, " +
      'or restart the server allowing it (roam toxiproxy --allow-upstream, or allowedUpstreams of startEmbeddedToxiproxy)',
  );

  const created = await call(toxiproxy.url, 'POST', '/proxies', proxy('hlr', `127.0.0.1:${echo.port}`));
  expect(created.status).toBe(201);
  await using connection = await connectClient(portOf((JSON.parse(created.body) as { listen: string }).listen));
  await roundTrip(connection);

  const moved = await call(toxiproxy.url, 'POST', '/proxies/hlr', JSON.stringify({ upstream: '[::ffff:169.254.169.254]:80' }));
  expect([moved.status, errorOf(moved.body)]).toEqual([
    403,
    expect.stringMatching(/^upstream not allowed: \[::ffff:169\.254\.169\.254\]:80 is not/),
  ]);
  expect((JSON.parse((await call(toxiproxy.url, 'GET', '/proxies/hlr')).body) as { upstream: string }).upstream).toBe(
    `127.0.0.1:${echo.port}`,
  );
  await roundTrip(connection);

  const populated = await call(toxiproxy.url, 'POST', '/populate', `[${proxy('vlr', '127.0.0.1:9')},${proxy('imds', METADATA)}]`);
  expect(populated.status).toBe(403);
  expect(JSON.parse(populated.body)).toMatchObject({
    error: expect.stringMatching(/^upstream not allowed at proxy 2: 169\.254/),
    proxies: null,
  });
  expect(Object.keys(JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body) as object)).toEqual(['hlr']);
});

test('host names pass when listed by name, or when they resolve into an allowed network', async () => {
  await using echo = await startEchoServer();
  await using byNetwork = await startEmbeddedToxiproxy({ allowedUpstreams: ['127.0.0.0/8'] });
  const viaLocalhost = await call(byNetwork.url, 'POST', '/proxies', proxy('hlr', `localhost:${echo.port}`));
  expect(viaLocalhost.status).toBe(201);
  // Connections use only the allowed addresses of the name.
  await using connection = await connectClient(portOf((JSON.parse(viaLocalhost.body) as { listen: string }).listen));
  await roundTrip(connection);

  await using byName = await startEmbeddedToxiproxy({ allowedUpstreams: ['hlr.roaming.test'] });
  expect((await call(byName.url, 'POST', '/proxies', proxy('hlr', 'HLR.roaming.test:3868'))).status).toBe(201);
  const other = await call(byName.url, 'POST', '/proxies', proxy('vlr', `localhost:${echo.port}`));
  expect([other.status, errorOf(other.body)]).toEqual([
    403,
    expect.stringMatching(/^upstream not allowed: localhost:\d+ resolves to .*none of which/),
  ]);
  expect(errorOf((await call(byName.url, 'POST', '/proxies', proxy('x', 'nohost'))).body)).toMatch(/nohost is not host:port/);
});

test('at connection time a name that resolves outside the list is refused (EACCES), so rebinding gains nothing', async () => {
  const allowed = UpstreamAllowList.parse(['10.0.0.0/8']);
  const answer = await new Promise<{ error: NodeJS.ErrnoException | null; found: string | LookupAddress[] }>((resolve) =>
    allowed.lookup('localhost', { all: true }, (error, found) => resolve({ error, found })),
  );
  expect(answer.error?.code).toBe('EACCES');
  const listed = UpstreamAllowList.parse(['localhost']);
  const ok = await new Promise<string | LookupAddress[]>((resolve, reject) =>
    listed.lookup('localhost', { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
  );
  expect((ok as LookupAddress[]).length).toBeGreaterThan(0);
});

test('a malformed allow-list entry stops the server from starting, naming the entry', async () => {
  for (const entry of ['10.0.0.0/33', 'not a host', '*.example.com', '1.2.3.4/8/1']) {
    const failure = await startEmbeddedToxiproxy({ allowedUpstreams: [entry] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EmbeddedToxiproxyError);
    expect((failure as Error).message).toContain(`allowedUpstreams: "${entry}" is not a host name`);
  }
});
