import { test, expect } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy } from './index.js';
import { portOf, sleep } from './test-support/api.js';
import { roundTrip, startProxiedEcho, startProxiedSink } from './test-support/proxied-echo.js';
import { connectClient } from './test-support/tcp-peers.js';

test('toxics added, updated and removed apply to a live connection', async () => {
  await using stage = await startProxiedEcho();
  await using connection = await stage.connect();
  expect(await roundTrip(connection)).toBeLessThan(200);

  const toxic = await stage.proxy.addToxic({
    name: 'slow',
    type: 'latency',
    stream: 'downstream',
    toxicity: 1,
    attributes: { latency: 250, jitter: 0 },
  });
  const slowed = await roundTrip(connection);
  expect(slowed).toBeGreaterThanOrEqual(250);

  await toxic.update({ ...toxic.toJson(), attributes: { latency: 500, jitter: 0 } });
  expect(await roundTrip(connection)).toBeGreaterThanOrEqual(500);

  await toxic.remove();
  expect(await roundTrip(connection)).toBeLessThan(250);
  expect(connection.received().toString()).toBe('ping'.repeat(4));
});

test('a toxic added to a live connection mid-stream loses and reorders nothing', async () => {
  await using stage = await startProxiedSink();
  await using connection = await stage.connect();
  const payload = randomBytes(2 * 1024 * 1024);
  let offset = 0;
  const sendSome = async (bytes: number) => {
    connection.socket.write(payload.subarray(offset, offset + bytes));
    offset += bytes;
    await sleep(5);
  };
  await sendSome(256 * 1024);
  const latency = await stage.proxy.addToxic({
    name: 'l',
    type: 'latency',
    stream: 'upstream',
    toxicity: 1,
    attributes: { latency: 20, jitter: 10 },
  });
  await sendSome(256 * 1024);
  const slicer = await stage.proxy.addToxic({
    name: 's',
    type: 'slicer',
    stream: 'upstream',
    toxicity: 1,
    attributes: { average_size: 4096, size_variation: 1024, delay: 0 },
  });
  await sendSome(512 * 1024);
  await latency.remove();
  await sendSome(512 * 1024);
  await slicer.update({ ...slicer.toJson(), attributes: { average_size: 1000, size_variation: 0, delay: 0 } });
  await sendSome(256 * 1024);
  await slicer.remove();
  await sendSome(payload.length - offset);

  const received = await stage.server.waitForBytes(payload.length, { timeoutMs: 20_000 });
  const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  expect(digest(received)).toBe(digest(payload));
});

test('toxicity is rolled once per connection', async () => {
  await using stage = await startProxiedEcho();
  await stage.proxy.addToxic({
    name: 'coin',
    type: 'latency',
    stream: 'downstream',
    toxicity: 0.5,
    attributes: { latency: 300, jitter: 0 },
  });
  const delays = await Promise.all(
    Array.from({ length: 16 }, async () => {
      await using connection = await stage.connect();
      const first = await roundTrip(connection);
      const second = await roundTrip(connection);
      // Whatever the roll gave, the same connection keeps it.
      expect(first >= 300).toBe(second >= 300);
      return first;
    }),
  );
  const applied = delays.filter((ms) => ms >= 300).length;
  expect(applied).toBeGreaterThan(0);
  expect(applied).toBeLessThan(16);
});

test('latency toxics in one chain add up', async () => {
  await using stage = await startProxiedEcho();
  for (const name of ['a', 'b']) {
    await stage.proxy.addToxic({ name, type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 150, jitter: 0 } });
  }
  await using connection = await stage.connect();
  expect(await roundTrip(connection)).toBeGreaterThanOrEqual(300);
});

test('a timeout toxic added to a live connection cuts it after the timeout', async () => {
  await using stage = await startProxiedEcho();
  await using connection = await stage.connect();
  await roundTrip(connection);
  const added = performance.now();
  await stage.proxy.addToxic({ name: 't', type: 'timeout', stream: 'downstream', toxicity: 1, attributes: { timeout: 300 } });
  connection.socket.write('lost');
  await connection.closed();
  expect(connection.received().toString()).toBe('ping');
  expect(connection.closeAt! - added).toBeGreaterThanOrEqual(295);
});

test('a client is closed when the upstream cannot be reached', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const unused = (await client.createProxy({ name: 'probe', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' })).listen;
  await client.get('probe').then((p) => p.remove());
  // Nothing listens on the port the probe proxy just released.
  const proxy = await client.createProxy({ name: 'dead', listen: '127.0.0.1:0', upstream: unused });
  await using connection = await connectClient(portOf(proxy.listen));
  await connection.closed();
  expect(connection.received().length).toBe(0);
});

test('reset_peer added to a live connection ends it with FIN, as in Toxiproxy', async () => {
  await using stage = await startProxiedEcho();
  await using connection = await stage.connect();
  await roundTrip(connection);
  await stage.proxy.addToxic({ name: 'rst', type: 'reset_peer', stream: 'downstream', toxicity: 1, attributes: { timeout: 0 } });
  connection.socket.write('ping');
  await connection.closed();
  // Go only sets SO_LINGER 0 on connections that open with the toxic in place.
  expect(connection.error).toBeUndefined();
  expect(connection.endAt).toBeDefined();
  expect(connection.received().toString()).toBe('ping');
});
