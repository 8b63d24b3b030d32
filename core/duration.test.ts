import { test, expect } from '@playwright/test';
import { DurationError, formatDuration, MAX_DURATION_MS, parseDuration, readDuration } from './duration.js';

test('one grammar: milliseconds as a number, or a decimal and ms, s, m or h', () => {
  expect(parseDuration('40ms')).toBe(40);
  expect(parseDuration(' 1.5s ')).toBe(1500);
  expect(parseDuration('2m')).toBe(120_000);
  expect(parseDuration('1h')).toBe(3_600_000);
  expect(parseDuration(250)).toBe(250);
  expect(parseDuration('0s')).toBe(0);
});

test('negative, malformed and over-long durations are problems that say which', () => {
  expect(readDuration('-40ms').problem).toBe('"-40ms" is negative; a duration is 0 or more');
  expect(readDuration(-5).problem).toBe('-5 is negative; a duration is 0 or more');
  expect(readDuration('40 parsecs').problem).toMatch(/^"40 parsecs" is not a duration: expected a number and ms, s, m or h/);
  expect(readDuration('99999999999h').problem).toBe('"99999999999h" is longer than the limit of 31 days');
  expect(readDuration(`${'9'.repeat(400)}ms`).problem).toMatch(/is not a duration/);
  expect(readDuration(Number.POSITIVE_INFINITY).problem).toBe('Infinity is not a finite number of milliseconds');
  expect(readDuration(MAX_DURATION_MS).ms).toBe(MAX_DURATION_MS);
  expect(() => parseDuration('soon', "the fault's for")).toThrow(DurationError);
  expect(() => parseDuration('soon', "the fault's for")).toThrow(/^\[roam\] Failed to read the fault's for: "soon" is not a duration/);
});

test('formatting reads back to the same milliseconds', () => {
  for (const ms of [0, 1, 40, 1500, 90_000, 120_000, 3_600_000, 5_400_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  expect(formatDuration(90_000)).toBe('90s');
  expect(formatDuration(120_000)).toBe('2m');
});
