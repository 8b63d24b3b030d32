import { test, expect } from '@playwright/test';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { Faker, en, base } from '@faker-js/faker';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { SubscriberFactory } from '../../simulator/subscriber.js';
import { createHlrHandler } from '../hlr/handler.js';
import { HlrClient } from '../hlr/client.js';
import { BillingClient } from '../billing/client.js';
import { mswHandlers } from '../msw/handlers.js';
import { serveHandler } from './serve.js';
import { json } from './problem.js';
import { ElementUnreachableError } from './client.js';
import { DeadlineQueue } from './deadline-queue.js';
import type { HttpTransport } from './http-exchange.js';

function hlrWithOneSubscriber() {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
  const [roamer] = new SubscriberFactory(new Faker({ locale: [en, base], seed: 11 })).create({ home: '262-01', count: 1 });
  const { k, opc } = roamer!.credentials.reveal();
  hlr.provision({ imsi: roamer!.imsi, msisdn: roamer!.msisdn, k, opc });
  return { hlr, imsi: roamer!.imsi };
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

for (const transport of ['socket', 'node-http', 'fetch'] as const satisfies readonly HttpTransport[]) {
  test(`MSW answers an element client on the ${transport} transport, no port opened`, async () => {
    const { hlr, imsi } = hlrWithOneSubscriber();
    const mounts = [
      { baseUrl: 'http://hlr.operator.example', handler: createHlrHandler(hlr) },
      { baseUrl: 'https://hlr.partner.example/api', handler: createHlrHandler(hlr) },
    ];
    const server = setupServer(...mswHandlers(mounts));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      // Plain HTTP, and HTTPS under a path prefix: both answered by MSW, no port opened.
      for (const { baseUrl } of mounts) {
        const client = new HlrClient({ baseUrl, transport });
        const vectors = await client.sendAuthInfo({ imsi, count: 2 });
        expect(vectors).toHaveLength(2);
        expect(vectors[0]!.rand).toMatch(/^[0-9a-f]{32}$/);
        expect((await client.getSubscriber(imsi)).imsi).toBe(imsi);
      }
    } finally {
      server.close();
    }
  });
}

test('the socket and node-http transports send no request through undici, the fetch transport does', async () => {
  const { hlr, imsi } = hlrWithOneSubscriber();
  await using served = await serveHandler(createHlrHandler(hlr));
  let undiciRequests = 0;
  const count = () => void undiciRequests++;
  subscribe('undici:request:create', count);
  try {
    await new HlrClient({ baseUrl: served.url }).sendAuthInfo({ imsi, count: 1 });
    await new HlrClient({ baseUrl: served.url, transport: 'node-http' }).sendAuthInfo({ imsi, count: 1 });
    expect(undiciRequests).toBe(0);
    await new HlrClient({ baseUrl: served.url, transport: 'fetch' }).sendAuthInfo({ imsi, count: 1 });
    expect(undiciRequests).toBe(1);
  } finally {
    unsubscribe('undici:request:create', count);
  }
});

test('exchanges to one element reuse one keep-alive connection; extra headers travel with each request', async () => {
  const seen: (string | undefined)[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    seen.push(req.headers['authorization']);
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ events: [] }));
    });
  });
  server.on('connection', () => connections++);
  const url = await listening(server);
  try {
    const billing = new BillingClient({ baseUrl: url, authorization: 'Roam-Charging vlr:208-01 abc' });
    for (let i = 0; i < 5; i++) expect(await billing.list()).toEqual([]);
    expect(connections).toBe(1);
    expect(seen).toEqual(Array(5).fill('Roam-Charging vlr:208-01 abc'));
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('an element that never answers is unreachable with TIMEOUT; refused and dropped connections say so', async () => {
  const silent = createServer(() => undefined);
  const silentUrl = await listening(silent);
  const dropping = createServer((req) => req.socket.destroy());
  const droppingUrl = await listening(dropping);
  try {
    const timedOut = await new HlrClient({ baseUrl: silentUrl, timeoutMs: 150 })
      .purgeMs({ imsi: '262011234567890', vlrNumber: 'v' })
      .catch((e) => e);
    expect(timedOut).toBeInstanceOf(ElementUnreachableError);
    expect((timedOut as ElementUnreachableError).reason).toBe('TIMEOUT');

    const dropped = await new HlrClient({ baseUrl: droppingUrl }).purgeMs({ imsi: '262011234567890', vlrNumber: 'v' }).catch((e) => e);
    expect((dropped as ElementUnreachableError).reason).toBe('the connection was closed');
    expect((dropped as Error).message).toMatch(
      /^\[roam\] Failed to call hlr\.purgeMs at http:\/\/127\.0\.0\.1:\d+\/hlr\/v1\/purge: no answer \(the connection was closed\)\./,
    );
  } finally {
    silent.closeAllConnections();
    silent.close();
    dropping.close();
  }
  // Nothing listens on a port just closed.
  const closed = createServer();
  const closedUrl = await listening(closed);
  await new Promise((resolve) => closed.close(resolve));
  const refused = await new HlrClient({ baseUrl: closedUrl }).purgeMs({ imsi: '262011234567890', vlrNumber: 'v' }).catch((e) => e);
  expect((refused as ElementUnreachableError).reason).toBe('ECONNREFUSED');
});

test('an answer that is not a 2xx still becomes the element error, on the lean path too', async () => {
  await using served = await serveHandler(async () =>
    json({ type: 'about:blank', title: 'Nope', status: 503, detail: 'down for a test' }, 503),
  );
  const failed = await new HlrClient({ baseUrl: served.url }).purgeMs({ imsi: '262011234567890', vlrNumber: 'v' }).catch((e) => e);
  expect((failed as Error).message).toContain('HTTP 503: down for a test');
});

test('deadlines on one timer fire in order, each once, and never after a cancel', async () => {
  const queue = new DeadlineQueue();
  const fired: string[] = [];
  const done = new Promise<void>((resolve) => {
    queue.arm(20, () => fired.push('a'));
    const b = queue.arm(20, () => fired.push('b'));
    queue.arm(5, () => fired.push('short'));
    queue.arm(20, () => {
      fired.push('c');
      resolve();
    });
    b.cancel();
  });
  await done;
  expect(fired).toEqual(['short', 'a', 'c']);
});
