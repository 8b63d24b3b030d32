/**
 * Prepaid credit for the OCS: a balance per subscriber, debited by the
 * price of the usage under the tariff of the roaming agreement (the same
 * rating as the CDRs), so a subscriber whose money runs out is refused with
 * DIAMETER_CREDIT_LIMIT_REACHED.
 *
 * @module
 */
import type { RatingEngine } from '../../../simulator/billing/rating.js';
import type { ChargingEvent } from '../../../simulator/signaling/ports.js';
import type { PlmnId } from '../../../simulator/plmn.js';

/**
 * Balances of prepaid subscribers; subscribers without one are postpaid
 * (never refused for credit).
 *
 * @example
 * ```ts
 * const credit = new PrepaidCredit({ rating, homePlmn: '262-01', balances: { '262011234567890': 0.5 } });
 * ```
 */
export class PrepaidCredit {
  readonly #rating: RatingEngine;
  readonly #home: PlmnId;
  readonly #balances: Map<string, number>;

  constructor(options: {
    rating: RatingEngine;
    homePlmn: PlmnId;
    balances: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  }) {
    this.#rating = options.rating;
    this.#home = options.homePlmn;
    this.#balances = new Map(options.balances instanceof Map ? options.balances : Object.entries(options.balances));
  }

  /** The balance of `imsi`, or undefined for a postpaid subscriber. */
  balance(imsi: string): number | undefined {
    return this.#balances.get(imsi);
  }

  /** Whether `imsi` may be granted more service. */
  mayUse(imsi: string): boolean {
    const balance = this.#balances.get(imsi);
    return balance === undefined || balance > 0;
  }

  /** Whether `imsi` can pay for the usage of `event` now. */
  canPay(event: ChargingEvent): boolean {
    const balance = this.#balances.get(event.imsi);
    return balance === undefined || balance >= this.costOf(event);
  }

  /** The price of the usage of `event` (0 without usage, for registrations, or with no agreement). */
  costOf(event: ChargingEvent): number {
    if (!event.usage || event.service === 'registration') return 0;
    const tariff = this.#rating.tariffFor(this.#home, event.visitedPlmn);
    if (!tariff) return 0;
    return this.#rating.rate({
      sessionId: event.sessionId,
      imsi: event.imsi,
      homePlmn: this.#home,
      visitedPlmn: event.visitedPlmn,
      service: event.service,
      startedAt: event.at,
      ...event.usage,
    }).amount;
  }

  /** Debits the price of `event` from a prepaid subscriber's balance. */
  debit(event: ChargingEvent): void {
    const balance = this.#balances.get(event.imsi);
    if (balance !== undefined) this.#balances.set(event.imsi, balance - this.costOf(event));
  }
}
