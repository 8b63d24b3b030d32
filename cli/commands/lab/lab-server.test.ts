import { test, expect } from '@playwright/test';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { EventLog, type RoamingEvent } from '../../../simulator/roaming-events.js';
import { IdentityHasher } from '../../../simulator/identity-hasher.js';
import { DEFAULT_LAB_PORT } from '../lab.js';
import { eventLines, startLabServer } from './lab-server.js';
import { LabMetrics } from './lab-metrics.js';
import { MeteredAccess } from './metered-access.js';

// The lab's own server, without a world: /events, the access points' body limit, a busy port.

function event(i: number): RoamingEvent {
  return {
    event_type: 'attach',
    timestamp: new Date(i).toISOString(),
    subscriber_id: `sub-${i}`,
    visited_mcc_mnc: '208-01',
    latency_ms: i,
    result: 'success',
    failure_reason: null,
    correlation_id: `c-${i}`,
    transition: null,
  };
}

async function startWith(logs: EventLog[], access = new Map<string, MeteredAccess>()) {
  return startLabServer({
    host: '127.0.0.1',
    port: 0,
    metrics: new LabMetrics(new Map()),
    access,
    events: () => eventLines(...logs),
    endpoints: () => undefined,
  });
}

/** A raw request, so the answer's framing (chunked or not) can be seen. */
function get(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

test('GET /events streams both logs as JSON Lines, chunk by chunk, oldest first', async () => {
  const lab = new EventLog(100);
  const world = new EventLog(2_500);
  for (let i = 0; i < 150; i++) lab.sink(event(i));
  for (let i = 0; i < 3_000; i++) world.sink(event(10_000 + i));
  const server = await startWith([lab, world]);
  try {
    const answer = await get(`${server.url}/events`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-ndjson');
    // Streamed: no length known in advance.
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers['content-length']).toBeUndefined();
    const lines = answer.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as RoamingEvent);
    // Each log keeps its last events (100 and 2,500), in order.
    expect(lines).toHaveLength(2_600);
    expect(lines[0]!.correlation_id).toBe('c-50');
    expect(lines[99]!.correlation_id).toBe('c-149');
    expect(lines[100]!.correlation_id).toBe('c-10500');
    expect(lines.at(-1)!.correlation_id).toBe('c-12999');
    expect(answer.body).toBe(lab.toJsonLines() + world.toJsonLines());
  } finally {
    await server.close();
  }
});

test('GET /events pulls chunks only as the client reads them, and stops when it goes away', async () => {
  // 10,000 chunks of 64 KiB: 640 MiB that must never be built, nor even pulled, when the client reads 1 MiB.
  let pulled = 0;
  const line = `${JSON.stringify(event(1))}\n`;
  const chunk = line.repeat(Math.ceil(65_536 / line.length));
  const huge: Iterable<string> = {
    *[Symbol.iterator]() {
      for (let i = 0; i < 10_000; i++) {
        pulled++;
        yield chunk;
      }
    },
  };
  const server = await startLabServer({
    host: '127.0.0.1',
    port: 0,
    metrics: new LabMetrics(new Map()),
    access: new Map(),
    events: () => huge,
    endpoints: () => undefined,
  });
  try {
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/events`, (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          if (bytes >= 1024 * 1024) {
            req.destroy();
            resolve(bytes);
          }
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end();
    });
    expect(received).toBeGreaterThanOrEqual(1024 * 1024);
    // The server stops pulling once the client has gone: far fewer than all 10,000 chunks.
    await expect
      .poll(async () => {
        const before = pulled;
        await new Promise((r) => setTimeout(r, 200));
        return pulled === before;
      })
      .toBe(true);
    expect(pulled).toBeLessThan(1_000);
  } finally {
    await server.close();
  }
});

test('an access point answers 413 with a problem for a body over 1 MiB, and forwards nothing', async () => {
  let forwarded = 0;
  const upstream = createServer((socket) => ((forwarded += 1), socket.destroy()));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const metrics = new LabMetrics(new Map());
  const access = new Map([
    [
      '208-01',
      new MeteredAccess({
        visited: '208-01',
        upstream: `127.0.0.1:${(upstream.address() as AddressInfo).port}`,
        metrics,
        hasher: new IdentityHasher('k'),
        events: () => undefined,
      }),
    ],
  ]);
  const server = await startWith([], access);
  try {
    const big = await fetch(`${server.url}/access/208-01/vlr/v1/attach`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imsi: '262010000000001', padding: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await big.json()) as { status: number; detail: string };
    expect(problem.status).toBe(413);
    expect(problem.detail).toMatch(/^\[roam\] .*over 1 MiB/);
    expect(forwarded).toBe(0);
  } finally {
    await server.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  }
});

test('a busy port is refused with a hint that names the real default port', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as AddressInfo).port;
  try {
    const error = await startLabServer({
      host: '127.0.0.1',
      port,
      metrics: new LabMetrics(new Map()),
      access: new Map(),
      events: () => [],
      endpoints: () => undefined,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(
      `[roam] Failed to start the lab: port ${port} on 127.0.0.1 is in use. ` +
        `Stop what uses it, or choose another port with --port <n> (the default is ${DEFAULT_LAB_PORT}; --port 0 takes any free port).`,
    );
  } finally {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
  }
});

test('with a token, /events, /metrics and /endpoints need it; the access points do not', async () => {
  const server = await startLabServer({
    host: '127.0.0.1',
    port: 0,
    metrics: new LabMetrics(new Map()),
    access: new Map(),
    events: () => ['{"a":1}\n'],
    endpoints: () => undefined,
    token: 'lab-token-3f9a',
  });
  try {
    for (const path of ['/events', '/metrics', '/endpoints']) {
      const refused = await fetch(`${server.url}${path}`);
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="roam lab"');
      expect((await refused.json()) as { detail: string }).toMatchObject({ detail: expect.stringContaining('ROAM_ADMIN_TOKEN') });
      const allowed = await fetch(`${server.url}${path}`, { headers: { authorization: 'Bearer lab-token-3f9a' } });
      expect(allowed.status, path).toBe(200);
    }
    // An access point is for phones: no token (this lab has none for 208-01, so 404, not 401).
    expect((await fetch(`${server.url}/access/208-01/vlr/v1/attach`, { method: 'POST', body: '{}' })).status).toBe(404);
  } finally {
    await server.close();
  }
});
