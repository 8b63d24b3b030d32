import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';

/** Prices a home network pays a visited network, per unit, in SDR-like currency units. */
export interface Tariff {
  /** A name users refer to in specs, e.g. `eu-regulated`. */
  readonly name: string;
  readonly currency: string;
  readonly perMinute: number;
  readonly perMegabyte: number;
  readonly perSms: number;
}

/** A bilateral roaming agreement between a home and a visited PLMN. */
export interface RoamingAgreement {
  readonly home: PlmnId;
  readonly visited: PlmnId;
  readonly tariff: Tariff;
}

/** Tariffs known by name. `eu-regulated` follows the EU wholesale caps of 2025 roughly. */
export const TARIFFS: Readonly<Record<string, Tariff>> = {
  'eu-regulated': { name: 'eu-regulated', currency: 'EUR', perMinute: 0.019, perMegabyte: 0.0018, perSms: 0.003 },
  standard: { name: 'standard', currency: 'EUR', perMinute: 0.1, perMegabyte: 0.01, perSms: 0.05 },
  premium: { name: 'premium', currency: 'EUR', perMinute: 0.5, perMegabyte: 0.05, perSms: 0.2 },
};

/**
 * The roaming agreements of a world: which visited networks a home
 * network's subscribers may use, at which tariff.
 */
export class RoamingAgreements {
  readonly #byPair = new Map<string, RoamingAgreement>();

  /** Adds (or replaces) the agreement between `home` and `visited`. */
  add(home: string | Plmn, visited: string | Plmn, tariff: Tariff = TARIFFS['standard']!): RoamingAgreement {
    const agreement = { home: parsePlmn(home).id, visited: parsePlmn(visited).id, tariff };
    this.#byPair.set(`${agreement.home}>${agreement.visited}`, agreement);
    return agreement;
  }

  /** The agreement between `home` and `visited`, if any. */
  between(home: PlmnId, visited: PlmnId): RoamingAgreement | undefined {
    return this.#byPair.get(`${home}>${visited}`);
  }

  /** Every agreement. */
  all(): RoamingAgreement[] {
    return [...this.#byPair.values()];
  }
}
