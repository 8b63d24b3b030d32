/**
 * Request boundaries on a byte stream. Toxiproxy sees bytes, not requests,
 * but a request/response protocol (HTTP/1.1 keep-alive, GSUP, Diameter)
 * alternates: the client speaks, then the server answers. A new burst of
 * upstream data after downstream data is the start of a new exchange.
 * Per-request toxics re-roll their dice at each new exchange.
 *
 * @module
 */

/**
 * Counts the exchanges of one proxied connection; both of its links share one.
 *
 * @example
 * ```ts
 * const exchanges = new ExchangeCounter();
 * exchanges.observe('upstream'); // 1: the first request
 * exchanges.observe('downstream'); // 1: its response
 * exchanges.observe('upstream'); // 2: the next request on the same connection
 * ```
 */
export class ExchangeCounter {
  #count = 0;
  #lastUpstream = false;

  /** Records data flowing one way; returns the exchange that data belongs to (0 before any request). */
  observe(direction: 'upstream' | 'downstream'): number {
    const upstream = direction === 'upstream';
    if (upstream && !this.#lastUpstream) this.#count++;
    this.#lastUpstream = upstream;
    return this.#count;
  }

  /** The exchange in progress. */
  get current(): number {
    return this.#count;
  }
}
