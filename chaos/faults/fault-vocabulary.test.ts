import { test, expect } from '@playwright/test';
import { connect } from 'node:net';
import { startEmbeddedToxiproxy } from '../embedded/index.js';
import { ChaosNetwork } from '../chaos-network.js';
import { LINK, percentile, startHttpStage } from '../test-support/http-stage.js';

// Every fault of the vocabulary, measured through real sockets on the
// embedded backend. Timing bounds are generous: two loaded cores.

test('latency delays every request by ms ± jitter, and says it applies per request', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const fault = await stage.chaos.link(LINK).latency({ ms: 150, jitterMs: 20 });
  expect(fault).toMatchObject({
    kind: 'latency',
    per: 'request',
    embeddedOnly: false,
    description: 'latency 150ms ±20ms forward, per request',
  });
  for (let i = 0; i < 5; i++) {
    const { ok, ms } = await stage.request();
    expect(ok).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(129);
    expect(ms).toBeLessThan(1000);
  }
  await fault.remove();
  expect((await stage.request()).ms).toBeLessThan(120);
  expect(fault.endedAt).toBeGreaterThanOrEqual(fault.startedAt);
});

test('per request, toxicity is rolled at every request of one keep-alive connection', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const fault = await stage.chaos.link(LINK).latency({ ms: 120, toxicity: 0.5, seed: 7 });
  expect(fault.description).toBe('latency 120ms ±0ms forward, 50% of requests, per request');
  expect(fault.embeddedOnly).toBe(true);
  const slow = [];
  for (let i = 0; i < 30; i++) slow.push((await stage.request()).ms >= 110);
  // One connection: Toxiproxy's per-connection roll would give all or nothing.
  const delayed = slow.filter(Boolean).length;
  expect(delayed).toBeGreaterThan(5);
  expect(delayed).toBeLessThan(25);
});

test('per connection, toxicity is rolled once for the connection (Toxiproxy semantics)', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  await stage.chaos.link(LINK).latency({ ms: 120, toxicity: 0.5, per: 'connection' });
  const slow: boolean[] = [];
  for (let i = 0; i < 8; i++) slow.push((await stage.request()).ms >= 110);
  // Every request on the one connection shares the connection's roll, hit or miss.
  expect(new Set(slow).size).toBe(1);
});

test('stream links default to per-connection faults', async () => {
  await using stage = await startHttpStage({ traffic: 'stream' });
  const fault = await stage.chaos.link(LINK).latency({ ms: 10, toxicity: 0.5 });
  expect(fault.per).toBe('connection');
  expect(fault.embeddedOnly).toBe(false);
  expect(await stage.chaos.toxicsOn(LINK)).toEqual([expect.objectContaining({ type: 'latency' })]);
});

test('normal and pareto latency have the mean asked for; pareto has the heavier tail', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const measure = async (distribution: 'normal' | 'pareto'): Promise<number[]> => {
    const fault = await stage.chaos.link(LINK).latency({ ms: 60, jitterMs: 20, distribution, seed: 3 });
    expect(fault.description).toContain(`σ20ms ${distribution}`);
    const samples = [];
    for (let i = 0; i < 40; i++) samples.push((await stage.request()).ms);
    await fault.remove();
    return samples;
  };
  for (const distribution of ['normal', 'pareto'] as const) {
    const samples = await measure(distribution);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(mean).toBeGreaterThan(45);
    expect(mean).toBeLessThan(110);
  }
});

test('loss delays a share of requests by the retransmission timeout, per request', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const fault = await stage.chaos.link(LINK).loss({ percent: 30, retransmitMs: 80, seed: 11 });
  expect(fault.description).toBe('loss 30% of requests forward (retransmit after 80ms), per request');
  const times = [];
  for (let i = 0; i < 60; i++) {
    const outcome = await stage.request();
    expect(outcome.ok).toBe(true);
    times.push(outcome.ms);
  }
  const lost = times.filter((ms) => ms >= 75).length;
  expect(lost).toBeGreaterThan(6);
  expect(lost).toBeLessThan(36);
  expect(percentile(times, 10)).toBeLessThan(70);
});

test('loss with onLoss reset resets the connection (ECONNRESET) instead', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  await stage.chaos.link(LINK).loss({ percent: 100, onLoss: 'reset' });
  const outcome = await stage.request();
  expect(outcome.ok).toBe(false);
  expect(outcome.code).toBe('ECONNRESET');
});

