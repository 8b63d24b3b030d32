/**
 * How much one embedded Toxiproxy takes: proxies, toxics per proxy, the
 * size of a request body and the length of names and addresses. A real Toxiproxy has no limits; these keep a
 * runaway test (or a stranger on the API port) from exhausting the process.
 *
 * @module
 */

/** Limits of one embedded Toxiproxy server. */
export interface EmbeddedToxiproxyLimits {
  /** Proxies the server holds at most (default 1000); one more is refused with 409. */
  readonly maxProxies: number;
  /** Toxics one proxy holds at most, both directions together (default 100); one more is refused with 409. */
  readonly maxToxicsPerProxy: number;
  /** Largest API request body, in bytes (default 1 MiB); a larger one is refused with 413. */
  readonly maxBodyBytes: number;
  /** Longest proxy or toxic name, in UTF-8 bytes (default 256); a longer one is refused with 400. */
  readonly maxNameBytes: number;
  /** Longest `listen` or `upstream` address, in UTF-8 bytes (default 1024); a longer one is refused with 400. */
  readonly maxAddressBytes: number;
}

/** The limits used when none are given. */
export const DEFAULT_EMBEDDED_LIMITS: EmbeddedToxiproxyLimits = {
  maxProxies: 1000,
  maxToxicsPerProxy: 100,
  maxBodyBytes: 1024 * 1024,
  // A DNS name has at most 253 characters; names are identifiers. Without
  // these, 1000 proxies with 1 MiB names each hold a gigabyte.
  maxNameBytes: 256,
  maxAddressBytes: 1024,
};

/**
 * The limits with `overrides` applied, each checked.
 *
 * @throws RangeError for a limit that is not a positive whole number
 */
export function resolveLimits(overrides: Partial<EmbeddedToxiproxyLimits> = {}): EmbeddedToxiproxyLimits {
  const limits = { ...DEFAULT_EMBEDDED_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `[roam] Failed to start the embedded Toxiproxy: limit ${name} is ${String(value)}. Give a whole number of at least 1.`,
      );
    }
  }
  return limits;
}
