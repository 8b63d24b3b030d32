import { createHmac, randomBytes } from 'node:crypto';

/**
 * Turns IMSIs and MSISDNs into keyed pseudonyms (HMAC-SHA-256), so events,
 * logs and reports can correlate a subscriber without revealing who it is.
 * Keyed, so nobody without the key can reverse a pseudonym by hashing the
 * whole IMSI space.
 *
 * @example
 * ```ts
 * const hasher = new IdentityHasher('run-secret');
 * hasher.subscriber('262011234567890') // 'sub_3f9a…' (16 hex digits)
 * ```
 */
export class IdentityHasher {
  readonly #key: Buffer;
  readonly #cache = new Map<string, Map<string, string>>();

  /** @param key the HMAC key; a random one per process when omitted. */
  constructor(key?: string | Buffer) {
    this.#key = key === undefined ? randomBytes(32) : Buffer.from(key);
  }

  /** The pseudonym of an IMSI: `sub_` and 16 hex digits. */
  subscriber(imsi: string): string {
    return this.#pseudonym('sub_', imsi);
  }

  /** The pseudonym of an MSISDN: `msisdn_` and 16 hex digits. */
  msisdn(msisdn: string): string {
    return this.#pseudonym('msisdn_', msisdn);
  }

  #pseudonym(prefix: string, value: string): string {
    // One map per prefix, so a lookup does not build a key string on every call.
    let byValue = this.#cache.get(prefix);
    if (!byValue) this.#cache.set(prefix, (byValue = new Map()));
    let hashed = byValue.get(value);
    if (hashed === undefined) {
      hashed =
        prefix +
        createHmac('sha256', this.#key)
          .update(prefix + value)
          .digest('hex')
          .slice(0, 16);
      if (byValue.size > 100_000) byValue.clear();
      byValue.set(value, hashed);
    }
    return hashed;
  }
}

/**
 * An identity "hasher" that shows identities in clear, for local debugging
 * only (`ROAM_SHOW_IDENTITIES=1`). Never use it for output that leaves your machine.
 */
export class ClearIdentities extends IdentityHasher {
  override subscriber(imsi: string): string {
    return imsi;
  }
  override msisdn(msisdn: string): string {
    return msisdn;
  }
}
