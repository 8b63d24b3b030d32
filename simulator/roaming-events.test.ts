import { test, expect } from '@playwright/test';
import { RoamError } from '../core/errors.js';
import { EventLog, type RoamingEvent } from './roaming-events.js';

// The event log is a ring: at its cap each new event replaces the oldest, in order.

function event(i: number): RoamingEvent {
  return {
    event_type: 'attach',
    timestamp: new Date(i).toISOString(),
    subscriber_id: `sub-${i % 3}`,
    visited_mcc_mnc: '208-01',
    latency_ms: i,
    result: 'success',
    failure_reason: null,
    correlation_id: `c-${i % 5}`,
    transition: null,
  };
}

const ids = (log: EventLog) => log.events.map((e) => e.latency_ms);

test('below its cap the log keeps every event in order', () => {
  const log = new EventLog(10);
  for (let i = 0; i < 7; i++) log.sink(event(i));
  expect(log.size).toBe(7);
  expect(ids(log)).toEqual([0, 1, 2, 3, 4, 5, 6]);
});

test('at its cap each new event drops the oldest, and reads stay oldest first', () => {
  const log = new EventLog(5);
  for (let i = 0; i < 5; i++) log.sink(event(i));
  expect(ids(log)).toEqual([0, 1, 2, 3, 4]);
  log.sink(event(5));
  expect(ids(log)).toEqual([1, 2, 3, 4, 5]);
  for (let i = 6; i < 13; i++) log.sink(event(i));
  expect(log.size).toBe(5);
  expect(ids(log)).toEqual([8, 9, 10, 11, 12]);
  expect(log.byCorrelation('c-0').map((e) => e.latency_ms)).toEqual([10]);
  // A read taken before more events keeps what it saw.
  const seen = log.events;
  log.sink(event(13));
  expect(seen.map((e) => e.latency_ms)).toEqual([8, 9, 10, 11, 12]);
  expect(ids(log)).toEqual([9, 10, 11, 12, 13]);
});

test('JSON Lines in chunks are exactly the JSON Lines in one string, also after wrapping', () => {
  const log = new EventLog(1_000);
  for (let i = 0; i < 2_345; i++) log.sink(event(i));
  const chunks = [...log.jsonLineChunks(128)];
  expect(chunks).toHaveLength(Math.ceil(1_000 / 128));
  expect(chunks.join('')).toBe(log.toJsonLines());
  expect(log.toJsonLines().split('\n')[0]).toBe(JSON.stringify(event(1_345)));
});

test('chunks of a full log are a snapshot: events written while reading do not show', () => {
  const log = new EventLog(4);
  for (let i = 0; i < 8; i++) log.sink(event(i)); // full, and the oldest is back at the start
  const chunks = log.jsonLineChunks(1);
  const first = chunks.next().value;
  for (let i = 8; i < 12; i++) log.sink(event(i));
  const lines = [first, ...chunks].map((line) => (JSON.parse(line!) as RoamingEvent).latency_ms);
  expect(lines).toEqual([4, 5, 6, 7]);
});

test('clear empties the log, which then fills again from the start', () => {
  const log = new EventLog(3);
  for (let i = 0; i < 5; i++) log.sink(event(i));
  log.clear();
  expect(log.size).toBe(0);
  log.sink(event(9));
  expect(ids(log)).toEqual([9]);
});

test('a cap that is not a whole number of 1 or more is refused', () => {
  for (const limit of [0, -1, 1.5, Number.NaN]) expect(() => new EventLog(limit)).toThrow(RoamError);
});
