import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../../core/virtual-clock.js';
import { SeededRandom } from '../random/seeded-random.js';
import { LatencyModel, DEFAULT_LATENCY } from './latency-model.js';
import { InvalidLatencyError, drawLatency, latencyRange } from './latency-range.js';

test('the defaults are the reference figures of docs/latency-model.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/latency-model.md', import.meta.url)), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| ([^|]+?) \| ([^|]+?) \|$/gm)].map((m) => [m[1]!, m[2]!]));
  const documented: [string, keyof typeof DEFAULT_LATENCY][] = [
    ['HLR lookup (SendAuthInfo, UpdateLocation)', 'hlr'],
    ['VLR registration', 'vlr'],
    ['call set-up', 'call-setup'],
    ['handoff within one operator', 'handoff'],
    ['handoff across a border', 'handoff-cross-border'],
  ];
  for (const [leg, key] of documented) {
    const { minMs, maxMs } = DEFAULT_LATENCY[key];
    expect(rows.get(leg), leg).toBe(`${minMs}-${maxMs} ms`);
  }
  const jitter = new Set(Object.values(DEFAULT_LATENCY).map((range) => `${range.jitterPct}%`));
  expect([...jitter]).toEqual([rows.get('jitter on every leg')]);
});

test('draws stay within min..max widened by the jitter, and spread across it', () => {
  const model = new LatencyModel({ random: new SeededRandom(3) });
  const draws = Array.from({ length: 5000 }, () => model.draw('hlr'));
  expect(Math.min(...draws)).toBeGreaterThanOrEqual(10 * 0.9);
  expect(Math.max(...draws)).toBeLessThanOrEqual(50 * 1.1);
  expect(Math.min(...draws)).toBeLessThan(12);
  expect(Math.max(...draws)).toBeGreaterThan(48);
  // No jitter: exactly within the range; a fixed range: exactly the value.
  expect(drawLatency(latencyRange(20, 20, 0), Math.random)).toBe(20);
  expect(drawLatency(latencyRange(20, 20, 10), () => 0)).toBeCloseTo(18);
});

test('per-network profiles override the legs they name, and nothing else', () => {
  const model = new LatencyModel({ random: new SeededRandom(3), networks: { '505-01': { hlr: latencyRange(150, 400, 20) } } });
  expect(model.rangeFor('hlr', '505-01')).toEqual({ minMs: 150, maxMs: 400, jitterPct: 20 });
  expect(model.rangeFor('vlr', '505-01')).toEqual(DEFAULT_LATENCY.vlr);
  expect(model.rangeFor('hlr', '208-01')).toEqual(DEFAULT_LATENCY.hlr);
  const far = Array.from({ length: 200 }, () => model.draw('hlr', '505-01'));
  expect(Math.min(...far)).toBeGreaterThanOrEqual(150 * 0.8);
});

test('the same seed draws the same delays; the delay hook advances the virtual clock by them', async () => {
  const a = new LatencyModel({ random: new SeededRandom(9) });
  const b = new LatencyModel({ random: new SeededRandom(9) });
  expect(Array.from({ length: 20 }, () => a.draw('call-setup'))).toEqual(Array.from({ length: 20 }, () => b.draw('call-setup')));
  const clock = new VirtualClock();
  const expected = new LatencyModel({ random: new SeededRandom(11) }).draw('radio');
  await clock.settle(new LatencyModel({ random: new SeededRandom(11) }).delay(clock, 'radio')());
  expect(clock.monotonic()).toBe(expected);
});

test('handoffs across a border use the cross-border leg', () => {
  expect(LatencyModel.handoffLeg('208-01', '208-10')).toBe('handoff');
  expect(LatencyModel.handoffLeg('208-01', '214-01')).toBe('handoff-cross-border');
});

test('bad ranges and unknown legs raise one typed error naming the values and a valid example', () => {
  const bad: [() => unknown, RegExp][] = [
    [() => latencyRange(50, 10), /minMs is greater than maxMs/],
    [() => latencyRange(-1, 10), /minMs is negative/],
    [() => latencyRange(1, 10, 150), /jitterPct is above 100/],
    [() => latencyRange(1, NaN), /maxMs is not a finite number/],
    [
      () => new LatencyModel({ random: new SeededRandom(1), defaults: { satellite: latencyRange(1, 2) } as never }),
      /there is no such signalling leg/,
    ],
  ];
  for (const [fn, message] of bad) {
    expect(fn).toThrow(InvalidLatencyError);
    expect(fn).toThrow(message);
    expect(fn).toThrow(/e\.g\. \{ minMs: 10, maxMs: 50, jitterPct: 10 \}/);
  }
});
