/**
 * The charging outcome that is not a failure of the network: the OCS
 * refused service because the subscriber's prepaid credit ran out.
 *
 * @module
 */
import { RoamError } from '../../../core/errors.js';

/**
 * The OCS answered DIAMETER_CREDIT_LIMIT_REACHED (4012) to a start or an
 * event: the subscriber cannot pay for the service. Retrying will not help
 * until the balance is topped up, so it is `permanent`.
 */
export class CreditLimitReachedError extends RoamError {
  /** Not worth retrying: the same request gets the same refusal. */
  readonly permanent = true;
  readonly service: string;

  constructor(service: string, kind: string) {
    super(
      'ROAM_CREDIT_LIMIT_REACHED',
      `charge the ${kind} of a ${service} service`,
      'the OCS answered DIAMETER_CREDIT_LIMIT_REACHED (4012): the prepaid credit is used up',
      {
        hint: 'Top up the subscriber balance in the OCS, or test a postpaid subscriber',
      },
    );
    this.service = service;
  }
}
