import { test, expect } from '@playwright/test';
import { InvalidSeedError, SeededRandom } from './seeded-random.js';

const draw = (random: SeededRandom, n = 8) => Array.from({ length: n }, () => random.nextUint32());

test('the same seed gives the same numbers; another seed other numbers', () => {
  expect(draw(new SeededRandom(42))).toEqual(draw(new SeededRandom(42)));
  expect(draw(new SeededRandom('42'))).toEqual(draw(new SeededRandom(42)));
  expect(draw(new SeededRandom(43))).not.toEqual(draw(new SeededRandom(42)));
});

test('forks are independent of how much the parent drew', () => {
  const fresh = new SeededRandom(7);
  const used = new SeededRandom(7);
  draw(used, 1000);
  expect(draw(used.fork('calls'))).toEqual(draw(fresh.fork('calls')));
  expect(draw(fresh.fork('calls'))).not.toEqual(draw(fresh.fork('sms')));
});

test('numbers stay in range and are roughly uniform; exponential has the mean asked for', () => {
  const random = new SeededRandom(1);
  const buckets = new Array<number>(10).fill(0);
  let sum = 0;
  let outside = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = random.next();
    if (!(x >= 0 && x < 1)) outside++;
    buckets[Math.floor(x * 10)]!++;
    sum += random.exponential(50);
  }
  expect(outside).toBe(0);
  for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  expect(Math.abs(sum / 100_000 - 50)).toBeLessThan(1);
  const ints = new Set(Array.from({ length: 2000 }, () => random.int(3, 6)));
  expect([...ints].sort()).toEqual([3, 4, 5, 6]);
});

test('bytes and hex are repeatable and of the length asked for', () => {
  expect(new SeededRandom(5).bytes(16)).toEqual(new SeededRandom(5).bytes(16));
  expect(new SeededRandom(5).bytes(7)).toHaveLength(7);
  expect(new SeededRandom(5).hex(32)).toMatch(/^[0-9a-f]{32}$/);
});

test('a seed that is not a safe integer or a non-empty string is refused with a typed error', () => {
  for (const bad of [1.5, NaN, '', Number.MAX_SAFE_INTEGER + 2, null]) {
    expect(() => new SeededRandom(bad as unknown as number)).toThrow(InvalidSeedError);
  }
  expect(() => new SeededRandom('')).toThrow(/a seed must be a safe integer or a non-empty string\. Pass a seed such as 42/);
});
