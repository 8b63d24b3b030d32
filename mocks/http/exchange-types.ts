/**
 * What every transport of the element clients takes and gives back.
 *
 * @internal
 */

/** A request as the clients make it: the body is JSON text already. */
export interface ExchangeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/** An answer read into memory. */
export interface ExchangeAnswer {
  readonly status: number;
  readonly text: string;
  /** A response header by lower-case name. */
  header(name: string): string | undefined;
}

/** The exchange did not finish before its deadline. */
export class ExchangeTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'TIMEOUT';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}
