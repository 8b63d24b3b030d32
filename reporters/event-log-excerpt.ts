import type { RoamingEvent } from '../simulator/roaming-events.js';

/**
 * An excerpt of the event log as JSON Lines, at most `limit` events in the
 * order they happened. When the log is longer, failures come first: every
 * event of each failed procedure (by correlation id, latest failures first),
 * then the most recent events fill what is left.
 *
 * @example
 * ```ts
 * await allure.attachment('Event log excerpt', eventLogExcerpt(world.events.events, 200), 'application/x-ndjson');
 * ```
 */
export function eventLogExcerpt(events: readonly RoamingEvent[], limit = 200): string {
  const chosen = events.length <= limit ? events : pick(events, limit);
  return chosen.map((event) => JSON.stringify(event) + '\n').join('');
}

function pick(events: readonly RoamingEvent[], limit: number): RoamingEvent[] {
  const keep = new Set<number>();
  const byCorrelation = new Map<string, number[]>();
  events.forEach((event, index) => {
    const indexes = byCorrelation.get(event.correlation_id);
    if (indexes) indexes.push(index);
    else byCorrelation.set(event.correlation_id, [index]);
  });
  const failed = [...new Set(events.filter((e) => e.result === 'failure').map((e) => e.correlation_id))].reverse();
  for (const id of failed) {
    const indexes = byCorrelation.get(id) ?? [];
    if (keep.size + indexes.length > limit) continue;
    indexes.forEach((i) => keep.add(i));
  }
  for (let i = events.length - 1; i >= 0 && keep.size < limit; i--) keep.add(i);
  return [...keep].sort((a, b) => a - b).map((i) => events[i]!);
}
