/**
 * Session-Ids as RFC 6733 §8.8 recommends them:
 * `<DiameterIdentity>;<high 32 bits>;<low 32 bits>[;<optional value>]`, the
 * high part the start time (so ids stay unique across restarts), the low
 * part a counter.
 *
 * @module
 */

/**
 * A source of Session-Ids for one Origin-Host.
 *
 * @example
 * ```ts
 * const ids = new SessionIds('mme.visited.example');
 * ids.next() // 'mme.visited.example;1767225600;1'
 * ids.next('call-7') // 'mme.visited.example;1767225600;2;call-7'
 * ```
 */
export class SessionIds {
  readonly #prefix: string;
  #low = 0;

  constructor(originHost: string) {
    this.#prefix = `${originHost};${Math.floor(Date.now() / 1000) >>> 0}`;
  }

  /** A new Session-Id, with `optional` as its last part when given. */
  next(optional?: string): string {
    this.#low = (this.#low + 1) >>> 0;
    return `${this.#prefix};${this.#low}${optional === undefined ? '' : `;${optional}`}`;
  }
}

/** The optional last part of a Session-Id built by {@link SessionIds}, or undefined. */
export function optionalPartOf(sessionId: string): string | undefined {
  const parts = sessionId.split(';');
  return parts.length >= 4 ? parts.slice(3).join(';') : undefined;
}
