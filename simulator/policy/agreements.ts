import { RoamError } from '../../core/errors.js';
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
  /** False for a pair the home network has barred: its subscribers are refused there. True when omitted. */
  readonly allowed?: boolean;
}

/** Tariffs known by name. `eu-regulated` follows the EU wholesale caps of 2025 roughly. */
export const TARIFFS: Readonly<Record<string, Tariff>> = {
  'eu-regulated': { name: 'eu-regulated', currency: 'EUR', perMinute: 0.019, perMegabyte: 0.0018, perSms: 0.003 },
  standard: { name: 'standard', currency: 'EUR', perMinute: 0.1, perMegabyte: 0.01, perSms: 0.05 },
  premium: { name: 'premium', currency: 'EUR', perMinute: 0.5, perMegabyte: 0.05, perSms: 0.2 },
};

/** A tariff with a missing name or currency, or a price that is negative or not a number. */
export class InvalidTariffError extends RoamError {
  constructor(shown: string, cause: string) {
    super('ROAM_INVALID_TARIFF', `accept tariff ${shown}`, cause, {
      hint: `A valid tariff names itself and its currency and has prices of at least 0, e.g. ${JSON.stringify(TARIFFS['standard'])}`,
    });
  }
}

/**
 * Validates a tariff, or looks one up by name in {@link TARIFFS}.
 *
 * @throws {InvalidTariffError} naming the value and what a valid tariff looks like.
 */
export function parseTariff(input: Tariff | string): Tariff {
  if (typeof input === 'string') {
    const known = TARIFFS[input];
    if (!known) throw new InvalidTariffError(JSON.stringify(input), `no tariff has that name; known: ${Object.keys(TARIFFS).join(', ')}`);
    return known;
  }
  const shown = JSON.stringify(input);
  if (typeof input?.name !== 'string' || input.name === '') throw new InvalidTariffError(shown, 'it has no name');
  if (typeof input.currency !== 'string' || input.currency === '') throw new InvalidTariffError(shown, 'it has no currency');
  for (const price of ['perMinute', 'perMegabyte', 'perSms'] as const) {
    const value = input[price];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new InvalidTariffError(shown, `${price} is not a number of at least 0`);
  }
  return input;
}

/**
 * The roaming agreements of a world: which visited networks a home
 * network's subscribers may use, at which tariff. A pair with no agreement,
 * or with one marked not allowed, is refused with `PLMN_NOT_ALLOWED`.
 *
 * @example
 * ```ts
 * const agreements = new RoamingAgreements();
 * agreements.add('262-01', '208-01', TARIFFS['eu-regulated']);
 * agreements.bar('262-01', '208-10'); // known partner, but barred for now
 * ```
 */
export class RoamingAgreements {
  readonly #byPair = new Map<string, RoamingAgreement>();

  /** Adds (or replaces) the agreement between `home` and `visited`. */
  add(
    home: string | Plmn,
    visited: string | Plmn,
    tariff: Tariff | string = TARIFFS['standard']!,
    options: { allowed?: boolean } = {},
  ): RoamingAgreement {
    const agreement: RoamingAgreement = {
      home: parsePlmn(home).id,
      visited: parsePlmn(visited).id,
      tariff: parseTariff(tariff),
      ...(options.allowed === false ? { allowed: false } : {}),
    };
    this.#byPair.set(`${agreement.home}>${agreement.visited}`, agreement);
    return agreement;
  }

  /** Keeps (or makes) the agreement, but refuses roaming on it. */
  bar(home: string | Plmn, visited: string | Plmn): RoamingAgreement {
    const existing = this.between(parsePlmn(home).id, parsePlmn(visited).id);
    return this.add(home, visited, existing?.tariff ?? TARIFFS['standard']!, { allowed: false });
  }

  /** Removes the agreement. Returns whether there was one. */
  remove(home: string | Plmn, visited: string | Plmn): boolean {
    return this.#byPair.delete(`${parsePlmn(home).id}>${parsePlmn(visited).id}`);
  }

  /** The agreement between `home` and `visited`, if any (allowed or not). */
  between(home: PlmnId, visited: PlmnId): RoamingAgreement | undefined {
    return this.#byPair.get(`${home}>${visited}`);
  }

  /** Whether subscribers of `home` may roam in `visited`: an agreement exists and is not barred. */
  allows(home: PlmnId, visited: PlmnId): boolean {
    const agreement = this.between(home, visited);
    return agreement !== undefined && agreement.allowed !== false;
  }

  /** Every agreement. */
  all(): RoamingAgreement[] {
    return [...this.#byPair.values()];
  }
}
