import { test, expect } from '@playwright/test';
import type { RoamingEvent } from '../simulator/roaming-events.js';
import { eventLogExcerpt } from './event-log-excerpt.js';

const event = (i: number, correlation: string, result: RoamingEvent['result']): RoamingEvent => ({
  event_type: 'attach',
  timestamp: new Date(1_750_000_000_000 + i).toISOString(),
  subscriber_id: `sub_${String(i).padStart(16, '0')}`,
  visited_mcc_mnc: '208-01',
  latency_ms: i,
  result,
  failure_reason: result === 'failure' ? 'ROAMING_NOT_ALLOWED' : null,
  correlation_id: correlation,
  transition: null,
});

test('a short log is kept whole, one JSON object per line', () => {
  const events = [event(1, 'a', 'in_progress'), event(2, 'a', 'success')];
  const jsonl = eventLogExcerpt(events, 10);
  expect(jsonl.split('\n')).toHaveLength(3);
  expect(
    jsonl
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ).toEqual(events);
});

test('a long log keeps every event of failed procedures, then the latest, in order', () => {
  const events: RoamingEvent[] = [];
  for (let i = 0; i < 100; i++) events.push(event(i, `ok-${i}`, 'success'));
  events.splice(10, 0, event(1000, 'bad', 'in_progress'), event(1001, 'bad', 'failure'));
  const kept = eventLogExcerpt(events, 5)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as RoamingEvent);
  expect(kept).toHaveLength(5);
  expect(kept.slice(0, 2).map((e) => e.correlation_id)).toEqual(['bad', 'bad']);
  expect(kept.slice(2).map((e) => e.correlation_id)).toEqual(['ok-97', 'ok-98', 'ok-99']);
});
