import { test, expect } from '@playwright/test';
import { Toxiproxy } from 'toxiproxy-node-client';
import { createExtendedToxicTypes, EMBEDDED_ONLY_TOXIC_TYPES, startEmbeddedToxiproxy } from './index.js';
import { ExchangeCounter } from './link/exchange-counter.js';
import { burstParameters, GilbertElliott } from './toxics/embedded-only/gilbert-elliott.js';
import { drawDelay, randomSource } from './toxics/embedded-only/random-source.js';
import { call, errorBody, portOf } from './test-support/api.js';
import { connectClient, startEchoServer } from './test-support/tcp-peers.js';
import { roundTrip } from './test-support/proxied-echo.js';

const stats = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
};

test('a server started with the default types refuses the embedded-only ones exactly as Toxiproxy does', async () => {
  await using plain = await startEmbeddedToxiproxy();
  await new Toxiproxy(plain.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: '127.0.0.1:9', enabled: false });
  for (const type of EMBEDDED_ONLY_TOXIC_TYPES) {
    const answer = await call(plain.url, 'POST', '/proxies/p/toxics', JSON.stringify({ type }));
    expect(answer.status).toBe(400);
    expect(answer.body).toBe(errorBody('invalid toxic type', 400));
  }
});

test('toxiproxy-node-client creates, reads, updates and removes the embedded-only types', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy({ toxicTypes: createExtendedToxicTypes() });
  const proxy = await new Toxiproxy(toxiproxy.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  const latency = await proxy.addToxic({
    name: 'l',
    type: 'roam_latency' as never,
    stream: 'downstream',
    toxicity: 1,
    attributes: { latency: 80 } as never,
  });
  expect(latency.attributes as object).toEqual({ latency: 80, jitter: 0, distribution: 0, per_request: 0, seed: 0 });
  const loss = await proxy.addToxic({ name: 'x', type: 'roam_loss' as never, stream: 'upstream', toxicity: 1, attributes: {} as never });
  expect(Object.keys(loss.attributes as object)).toEqual([
    'loss_ppm',
    'burst_enter_ppm',
    'burst_exit_ppm',
    'burst_loss_ppm',
    'per_request',
    'retransmit_ms',
    'reset',
    'seed',
  ]);
  await using connection = await connectClient(portOf(proxy.listen));
  expect(await roundTrip(connection)).toBeGreaterThanOrEqual(79);
  await loss.update({ attributes: { loss_ppm: 1_000_000, retransmit_ms: 150 } as never, toxicity: 1 } as never);
  expect((await proxy.getToxic('x')).attributes).toMatchObject({ loss_ppm: 1_000_000, retransmit_ms: 150 });
  // The next request is lost once: one RTO more.
  expect(await roundTrip(connection, 'again')).toBeGreaterThanOrEqual(80 + 149);
  await latency.remove();
  await loss.remove();
  expect(await roundTrip(connection, 'free')).toBeLessThan(75);
});

test('roam_loss with reset sends RST to both peers, even on a connection opened before it', async () => {
  await using echo = await startEchoServer();
  await using toxiproxy = await startEmbeddedToxiproxy({ toxicTypes: createExtendedToxicTypes() });
  const proxy = await new Toxiproxy(toxiproxy.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await using connection = await connectClient(portOf(proxy.listen));
  await roundTrip(connection);
  const serverSide = echo.sockets[0]!;
  const serverError = new Promise<string | undefined>((resolve) => {
    serverSide.once('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    serverSide.once('close', () => resolve(undefined));
  });
  await proxy.addToxic({
    name: 'x',
    type: 'roam_loss' as never,
    stream: 'upstream',
    toxicity: 1,
    attributes: { loss_ppm: 1_000_000, reset: 1, per_request: 1 } as never,
  });
  connection.socket.write('doomed');
  await connection.closed();
  expect(connection.error?.code).toBe('ECONNRESET');
  expect(await serverError).toBe('ECONNRESET');
});

test('exchanges: a new burst of upstream data after downstream data is a new request', () => {
  const exchanges = new ExchangeCounter();
  expect(exchanges.observe('downstream')).toBe(0); // a server banner comes before any request
  expect(exchanges.observe('upstream')).toBe(1);
  expect(exchanges.observe('upstream')).toBe(1); // a request in two chunks
  expect(exchanges.observe('downstream')).toBe(1);
  expect(exchanges.observe('downstream')).toBe(1);
  expect(exchanges.observe('upstream')).toBe(2);
  expect(exchanges.current).toBe(2);
});

test('seeded random sources repeat; seed 0 is Math.random', () => {
  const a = randomSource(42);
  const b = randomSource(42);
  const first = Array.from({ length: 5 }, a);
  expect(Array.from({ length: 5 }, b)).toEqual(first);
  expect(Array.from({ length: 5 }, randomSource(43))).not.toEqual(first);
  expect(randomSource(0)).toBe(Math.random);
  for (const v of first) expect(v >= 0 && v < 1).toBe(true);
});

test('delay distributions have the mean and spread asked for', () => {
  const random = randomSource(1);
  const draw = (d: 'uniform' | 'normal' | 'pareto') => Array.from({ length: 20_000 }, () => drawDelay(100, 20, d, random));
  const uniform = stats(draw('uniform'));
  expect(uniform.min).toBeGreaterThanOrEqual(80);
  expect(uniform.max).toBeLessThan(120);
  const normal = stats(draw('normal'));
  expect(normal.mean).toBeCloseTo(100, 0);
  expect(Math.abs(normal.sd - 20)).toBeLessThan(1);
  const pareto = stats(draw('pareto'));
  expect(Math.abs(pareto.mean - 100)).toBeLessThan(2);
  // Heavy tail: never below the scale, and far above the mean now and then.
  expect(pareto.min).toBeGreaterThan(83); // the scale: mean·(α-1)/α, α = 1 + √26
  expect(pareto.max).toBeGreaterThan(170);
  expect(drawDelay(100, 0, 'pareto', random)).toBe(100);
});

test('Gilbert-Elliott: the long-run loss is the one asked for, in bursts of the mean length', () => {
  const chain = new GilbertElliott(burstParameters(0.1, 4), randomSource(9));
  const lost = Array.from({ length: 200_000 }, () => chain.transmit());
  const share = lost.filter(Boolean).length / lost.length;
  const runs = lost.filter((l, i) => l && !lost[i - 1]).length;
  expect(share).toBeGreaterThan(0.09);
  expect(share).toBeLessThan(0.11);
  expect(lost.filter(Boolean).length / runs).toBeGreaterThan(3.5);
  expect(lost.filter(Boolean).length / runs).toBeLessThan(4.5);
  const plain = new GilbertElliott({ goodLoss: 0.1, badLoss: 0, enter: 0, exit: 0 }, randomSource(9));
  const independent = Array.from({ length: 100_000 }, () => plain.transmit()).filter(Boolean).length / 100_000;
  expect(independent).toBeCloseTo(0.1, 1);
});
