/**
 * How much one embedded Toxiproxy takes: proxies, toxics per proxy and the
 * size of a request body. A real Toxiproxy has no limits; these keep a
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
}

/** The limits used when none are given. */
export const DEFAULT_EMBEDDED_LIMITS: EmbeddedToxiproxyLimits = {
  maxProxies: 1000,
  maxToxicsPerProxy: 100,
  maxBodyBytes: 1024 * 1024,
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
