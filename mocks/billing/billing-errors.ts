import { RoamError } from '../../simulator/errors.js';
import type { PlmnId } from '../../simulator/plmn.js';

/** A charging event for a subscriber of another home network: this billing system has no account for it. */
export class ForeignSubscriberError extends RoamError {
  constructor(imsiShown: string, home: PlmnId) {
    super('ROAM_UNKNOWN_SUBSCRIBER', `record a charging event for IMSI ${imsiShown}`, `it is not a subscriber of ${home}`, {
      hint: `Send charging events to the billing system of the subscriber's home network; ${home} takes IMSIs starting with ${home.replace('-', '')}`,
    });
  }
}

/** An idempotency key already taken by a different charging event: a retry must repeat the event unchanged. */
export class IdempotencyConflictError extends RoamError {
  constructor(key: string) {
    super(
      'ROAM_IDEMPOTENCY_CONFLICT',
      `record charging event ${JSON.stringify(key)}`,
      'another event with different content has this idempotency key',
      {
        hint: 'Give every charge its own key, and resend a retried event exactly as it was first sent',
      },
    );
  }
}
