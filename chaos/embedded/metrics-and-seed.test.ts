import { test, expect } from '@playwright/test';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy } from './index.js';
import { call, portOf } from './test-support/api.js';
import { roundTrip } from './test-support/proxied-echo.js';
import { connectClient, startEchoServer } from './test-support/tcp-peers.js';

// /metrics in Prometheus' text format, as toxiproxy-server serves it with
// -proxy-metrics and -runtime-metrics, and -seed for repeatable dice.

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

test('without a metrics option /metrics does not exist (404), as in Toxiproxy', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const res = await call(toxiproxy.url, 'GET', '/metrics');
  expect([res.status, res.body]).toEqual([404, '404 page not found\n']);
});

test('proxy metrics count the bytes of each direction under Toxiproxy names and labels', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy({ metrics: { proxy: true } });
  const empty = await call(toxiproxy.url, 'GET', '/metrics');
  expect(empty.status).toBe(200);
  expect(empty.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
  expect(empty.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
  expect(empty.body).not.toMatch(/^toxiproxy_proxy_\w+\{/m);

  const proxy = await new Toxiproxy(toxiproxy.url).createProxy({ name: 'hlr', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await proxy.addToxic({ name: 'slow', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 1, jitter: 0 } });
  {
    await using connection = await connectClient(portOf(proxy.listen));
    await roundTrip(connection, 'ping');
    await roundTrip(connection, 'roaming');
  }
  // Every method reaches the route, as Toxiproxy registers it for all.
  const scraped = await call(toxiproxy.url, 'POST', '/metrics');
  const labels = (direction: string) => `direction="${direction}",listener="${proxy.listen}",proxy="hlr",upstream="127.0.0.1:${echo.port}"`;
  for (const direction of ['upstream', 'downstream']) {
    expect(scraped.body).toContain(`toxiproxy_proxy_received_bytes_total{${labels(direction)}} 11\n`);
    expect(scraped.body).toContain(`toxiproxy_proxy_sent_bytes_total{${labels(direction)}} 11\n`);
  }
  expect(scraped.body).toContain('# TYPE toxiproxy_proxy_received_bytes_total counter\n');
  // Runtime metrics were not asked for.
  expect(scraped.body).not.toContain('process_cpu_seconds_total');
});

test('runtime metrics alone expose the process metrics and no proxy counters', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy({ metrics: { runtime: true } });
  const res = await call(toxiproxy.url, 'GET', '/metrics');
  expect(res.status).toBe(200);
  expect(res.body).toMatch(/^process_cpu_seconds_total \d/m);
  expect(res.body).toMatch(/^process_resident_memory_bytes \d/m);
  expect(res.body).not.toContain('toxiproxy_proxy_');
});

test('/metrics needs the token like every other path when the server has one', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy({ metrics: { proxy: true }, token: 'scrape-token' });
  expect((await call(toxiproxy.url, 'GET', '/metrics')).status).toBe(401);
  expect((await call(toxiproxy.url, 'GET', '/metrics', undefined, { authorization: 'Bearer scrape-token' })).status).toBe(200);
});

/** Which of 16 sequential connections a `limit_data` toxic at toxicity 0.5 cut ('x') or let through ('.'). */
async function rollPattern(seed: number): Promise<string> {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy({ seed });
  const proxy = await new Toxiproxy(toxiproxy.url).createProxy({ name: 'hlr', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await proxy.addToxic({ name: 'cut', type: 'limit_data', stream: 'downstream', toxicity: 0.5, attributes: { bytes: 1 } });
  let pattern = '';
  for (let i = 0; i < 16; i++) {
    await using connection = await connectClient(portOf(proxy.listen));
    connection.socket.write('ping');
    pattern += await Promise.race([connection.waitForBytes(4).then(() => '.'), connection.closed().then(() => 'x')]);
  }
  return pattern;
}

test('a seed makes the toxicity rolls repeat from one server to the next', async () => {
  const first = await rollPattern(42);
  expect(first).toMatch(/x/);
  expect(first).toMatch(/\./);
  expect(await rollPattern(42)).toBe(first);
  expect(await rollPattern(7)).not.toBe(first);
});

test('a seed that is not a whole number stops the server from starting', async () => {
  await expect(startEmbeddedToxiproxy({ seed: 1.5 })).rejects.toThrow(/seed 1\.5 is not a whole number/);
});
