import type { Faker } from '@faker-js/faker';
import { parseImsi, parseMsisdn, type Imsi, type Msisdn } from './identity.js';
import { parsePlmn, type Plmn } from './plmn.js';
import { SimCredentials } from './sim-credentials.js';
import { Usim } from './auth/usim.js';
import { countryOfMcc } from './reference/operators.js';
import { mobileMsisdnFor, type DigitSource } from './reference/msisdn.js';

/** Usage patterns that set how much a subscriber calls, browses and texts. */
export type SubscriberProfile = 'consumer' | 'business' | 'iot';

/** What defines a subscriber when it is provisioned by hand. */
export interface SubscriberInit {
  readonly imsi: string;
  readonly msisdn: string;
  readonly home: string | Plmn;
  /** 32 hex digits. Stored in {@link SimCredentials}, never printed. */
  readonly k: string;
  /** 32 hex digits. */
  readonly opc: string;
  readonly profile?: SubscriberProfile;
}

/**
 * A mobile subscriber and the SIM in their phone: identities, secrets and the
 * USIM's sequence-number state. The same object is the ground truth for what
 * the HLR is provisioned with; a clone is a second `Subscriber` with the same
 * IMSI and different (or equal) keys.
 */
export class Subscriber {
  readonly imsi: Imsi;
  readonly msisdn: Msisdn;
  readonly home: Plmn;
  readonly profile: SubscriberProfile;
  readonly credentials: SimCredentials;
  /** The subscriber side of authentication, computing RES from this SIM's own K. */
  readonly usim: Usim;

  constructor(init: SubscriberInit) {
    this.home = parsePlmn(init.home);
    this.imsi = parseImsi(init.imsi, this.home);
    this.msisdn = parseMsisdn(init.msisdn);
    this.credentials = new SimCredentials(init.k, init.opc);
    this.profile = init.profile ?? 'consumer';
    this.usim = new Usim(init.k, init.opc);
  }

  /** A SIM with the same IMSI and MSISDN but other keys: what a cloner without K would build. */
  cloneWithKeys(k: string, opc: string): Subscriber {
    return new Subscriber({ imsi: this.imsi, msisdn: this.msisdn, home: this.home, k, opc, profile: this.profile });
  }

  toJSON(): Record<string, unknown> {
    return { imsi: this.imsi, msisdn: this.msisdn, home: this.home.id, profile: this.profile, credentials: this.credentials.toJSON() };
  }
}

/**
 * Makes subscribers of a home network in valid formats from a seeded faker:
 * 15-digit IMSIs under the home MCC+MNC (unique per factory), MSISDNs valid
 * for the home country's mobile ranges, random K and OPc.
 *
 * @example
 * ```ts
 * const factory = new SubscriberFactory(new Faker({ locale: en, seed: 7 }));
 * const [roamer] = factory.create({ home: '262-01', count: 1 });
 * ```
 */
export class SubscriberFactory {
  readonly #faker: Faker;
  readonly #usedImsis = new Set<string>();
  /** An MSISDN reaches one subscriber: the HLR refuses a second IMSI with the same one. */
  readonly #usedMsisdns = new Set<string>();

  constructor(faker: Faker) {
    this.#faker = faker;
  }

  /** Creates `count` (default 1) subscribers of `home`. */
  create(options: { home: string | Plmn; count?: number; profile?: SubscriberProfile }): Subscriber[] {
    const home = parsePlmn(options.home);
    const country = countryOfMcc(home.mcc) ?? 'DE';
    const count = options.count ?? 1;
    const digits = (n: number) => this.#faker.string.numeric({ length: n, allowLeadingZeros: true });
    const out: Subscriber[] = [];
    while (out.length < count) {
      const imsi = `${home.mcc}${home.mnc}${digits(15 - home.mcc.length - home.mnc.length)}`;
      if (this.#usedImsis.has(imsi)) continue;
      this.#usedImsis.add(imsi);
      out.push(
        new Subscriber({
          imsi,
          msisdn: this.#freshMsisdn(country, digits),
          home,
          k: this.#faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
          opc: this.#faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
          profile: options.profile ?? 'consumer',
        }),
      );
    }
    return out;
  }

  // Countries with short subscriber numbers (France draws 6 digits) repeat a number within a few thousand draws: draw again.
  #freshMsisdn(country: string, digits: DigitSource): string {
    let msisdn: string = mobileMsisdnFor(country, digits);
    for (let attempt = 0; this.#usedMsisdns.has(msisdn) && attempt < 20; attempt++) msisdn = mobileMsisdnFor(country, digits);
    // A range nearly full (or a country whose example number is all there is): the next free number after it.
    if (this.#usedMsisdns.has(msisdn)) {
      let next = BigInt(msisdn.slice(1));
      while (this.#usedMsisdns.has(`+${next}`)) next++;
      msisdn = `+${next}`;
    }
    this.#usedMsisdns.add(msisdn);
    return msisdn;
  }
}
