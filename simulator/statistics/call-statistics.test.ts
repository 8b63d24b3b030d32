import { test, expect } from '@playwright/test';
import { SampleSeries } from '../../metrics/sample-series.js';

test('a series summarises to count, mean, min, max and p50/p95/p99 by linear interpolation', () => {
  const series = new SampleSeries();
  for (let i = 1; i <= 2000; i++) series.add(i); // grows past its first buffer
  expect(series.summary()).toEqual({ count: 2000, avg: 1000.5, min: 1, max: 2000, p50: 1000.5, p95: 1900.05, p99: 1980.01 });
  expect(series.values().slice(0, 3)).toEqual([1, 2, 3]);
  const empty = new SampleSeries().summary();
  expect(empty.count).toBe(0);
  expect(empty.p95).toBeNaN();
});
