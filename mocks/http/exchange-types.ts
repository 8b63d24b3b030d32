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

/** What a closed connection's error says; `unreachableReason` reports it as such. */
export const CONNECTION_CLOSED = 'the connection was closed';

/** The connection closed before the whole answer came: `ECONNRESET`, {@link CONNECTION_CLOSED}. */
export function connectionClosedError(): Error {
  return Object.assign(new Error(CONNECTION_CLOSED), { code: 'ECONNRESET' });
}

/** A token of HTTP/1.1 (RFC 9110): what a method or a header name is made of. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The exchange did not finish before its deadline. */
export class ExchangeTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'TIMEOUT';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}
