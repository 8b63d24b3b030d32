import { randomUUID } from 'node:crypto';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { freshSubscriberKeys } from '../subscribers/test-subscriber.js';
import type { BillingUnderTest } from './billing-under-test.js';

/** Makes the charging events of one session of a fresh subscriber, each with its own idempotency key. */
export function chargingSession(
  billing: Pick<BillingUnderTest, 'home' | 'visited'>,
  service: ChargingEvent['service'],
  imsi = freshSubscriberKeys(billing.home).imsi,
) {
  const sessionId = `conf-${randomUUID()}`;
  let at = Date.now();
  return {
    sessionId,
    imsi,
    event(kind: ChargingEvent['kind'], usage?: ChargingEvent['usage']): ChargingEvent {
      at += 1_000;
      return {
        idempotencyKey: `${sessionId}:${kind}:${randomUUID()}`,
        kind,
        sessionId,
        imsi,
        visitedPlmn: billing.visited as PlmnId,
        service,
        at,
        ...(usage ? { usage } : {}),
      };
    },
  };
}
