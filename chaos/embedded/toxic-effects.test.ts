import { test, expect } from '@playwright/test';
import type { ToxicType } from 'toxiproxy-node-client';
import { sleep } from './test-support/api.js';
import { roundTrip, startProxiedEcho, startProxiedSink } from './test-support/proxied-echo.js';

// Timings are checked against generous bounds: lower bounds are what the toxic
// guarantees, upper bounds leave room for a loaded two-core machine.

test('latency delays each direction; two directions add up', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'down', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 300, jitter: 0 } });
  await using connection = await stage.connect();
  const oneWay = await roundTrip(connection);
  expect(oneWay).toBeGreaterThanOrEqual(300);
  expect(oneWay).toBeLessThan(1300);

  await stage.proxy.addToxic({ name: 'up', type: 'latency', stream: 'upstream', toxicity: 1, attributes: { latency: 200, jitter: 0 } });
  const both = await roundTrip(connection);
  expect(both).toBeGreaterThanOrEqual(500);
  expect(both).toBeLessThan(1500);
});

test('latency jitter spreads delays uniformly around the latency', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'j', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100, jitter: 50 } });
  await using connection = await stage.connect();
  const samples: number[] = [];
  for (let i = 0; i < 12; i++) samples.push(await roundTrip(connection));
  for (const ms of samples) {
    expect(ms).toBeGreaterThanOrEqual(50);
    expect(ms).toBeLessThan(1150);
  }
  expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(5);
});

test('a toxic with toxicity 0 is not applied', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({
    name: 'never',
    type: 'latency',
    stream: 'downstream',
    toxicity: 0,
    attributes: { latency: 2000, jitter: 0 },
  });
  await using connection = await stage.connect();
  expect(await roundTrip(connection)).toBeLessThan(1000);
});

test('bandwidth limits the rate in KB/s', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'thin', type: 'bandwidth', stream: 'downstream', toxicity: 1, attributes: { rate: 10 } });
  await using connection = await stage.connect();
  const elapsed = await roundTrip(connection, 'x'.repeat(20_000));
  expect(elapsed).toBeGreaterThanOrEqual(1900);
  expect(elapsed).toBeLessThan(4000);
  expect(connection.chunks.length).toBeGreaterThan(5);
});

test('limit_data delivers exactly N bytes, then closes', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'ten', type: 'limit_data', stream: 'downstream', toxicity: 1, attributes: { bytes: 10 } });
  await using connection = await stage.connect();
  connection.socket.write('0123456789abcdefghijklmnopqrstuvwxyz');
  await connection.closed();
  expect(connection.received().toString()).toBe('0123456789');
  expect(connection.endAt).toBeDefined();
});

test('limit_data upstream lets exactly N bytes reach the server', async () => {
  await using stage = await startProxiedSink();
  await stage.proxy.addToxic({ name: 'five', type: 'limit_data', stream: 'upstream', toxicity: 1, attributes: { bytes: 5 } });
  await using connection = await stage.connect();
  connection.socket.write('hello world');
  await connection.closed();
  expect((await stage.server.waitForBytes(5)).toString()).toBe('hello');
  await sleep(100);
  expect(stage.server.receivedLength()).toBe(5);
});

test('timeout drops data and closes after the timeout', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'cut', type: 'timeout', stream: 'downstream', toxicity: 1, attributes: { timeout: 500 } });
  await using connection = await stage.connect();
  const written = performance.now();
  connection.socket.write('anyone there?');
  await connection.closed();
  expect(connection.received().length).toBe(0);
  expect(connection.closeAt! - written).toBeGreaterThanOrEqual(495);
  expect(connection.closeAt! - written).toBeLessThan(2500);
});

test('timeout 0 holds the connection open and drops data until removed', async () => {
  await using stage = await startProxiedEcho();
  const toxic = await stage.proxy.addToxic({ name: 'hold', type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } });
  await using connection = await stage.connect();
  connection.socket.write('dropped');
  await sleep(600);
  expect(connection.received().length).toBe(0);
  expect(connection.closeAt).toBeUndefined();
  // Toxiproxy's timeout toxic closes the connections it held when it is removed.
  await toxic.remove();
  await connection.closed();
  expect(connection.received().length).toBe(0);
});

test('reset_peer resets the connection at once or after its timeout', async () => {
  await using stage = await startProxiedEcho();
  const toxic = await stage.proxy.addToxic({
    name: 'rst',
    type: 'reset_peer',
    stream: 'downstream',
    toxicity: 1,
    attributes: { timeout: 0 },
  });
  {
    await using connection = await stage.connect();
    const written = performance.now();
    connection.socket.write('ping');
    await connection.closed();
    expect(connection.error?.code).toBe('ECONNRESET');
    expect(connection.closeAt! - written).toBeLessThan(1000);
  }
  await toxic.update({ ...toxic.toJson(), attributes: { timeout: 400 } });
  {
    await using connection = await stage.connect();
    const written = performance.now();
    connection.socket.write('ping');
    await connection.closed();
    expect(connection.error?.code).toBe('ECONNRESET');
    expect(connection.received().length).toBe(0);
    expect(connection.closeAt! - written).toBeGreaterThanOrEqual(395);
    expect(connection.closeAt! - written).toBeLessThan(2400);
  }
});

test('reset_peer upstream resets the client too', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'rst', type: 'reset_peer', stream: 'upstream', toxicity: 1, attributes: { timeout: 100 } });
  await using connection = await stage.connect();
  connection.socket.write('ping');
  await connection.closed();
  expect(connection.error?.code).toBe('ECONNRESET');
});

test('slow_close delays the close', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({ name: 'lag', type: 'slow_close', stream: 'downstream', toxicity: 1, attributes: { delay: 700 } });
  await using connection = await stage.connect();
  await roundTrip(connection, 'bye');
  const serverClosed = performance.now();
  for (const socket of stage.server.sockets) socket.end();
  await connection.closed();
  expect(connection.received().toString()).toBe('bye');
  expect(connection.closeAt! - serverClosed).toBeGreaterThanOrEqual(695);
  expect(connection.closeAt! - serverClosed).toBeLessThan(2700);
});

test('slicer splits data into small, delayed pieces without losing a byte', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({
    name: 'bits',
    type: 'slicer',
    stream: 'downstream',
    toxicity: 1,
    attributes: { average_size: 8, size_variation: 3, delay: 20_000 },
  });
  await using connection = await stage.connect();
  const payload = 'the quick brown fox jumps over the lazy dog, twice over';
  const elapsed = await roundTrip(connection, payload);
  expect(connection.received().toString()).toBe(payload);
  expect(connection.chunks.length).toBeGreaterThanOrEqual(4);
  for (const { data } of connection.chunks) expect(data.length).toBeLessThanOrEqual(payload.length / 2);
  expect(elapsed).toBeGreaterThanOrEqual((connection.chunks.length - 1) * 20);
});

test('noop passes everything through', async () => {
  await using stage = await startProxiedEcho();
  // The client's type list leaves out Toxiproxy's internal `noop`, which the server accepts all the same.
  const noop = 'noop' as unknown as ToxicType;
  await stage.proxy.addToxic({ name: 'nothing', type: noop, stream: 'downstream', toxicity: 1, attributes: {} });
  await using connection = await stage.connect();
  expect(await roundTrip(connection, 'unchanged')).toBeLessThan(1000);
  expect(connection.received().toString()).toBe('unchanged');
});
