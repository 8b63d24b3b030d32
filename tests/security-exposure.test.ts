import { test, expect } from '@playwright/test';
import { Toxiproxy } from 'toxiproxy-node-client';
import { createServer, type AddressInfo } from 'node:net';
import { ChaosNetwork } from '../chaos/chaos-network.js';
import { startEmbeddedToxiproxy } from '../chaos/embedded/index.js';
import { call } from '../chaos/embedded/test-support/api.js';
import { withToxiproxyToken } from '../chaos/toxiproxy-token.js';
import { RoamingAgreements } from '../simulator/policy/agreements.js';
import { billingElement } from '../mocks/billing/element.js';
import { serveElement } from '../mocks/element/served-element.js';
import { HlrClient } from '../mocks/hlr/client.js';
import { hlrElement } from '../mocks/hlr/element.js';
import { ElementRequestError } from '../mocks/http/client.js';
import { serveHandler } from '../mocks/http/serve.js';
import { contractViolation, type CheckedProblem } from './support/problem-check.js';

// Exposure: listeners bind 127.0.0.1 unless told otherwise; the element admin
// APIs and the embedded Toxiproxy API take an optional bearer token; request
// bodies, proxies per server and toxics per proxy have limits with clear errors.

const TOKEN = 'test-token-5b1f';
const put = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Runs `fn` with environment variables set, restoring them after. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('every listener binds 127.0.0.1 by default: elements, plain handlers, the embedded Toxiproxy and its proxies', async () => {
  await using element = await serveElement(billingElement('262-01', new RoamingAgreements()));
  await using plain = await serveHandler(async () => new Response('ok'));
  await using toxiproxy = await startEmbeddedToxiproxy();
  expect([element.host, plain.host, toxiproxy.host]).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  expect(element.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(toxiproxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // A proxy created without a host in `listen` stays on loopback too (Go would bind every interface).
  for (const listen of ['', ':0']) {
    const created = await call(
      toxiproxy.url,
      'POST',
      '/proxies',
      JSON.stringify({ name: `p${listen.length}`, listen, upstream: '127.0.0.1:9' }),
    );
    expect(created.status).toBe(201);
    expect((JSON.parse(created.body) as { listen: string }).listen).toMatch(/^127\.0\.0\.1:\d+$/);
  }
});

test('the embedded Toxiproxy binds every interface for a host-less listen only when asked', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy({ listenOnAllInterfacesByDefault: true });
  const created = await call(toxiproxy.url, 'POST', '/proxies', '{"name":"p","listen":"","upstream":"127.0.0.1:9"}');
  expect(created.status).toBe(201);
  expect((JSON.parse(created.body) as { listen: string }).listen).toMatch(/^(\[::\]|0\.0\.0\.0):\d+$/);
});

test('an element admin API with a token answers 401 problem+json without it, and changes nothing', async () => {
  const lines: string[] = [];
  await using billing = await serveElement(billingElement('262-01', new RoamingAgreements()), {
    adminToken: TOKEN,
    logSink: (l) => lines.push(l),
  });
  const faults = `${billing.url}/admin/v1/faults`;
  for (const [headers, reason] of [
    [{}, 'missing bearer token'],
    [{ authorization: 'Bearer nope' }, 'wrong bearer token'],
    [{ authorization: `Basic ${TOKEN}` }, 'wrong bearer token'],
  ] as const) {
    const refused = await put(faults, { kind: 'error', status: 503 }, headers);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="billing:262-01 admin"');
    const problem = (await refused.clone().json()) as CheckedProblem;
    expect(await contractViolation(refused)).toBeUndefined();
    expect(problem.errors).toEqual([{ path: 'authorization', message: reason }]);
    expect(problem.detail).toContain('ROAM_ADMIN_TOKEN');
    expect(problem.detail).not.toContain(TOKEN);
    expect(billing.faults.current).toBeUndefined();
  }
  expect((await fetch(faults)).status).toBe(401);
  // With the token: served. Health and the element's own API stay open.
  expect((await put(faults, { kind: 'slow', delayMs: 1, count: 1 }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  expect(billing.faults.current).toMatchObject({ kind: 'slow' });
  expect((await fetch(`${billing.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${billing.url}/billing/v1/cdrs`)).status).toBe(200);
  // Refusals are logged like any answer, and the token never is.
  expect(lines.filter((l) => JSON.parse(l).status === 401)).toHaveLength(4);
  expect(lines.join('\n')).not.toContain(TOKEN);
});

test('the HLR admin API takes its token from ROAM_ADMIN_TOKEN, and the typed client sends it from there too', async () => {
  await withEnv({ ROAM_ADMIN_TOKEN: TOKEN }, async () => {
    const agreements = new RoamingAgreements();
    await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements }));
    const provision = { imsi: '262011234567890', msisdn: '+4915112345678', k: '00'.repeat(16), opc: '11'.repeat(16) };
    expect((await new HlrClient({ baseUrl: hlr.url }).provision(provision)).imsi).toBe(provision.imsi);
    const refused = await new HlrClient({ baseUrl: hlr.url, adminToken: 'other' }).getSubscriber(provision.imsi).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ElementRequestError);
    expect((refused as ElementRequestError).status).toBe(401);
    // The VLR-facing API is not admin: open.
    const vectors = await fetch(`${hlr.url}/hlr/v1/auth-info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imsi: provision.imsi }),
    });
    expect(vectors.status).toBe(200);
  });
});

test('the embedded Toxiproxy API with a token: 401 problem without it, /version open, toxiproxy-node-client works with it', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy({ token: TOKEN });
  const refused = await call(toxiproxy.url, 'GET', '/proxies');
  expect(refused.status).toBe(401);
  expect(refused.headers.get('content-type')).toBe('application/problem+json');
  expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="toxiproxy"');
  expect(JSON.parse(refused.body)).toMatchObject({ status: 401, error: 'missing bearer token', errors: [{ path: 'authorization' }] });
  // Unknown paths are refused too: without the token, not even the route table shows.
  expect((await call(toxiproxy.url, 'GET', '/nothing-here')).status).toBe(401);
  expect(
    (
      await call(toxiproxy.url, 'POST', '/proxies', '{"name":"x","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"}', {
        authorization: 'Bearer no',
      })
    ).status,
  ).toBe(401);
  expect((await call(toxiproxy.url, 'GET', '/version')).status).toBe(200);
  // Nothing was created by the refused requests.
  expect((await call(toxiproxy.url, 'GET', '/proxies', undefined, { authorization: `Bearer ${TOKEN}` })).body).toBe('{}');

  const bare = new Toxiproxy(toxiproxy.url);
  await expect(bare.getAll()).rejects.toThrow(/401/);
  const client = withToxiproxyToken(new Toxiproxy(toxiproxy.url), TOKEN);
  const proxy = await client.createProxy({ name: 'hlr', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  await proxy.addToxic({
    type: 'latency',
    name: 'slow',
    stream: 'downstream',
    toxicity: 1,
    attributes: { latency: 10, jitter: 0 },
  } as never);
  expect(Object.keys(await client.getAll())).toEqual(['hlr']);
});

test('TOXIPROXY_TOKEN in the environment does not turn on auth in the embedded server: only an explicit token does', async () => {
  await withEnv({ TOXIPROXY_TOKEN: TOKEN }, async () => {
    await using open = await startEmbeddedToxiproxy();
    // A standard client, which sends no token, is served.
    expect((await call(open.url, 'GET', '/proxies')).status).toBe(200);
    expect(Object.keys(await new Toxiproxy(open.url).getAll())).toEqual([]);
  });
});

test('our chaos client sends TOXIPROXY_TOKEN to a Toxiproxy started with that token', async () => {
  await withEnv({ TOXIPROXY_TOKEN: TOKEN }, async () => {
    await using toxiproxy = await startEmbeddedToxiproxy({ token: TOKEN });
    expect((await call(toxiproxy.url, 'GET', '/proxies')).status).toBe(401);
    const echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const chaos = new ChaosNetwork(toxiproxy.url);
      const link = await chaos.addLink('vlr:208-01 -> hlr:262-01', `127.0.0.1:${(echo.address() as AddressInfo).port}`);
      const fault = await chaos.link(link.name).latency({ ms: 20 });
      const listed = JSON.parse(
        (await call(toxiproxy.url, 'GET', '/proxies', undefined, { authorization: `Bearer ${TOKEN}` })).body,
      ) as Record<string, { toxics: unknown[] }>;
      expect(Object.values(listed).flatMap((p) => p.toxics)).toHaveLength(1);
      await fault.remove();
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});

test('the embedded Toxiproxy limits proxies, toxics per proxy and body size, with clear errors, and keeps serving', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy({ limits: { maxProxies: 2, maxToxicsPerProxy: 2, maxBodyBytes: 512 } });
  const proxy = (name: string) => JSON.stringify({ name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('a'))).status).toBe(201);
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('b'))).status).toBe(201);
  const third = await call(toxiproxy.url, 'POST', '/proxies', proxy('c'));
  expect(third.status).toBe(409);
  expect(JSON.parse(third.body)).toEqual({
    error:
      'proxy limit reached: this server holds at most 2 proxies; delete one first, or restart the server with a higher limit ' +
      '(roam toxiproxy --max-proxies, or limits.maxProxies of startEmbeddedToxiproxy)',
    status: 409,
  });
  // /populate may replace existing proxies, not add a third.
  const populated = await call(toxiproxy.url, 'POST', '/populate', `[${proxy('a')},${proxy('c')}]`);
  expect(populated.status).toBe(409);
  expect(JSON.parse(populated.body)).toMatchObject({ error: expect.stringMatching(/^proxy limit reached/), status: 409 });

  for (const name of ['t1', 't2'])
    expect((await call(toxiproxy.url, 'POST', '/proxies/a/toxics', `{"name":"${name}","type":"noop"}`)).status).toBe(200);
  const toxic = await call(toxiproxy.url, 'POST', '/proxies/a/toxics', '{"name":"t3","type":"noop"}');
  expect(toxic.status).toBe(409);
  expect(JSON.parse(toxic.body).error).toBe(
    'toxic limit reached: a proxy holds at most 2 toxics; delete one first, or restart the server with a higher limit ' +
      '(roam toxiproxy --max-toxics-per-proxy, or limits.maxToxicsPerProxy of startEmbeddedToxiproxy)',
  );
  // The other proxy has its own allowance.
  expect((await call(toxiproxy.url, 'POST', '/proxies/b/toxics', '{"name":"t1","type":"noop"}')).status).toBe(200);

  const big = await call(
    toxiproxy.url,
    'POST',
    '/proxies',
    JSON.stringify({ name: 'd', listen: '127.0.0.1:0', upstream: '127.0.0.1:9', pad: 'x'.repeat(2000) }),
  );
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body).error).toBe(
    'request body too large: at most 512 bytes; send less, or restart the server with a higher limit ' +
      '(roam toxiproxy --max-body-bytes, or limits.maxBodyBytes of startEmbeddedToxiproxy)',
  );
  expect(Object.keys(JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body))).toEqual(['a', 'b']);
  await expect(startEmbeddedToxiproxy({ limits: { maxProxies: 0 } })).rejects.toThrow(/limit maxProxies is 0/);
});

test('a served element refuses a body over its limit with 413 before reading it all into memory, and keeps serving', async () => {
  await using billing = await serveElement(billingElement('262-01', new RoamingAgreements()), { maxBodyBytes: 1024 });
  const response = await fetch(`${billing.url}/billing/v1/charging-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'x'.repeat(5 * 1024 * 1024),
  });
  expect(response.status).toBe(413);
  expect(((await response.json()) as CheckedProblem).detail).toBe(
    'The request body is larger than the limit of 1024 bytes. Send less, or serve the element with a larger maxBodyBytes.',
  );
  expect(billing.state.ledger.size).toBe(0);
  expect((await fetch(`${billing.url}/healthz`)).status).toBe(200);
  await expect(serveHandler(async () => new Response(), { maxBodyBytes: -1 })).rejects.toThrow(/maxBodyBytes -1 is not a byte count/);
});

test('the HLR caps its subscribers: one more is a 409 problem naming imsi, the others are kept', async () => {
  await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements: new RoamingAgreements() }, { maxSubscribers: 2 }));
  const client = new HlrClient({ baseUrl: hlr.url });
  const subscriber = (n: number) => ({ imsi: `26201000000000${n}`, msisdn: `+491510000000${n}`, k: '00'.repeat(16), opc: '11'.repeat(16) });
  await client.provision(subscriber(1));
  await client.provision(subscriber(2));
  const refused = (await client.provision(subscriber(3)).catch((e: unknown) => e)) as ElementRequestError;
  expect(refused.status).toBe(409);
  expect(refused.problem).toMatchObject({
    code: 'ROAM_SUBSCRIBER_LIMIT',
    errors: [{ path: 'imsi', message: 'subscriber limit of 2 reached' }],
  });
  expect(refused.problem?.detail).toMatch(/maximum of 2 subscribers\. Delete one first/);
  expect(hlr.state.size).toBe(2);
});
