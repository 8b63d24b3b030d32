import type { Clock } from '../../core/clock.js';
import type { Plmn, PlmnId } from '../plmn.js';
import { recordStep, type SignalingStep } from '../signaling/signaling-step.js';
import type { ChargingPort, HomeNetworkPort, SubscriberData } from '../signaling/ports.js';
import type { VlrRecord } from './vlr-context.js';

/**
 * Who a VLR is, for registering subscribers.
 *
 * @internal used by {@link VisitorLocationRegister}.
 */
export interface RegistrationContext {
  readonly name: string;
  readonly vlrNumber: string;
  readonly plmn: PlmnId;
  readonly clock: Clock;
  readonly registrationDelay?: () => Promise<void>;
}

/**
 * Registers a subscriber in a VLR: UpdateLocation to the home HLR (which
 * checks roaming policy and may refuse), answered with InsertSubscriberData,
 * then the VLR's own work and its record. Used by attach and by the target
 * side of a handover.
 *
 * @internal
 */
export async function registerAt(
  vlr: RegistrationContext,
  records: Map<string, VlrRecord>,
  who: { readonly imsi: string; readonly home: Plmn; readonly port: HomeNetworkPort },
  steps: SignalingStep[],
): Promise<SubscriberData> {
  const hlr = `hlr:${who.home.id}`;
  const data: SubscriberData = await recordStep(steps, vlr.clock, { name: 'UpdateLocation', from: vlr.name, to: hlr }, () =>
    who.port.updateLocation({ imsi: who.imsi, vlrNumber: vlr.vlrNumber, visitedPlmn: vlr.plmn }),
  );
  steps.push({ name: 'InsertSubscriberData', from: hlr, to: vlr.name, startedAt: vlr.clock.now(), durationMs: 0, result: 'ok' });
  await vlr.registrationDelay?.();
  const now = vlr.clock.now();
  const previous = records.get(who.imsi);
  records.set(who.imsi, {
    imsi: who.imsi,
    msisdn: data.msisdn,
    homePlmn: who.home.id,
    registeredAt: previous?.registeredAt ?? now,
    lastActivityAt: now,
    lac: previous?.lac ?? 1,
    services: data.services,
  });
  return data;
}

/**
 * Tells the home billing system a roaming session started (a registration
 * event). Billing being down must not fail the subscriber's attach; the
 * charging sender owns retries, so a failure is only recorded as a step.
 *
 * @internal
 */
export async function chargeRegistration(
  vlr: RegistrationContext,
  charging: ChargingPort | undefined,
  who: { readonly imsi: string; readonly home: Plmn; readonly transactionId: string },
  steps: SignalingStep[],
): Promise<void> {
  if (!charging) return;
  const event = {
    idempotencyKey: `${who.transactionId}:start`,
    kind: 'start' as const,
    sessionId: who.transactionId,
    imsi: who.imsi,
    visitedPlmn: vlr.plmn,
    service: 'registration' as const,
    at: vlr.clock.now(),
  };
  await recordStep(steps, vlr.clock, { name: 'ChargingStart', from: vlr.name, to: `billing:${who.home.id}` }, () =>
    charging.record(event),
  ).catch(() => undefined);
}
