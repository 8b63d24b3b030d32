import { RoamError } from '../../core/errors.js';
import type { PlmnId } from '../plmn.js';
import type { RoamingAgreements, Tariff } from '../policy/agreements.js';
import type { UsageRecord } from './usage-record.js';

/** A usage record with its price under a tariff. */
export interface RatedUsage extends UsageRecord {
  /** The tariff's name, e.g. `eu-regulated`. */
  readonly tariff: string;
  readonly currency: string;
  /** What was charged for: whole seconds, kilobytes (1,000 bytes) or messages. */
  readonly chargedUnits: number;
  readonly unit: 'second' | 'kB' | 'message';
  /** The amount, rounded to a millionth of the currency unit. */
  readonly amount: number;
}

/** Usage in a visited network that has no agreement with the subscriber's home network. */
export class RatingError extends RoamError {
  constructor(record: UsageRecord) {
    super(
      'ROAM_RATING_FAILED',
      `rate ${record.service} usage ${JSON.stringify(record.sessionId)}`,
      `no roaming agreement between ${record.homePlmn} and ${record.visitedPlmn}`,
      {
        hint: 'Add the agreement (with its tariff) to the RoamingAgreements the rating engine was given',
      },
    );
  }
}

/**
 * Prices usage by the tariff of the roaming agreement between the
 * subscriber's home network and the visited network where it happened
 * (what a TAP file carries between operators). Voice is charged per whole
 * second started, data per kilobyte (1,000 bytes) started, SMS per message.
 *
 * @example
 * ```ts
 * const rating = new RatingEngine(agreements);
 * rating.rate({ sessionId: 'c1/1', service: 'voice', seconds: 61.2, homePlmn: '262-01', visitedPlmn: '208-01', ... }).amount
 * ```
 */
export class RatingEngine {
  readonly #agreements: RoamingAgreements;

  constructor(agreements: RoamingAgreements) {
    this.#agreements = agreements;
  }

  /** The tariff that applies to usage of `home`'s subscribers in `visited`, if any. */
  tariffFor(home: PlmnId, visited: PlmnId): Tariff | undefined {
    return this.#agreements.between(home, visited)?.tariff;
  }

  /** @throws {RatingError} when the networks have no agreement. */
  rate(record: UsageRecord): RatedUsage {
    const tariff = this.tariffFor(record.homePlmn, record.visitedPlmn);
    if (!tariff) throw new RatingError(record);
    return rateWith(record, tariff);
  }
}

/** Prices one record under a given tariff (right or wrong: reconciliation uses this to show what was expected). */
export function rateWith(record: UsageRecord, tariff: Tariff): RatedUsage {
  const { chargedUnits, unit, amount } = price(record, tariff);
  return { ...record, tariff: tariff.name, currency: tariff.currency, chargedUnits, unit, amount: roundMoney(amount) };
}

function price(record: UsageRecord, tariff: Tariff): { chargedUnits: number; unit: RatedUsage['unit']; amount: number } {
  switch (record.service) {
    case 'voice': {
      const seconds = Math.ceil(round6(record.seconds ?? 0));
      return { chargedUnits: seconds, unit: 'second', amount: (seconds * tariff.perMinute) / 60 };
    }
    case 'data': {
      const kilobytes = Math.ceil((record.bytes ?? 0) / 1000);
      return { chargedUnits: kilobytes, unit: 'kB', amount: (kilobytes * tariff.perMegabyte) / 1000 };
    }
    case 'sms': {
      const messages = record.messages ?? 0;
      return { chargedUnits: messages, unit: 'message', amount: messages * tariff.perSms };
    }
  }
}

/** Rounds to a millionth: amounts are compared, so they must not carry floating-point noise. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}

// 60.000000001 seconds is 60 seconds, not 61.
function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
