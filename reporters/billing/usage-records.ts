import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { toCsv } from './csv.js';
import type { IdentityPseudonyms } from './report-fields.js';

/**
 * One TAP-like usage record: what a visited network would send the home
 * network for one charging session (simplified from GSMA TD.57 TAP3).
 */
export interface UsageRecord {
  /** The visited network that served the subscriber and sends the record. */
  readonly senderPlmn: PlmnId;
  readonly sessionId: string;
  /** Pseudonym of the IMSI. */
  readonly subscriberId: string;
  readonly service: ChargingEvent['service'];
  /** ISO 8601 time of the first charging event of the session. */
  readonly startedAt: string;
  /** ISO 8601 time of the last charging event of the session. */
  readonly endedAt: string;
  readonly seconds: number;
  readonly bytes: number;
  readonly messages: number;
  /** Charging events that made up the record. */
  readonly events: number;
  /** Whether a `stop` (or a one-off `event`) closed the session. */
  readonly closed: boolean;
}

const COLUMNS = [
  'sender_plmn',
  'session_id',
  'subscriber_id',
  'service',
  'started_at',
  'ended_at',
  'seconds',
  'bytes',
  'messages',
  'events',
  'closed',
] as const;

/**
 * Groups charging events (CDRs) into TAP-like usage records, one per
 * session, per visited network. IMSIs become pseudonyms through `identities`.
 *
 * @example
 * ```ts
 * for (const [plmn, records] of usageRecordsByVisitedNetwork(ledger.events(), world.hasher)) {
 *   await writeFile(`usage-${plmn}.csv`, usageRecordsCsv(records));
 * }
 * ```
 */
export function usageRecordsByVisitedNetwork(
  events: readonly ChargingEvent[],
  identities: Pick<IdentityPseudonyms, 'subscriber'>,
): Map<PlmnId, UsageRecord[]> {
  const sessions = new Map<string, ChargingEvent[]>();
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const key = `${event.visitedPlmn}\u0000${event.sessionId}`;
    const session = sessions.get(key);
    if (session) session.push(event);
    else sessions.set(key, [event]);
  }
  const byPlmn = new Map<PlmnId, UsageRecord[]>();
  for (const session of sessions.values()) {
    const first = session[0]!;
    const last = session[session.length - 1]!;
    const sum = (field: 'seconds' | 'bytes' | 'messages') => session.reduce((total, e) => total + (e.usage?.[field] ?? 0), 0);
    const record: UsageRecord = {
      senderPlmn: first.visitedPlmn,
      sessionId: first.sessionId,
      subscriberId: identities.subscriber(first.imsi),
      service: first.service,
      startedAt: new Date(first.at).toISOString(),
      endedAt: new Date(last.at).toISOString(),
      seconds: sum('seconds'),
      bytes: sum('bytes'),
      messages: sum('messages'),
      events: session.length,
      closed: session.some((e) => e.kind === 'stop' || e.kind === 'event'),
    };
    const records = byPlmn.get(first.visitedPlmn);
    if (records) records.push(record);
    else byPlmn.set(first.visitedPlmn, [record]);
  }
  return byPlmn;
}

/** Usage records as CSV with snake_case columns (`sender_plmn`, `session_id`, ...). */
export function usageRecordsCsv(records: readonly UsageRecord[]): string {
  return toCsv([
    [...COLUMNS],
    ...records.map((r) => [
      r.senderPlmn,
      r.sessionId,
      r.subscriberId,
      r.service,
      r.startedAt,
      r.endedAt,
      String(r.seconds),
      String(r.bytes),
      String(r.messages),
      String(r.events),
      String(r.closed),
    ]),
  ]);
}
