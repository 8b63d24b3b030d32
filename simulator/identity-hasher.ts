import { createHmac, randomBytes } from 'node:crypto';

/** The environment variable that turns pseudonyms off, for local debugging only. */
export const CLEAR_IDENTITIES_ENV = 'ROAM_CLEAR_IDENTITIES';

/** The line written to stderr (once per process) when identities are shown in clear. */
export const CLEAR_IDENTITIES_WARNING =
  `[roam] WARNING: ${CLEAR_IDENTITIES_ENV}=1 — IMSIs and MSISDNs appear IN CLEAR in logs, events and reports. ` +
  'For local debugging only: never share this output, never set it in CI.';

/** How an {@link IdentityHasher} shows identities. */
export interface IdentityHasherOptions {
  /**
   * Shows IMSIs and MSISDNs in clear instead of pseudonyms, for local
   * debugging only. Default: on when the environment has
   * `ROAM_CLEAR_IDENTITIES=1`, off otherwise. A warning line goes to stderr
   * (once per process) whenever it is on.
   */
  readonly clear?: boolean;
  /** Where the warning goes (default: `console.warn`). */
  readonly warn?: (line: string) => void;
}

let warned = false;

/** Whether the environment asks for identities in clear (`ROAM_CLEAR_IDENTITIES=1`). */
export function clearIdentitiesRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[CLEAR_IDENTITIES_ENV] === '1';
}

/**
 * Turns IMSIs and MSISDNs into keyed pseudonyms (HMAC-SHA-256), so events,
 * logs and reports can correlate a subscriber without revealing who it is.
 * Keyed, so nobody without the key can reverse a pseudonym by hashing the
 * whole IMSI space (about 10^10 values per home network).
 *
 * For local debugging only, `ROAM_CLEAR_IDENTITIES=1` (or `{ clear: true }`)
 * shows identities in clear and prints a warning line.
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
  /** True when identities are shown in clear (debugging only). */
  readonly clear: boolean;

  /**
   * @param key the HMAC key; a random one per process when omitted (or empty).
   * @param options `clear` shows identities in clear (default: `ROAM_CLEAR_IDENTITIES=1`).
   */
  constructor(key?: string | Buffer, options: IdentityHasherOptions = {}) {
    this.#key = key === undefined || key.length === 0 ? randomBytes(32) : Buffer.from(key);
    this.clear = options.clear ?? clearIdentitiesRequested();
    if (this.clear && (options.warn !== undefined || !warned)) {
      if (options.warn === undefined) warned = true;
      (options.warn ?? console.warn)(CLEAR_IDENTITIES_WARNING);
    }
  }

  /** The pseudonym of an IMSI: `sub_` and 16 hex digits (the IMSI itself in clear mode). */
  subscriber(imsi: string): string {
    return this.clear ? imsi : this.#pseudonym('sub_', imsi);
  }

  /** The pseudonym of an MSISDN: `msisdn_` and 16 hex digits (the MSISDN itself in clear mode). */
  msisdn(msisdn: string): string {
    return this.clear ? msisdn : this.#pseudonym('msisdn_', msisdn);
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
 * An identity "hasher" that always shows identities in clear, for local
 * debugging only (the same as `new IdentityHasher(key, { clear: true })`;
 * set `ROAM_CLEAR_IDENTITIES=1` to get it everywhere). Never use it for
 * output that leaves your machine.
 */
export class ClearIdentities extends IdentityHasher {
  constructor(key?: string | Buffer, options: Omit<IdentityHasherOptions, 'clear'> = {}) {
    super(key, { ...options, clear: true });
  }
}