test('loss in bursts: the lost requests come in runs', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  await stage.chaos.link(LINK).loss({ percent: 20, burst: { meanLength: 4 }, retransmitMs: 20, seed: 5 });
  const lost: boolean[] = [];
  for (let i = 0; i < 120; i++) lost.push((await stage.request()).ms >= 19);
  const runs = lost.filter((l, i) => l && !lost[i - 1]).length;
  const total = lost.filter(Boolean).length;
  expect(total).toBeGreaterThan(0);
  // Independent loss of the same share would give runs averaging ~1.25 long.
  expect(total / Math.max(runs, 1)).toBeGreaterThan(1.5);
});

test('per-connection loss without bursts uses Toxiproxy’s own toxics', async () => {
  await using stage = await startHttpStage();
  const fault = await stage.chaos.link(LINK).loss({ percent: 10, per: 'connection', onLoss: 'reset' });
  expect(fault.embeddedOnly).toBe(false);
  expect(await stage.chaos.toxicsOn(LINK)).toEqual([expect.objectContaining({ type: 'reset_peer', toxicity: 0.1 })]);
});

test('a blackhole partition swallows requests; removing it heals the link', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const fault = await stage.chaos.link(LINK).partition();
  expect(fault.description).toBe('partition both (blackhole)');
  expect((await stage.request({ timeoutMs: 400 })).code).toBe('TIMEOUT');
  await fault.remove();
  expect((await stage.request()).ok).toBe(true);
});

test('a one-way blackhole lets requests through but never the answers', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const before = stage.served();
  await stage.chaos.link(LINK).partition({ direction: 'reverse' });
  expect((await stage.request({ timeoutMs: 400 })).code).toBe('TIMEOUT');
  expect(stage.served()).toBe(before + 1);
});

test('a refused partition refuses connections; one way, it resets them', async () => {
  await using stage = await startHttpStage();
  const both = await stage.chaos.link(LINK).partition({ mode: 'refused' });
  expect(await stage.chaos.isEnabled(LINK)).toBe(false);
  expect((await stage.request()).code).toBe('ECONNREFUSED');
  await both.remove();
  expect(await stage.chaos.isEnabled(LINK)).toBe(true);
  expect((await stage.request()).ok).toBe(true);

  const oneWay = await stage.chaos.link(LINK).partition({ mode: 'refused', direction: 'forward' });
  expect(oneWay.description).toBe('partition forward (refused)');
  const outcome = await stage.request();
  expect(outcome.ok).toBe(false);
  expect(['ECONNRESET', 'ECONNREFUSED', 'socket hang up']).toContain(outcome.code);
});

test('overlapping refused partitions: the proxy stays off until the last one goes', async () => {
  await using stage = await startHttpStage();
  const first = await stage.chaos.link(LINK).partition({ mode: 'refused' });
  const second = await stage.chaos.link(LINK).partition({ mode: 'refused' });
  await first.remove();
  expect(await stage.chaos.isEnabled(LINK)).toBe(false);
  await second.remove();
  expect(await stage.chaos.isEnabled(LINK)).toBe(true);
});

test('bandwidth caps the rate of each connection', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  await stage.chaos.link(LINK).bandwidth({ kilobytesPerSecond: 50, direction: 'reverse' });
  const { ok, ms } = await stage.request({ bytes: 50_000 });
  expect(ok).toBe(true);
  expect(ms).toBeGreaterThanOrEqual(850);
  expect(ms).toBeLessThan(4000);
});

