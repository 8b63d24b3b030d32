/**
 * Plain-HTTP access to a Toxiproxy API for tests that must see exact status
 * codes, bodies and headers (`toxiproxy-node-client` throws away the body of
 * an error response).
 *
 * @module
 */

/** A response, read completely. */
export interface RawResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Headers;
}

/**
 * Sends one request to `baseUrl + path`; a string body is sent as is.
 *
 * @example
 * ```ts
 * const res = await call(toxiproxy.url, 'POST', '/proxies', '{"name":"a"}');
 * ```
 */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(baseUrl + path, { method, body, headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** The port of a `host:port` listen address. */
export function portOf(listen: string): number {
  return Number(listen.slice(listen.lastIndexOf(':') + 1));
}

/** The error body Toxiproxy sends through Go's `http.Error`. */
export function errorBody(message: string, status: number): string {
  return `${JSON.stringify({ error: message, status })}\n`;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
