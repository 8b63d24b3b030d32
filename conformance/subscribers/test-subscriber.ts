import { randomBytes, randomInt } from 'node:crypto';
import { Usim } from '../../simulator/auth/usim.js';
import { parsePlmn, type PlmnId } from '../../simulator/plmn.js';

/** A subscriber a case drives: its identities, its SIM (with its own K and OPc) and what the HLR was told of it. */
export interface TestSubscriber {
  readonly imsi: string;
  /** E.164 with `+`. */
  readonly msisdn: string;
  /** The SIM: answers challenges from its own K and OPc, as a real USIM does. */
  readonly usim: Usim;
  /** What was provisioned besides the keys. */
  readonly profile: SubscriberProfileWanted;
}

/** What a case needs of a subscriber beyond keys. */
export interface SubscriberProfileWanted {
  /** `barred`: the subscription does not allow roaming at all. Default `allowed`. */
  readonly roaming?: 'allowed' | 'barred';
  /** Roaming only in these networks. */
  readonly networks?: readonly PlmnId[];
}

/** Keys and identities before they go to an HLR: the only place K and OPc live besides the SIM. */
export interface SubscriberKeys {
  readonly imsi: string;
  readonly msisdn: string;
  readonly k: string;
  readonly opc: string;
}

/**
 * Fresh identities and keys for a subscriber of `home`: an IMSI of its MCC
 * and MNC, a German-looking MSISDN of the test range, random K and OPc.
 *
 * @example
 * ```ts
 * const keys = freshSubscriberKeys('262-01'); // { imsi: '26201…', msisdn: '+49151…', k, opc }
 * ```
 */
export function freshSubscriberKeys(home: PlmnId): SubscriberKeys {
  const plmn = parsePlmn(home);
  const prefix = plmn.mcc + plmn.mnc;
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
  return {
    imsi: prefix + digits(15 - prefix.length),
    msisdn: `+4915${randomInt(1, 10)}${digits(8)}`,
    k: randomBytes(16).toString('hex'),
    opc: randomBytes(16).toString('hex'),
  };
}

/** The subscriber a case holds, with its SIM built from the keys (which are not kept anywhere else). */
export function testSubscriberOf(keys: SubscriberKeys, profile: SubscriberProfileWanted = {}): TestSubscriber {
  return { imsi: keys.imsi, msisdn: keys.msisdn, usim: new Usim(keys.k, keys.opc), profile };
}

/** An IMSI of `home` that no HLR was told of (its last digits random). */
export function unknownImsi(home: PlmnId): string {
  return freshSubscriberKeys(home).imsi;
}