test('flapping takes the link down and up on its period, and stops up', async () => {
  await using stage = await startHttpStage();
  const fault = await stage.chaos.link(LINK).flapping({ periodMs: 600, downMs: 300 });
  expect(fault.description).toBe('flapping down 300ms every 600ms both (refused)');
  const states: boolean[] = [];
  const started = performance.now();
  while (performance.now() - started < 2_000) {
    states.push(await stage.chaos.isEnabled(LINK));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(states).toContain(true);
  expect(states).toContain(false);
  const flips = states.filter((s, i) => i > 0 && s !== states[i - 1]).length;
  expect(flips).toBeGreaterThanOrEqual(3);
  await fault.remove();
  expect(await stage.chaos.isEnabled(LINK)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(await stage.chaos.isEnabled(LINK)).toBe(true);
});

test('slow close holds the close back; reset resets at once', async () => {
  await using stage = await startHttpStage();
  await stage.chaos.link(LINK).slowClose({ delayMs: 400, direction: 'reverse' });
  const [host, port] = stage.link.listen.split(':') as [string, string];
  const closedAfter = await new Promise<number>((resolve) => {
    const socket = connect({ host, port: Number(port) }, () => {
      const started = performance.now();
      socket.end('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      socket.resume();
      socket.on('close', () => resolve(performance.now() - started));
    });
    socket.on('error', () => undefined);
  });
  expect(closedAfter).toBeGreaterThanOrEqual(390);
  await stage.chaos.clearFaults();

  const reset = await stage.chaos.link(LINK).reset();
  expect(reset.description).toBe('reset after 0ms forward, per connection');
  const outcome = await stage.request();
  expect(outcome.ok).toBe(false);
});

test('retune changes a fault’s strength in place', async () => {
  await using stage = await startHttpStage();
  await stage.request();
  const fault = await stage.chaos.link(LINK).latency({ ms: 50 });
  const [before] = await stage.chaos.toxicsOn(LINK);
  await fault.retune({ ms: 250 });
  const [after] = await stage.chaos.toxicsOn(LINK);
  expect(after!.name).toBe(before!.name);
  expect((await stage.request()).ms).toBeGreaterThanOrEqual(240);
  await expect(fault.retune({ ms: -1 })).rejects.toThrow(/ms is -1/);
  await expect(fault.retune({ distribution: 'pareto', jitterMs: 5 })).rejects.toMatchObject({ code: 'ROAM_CHAOS_RETUNE' });
});

test('bad fields fail before anything is injected, naming the field', async () => {
  await using stage = await startHttpStage();
  const link = stage.chaos.link(LINK);
  await expect(link.loss({ percent: 120 })).rejects.toThrow(
    '[roam] Failed to add loss on client -> server: percent is 120, over 100. Give percent from 0 to 100, e.g. percent: 5.',
  );
  await expect(link.latency({ ms: -5 })).rejects.toThrow(/ms is -5, not a whole number of milliseconds >= 0/);
  await expect(link.latency({ ms: 5, toxicity: 2 })).rejects.toThrow(/toxicity is 2, outside 0 to 1/);
  await expect(link.partition({ mode: 'gone' as never })).rejects.toThrow(/mode is "gone", not one of "blackhole", "refused"/);
  await expect(link.flapping({ periodMs: 100, downMs: 100 })).rejects.toThrow(/downMs 100 is not shorter than periodMs 100/);
  await expect(link.loss({ percent: 5, burst: { meanLength: 0 } })).rejects.toThrow(/burst\.meanLength is 0/);
  await expect(link.bandwidth({ kilobytesPerSecond: 1.5 })).rejects.toThrow(/kilobytesPerSecond is 1.5/);
  expect(() => stage.chaos.checkFault({ link: LINK, type: 'latency', ms: 5, msec: 4 } as never)).toThrow(
    /msec is not a field of a latency fault/,
  );
  expect(() => stage.chaos.link('nowhere -> server')).toThrow(/no link has this name\. Known links: client -> server/);
  expect(await stage.chaos.toxicsOn(LINK)).toEqual([]);
  expect(stage.chaos.activeFaults()).toEqual([]);
  expect(await stage.chaos.isEnabled(LINK)).toBe(true);
});

test('embedded-only faults are refused with a clear error where the backend lacks the types', async () => {
  await using plain = await startEmbeddedToxiproxy();
  const chaos = new ChaosNetwork(plain.url);
  await chaos.addLink(LINK, '127.0.0.1:9');
  await expect(chaos.link(LINK).loss({ percent: 5 })).rejects.toMatchObject({
    code: 'ROAM_CHAOS_EMBEDDED_ONLY',
    message: expect.stringContaining('it needs the embedded-only toxic type "roam_loss"'),
  });
  // Faults Toxiproxy's toxics express still work there.
  await (await chaos.link(LINK).loss({ percent: 5, per: 'connection' })).remove();
  expect(await chaos.toxicsOn(LINK)).toEqual([]);
  // The capability probe leaves no proxy behind.
  expect(Object.keys(await chaos.client.getAll())).toEqual([chaos.links()[0]!.proxyName]);
});

test('apply takes faults as data, and clearFaults takes every one away', async () => {
  await using stage = await startHttpStage();
  await stage.chaos.inject({ link: LINK, type: 'latency', ms: 10 });
  await stage.chaos.inject({ link: LINK, type: 'partition', mode: 'refused' });
  await stage.chaos.inject({ link: LINK, type: 'flapping', periodMs: 200 });
  expect(stage.chaos.activeFaults().map((f) => f.kind)).toEqual(['latency', 'partition', 'flapping']);
  await stage.chaos.clearFaults();
  expect(stage.chaos.activeFaults()).toEqual([]);
  expect(await stage.chaos.toxicsOn(LINK)).toEqual([]);
  expect(await stage.chaos.isEnabled(LINK)).toBe(true);
  expect((await stage.request()).ok).toBe(true);
});
