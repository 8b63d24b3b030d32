/**
 * Sending the bearer token of a Toxiproxy API that asks for one (our
 * embedded server started with a token: `startEmbeddedToxiproxy({ token })`,
 * `roam toxiproxy --token-env NAME`) through `toxiproxy-node-client`, which
 * has no option for headers. This is the client side only: the server never
 * reads the environment.
 *
 * @module
 */
import type { Toxiproxy } from 'toxiproxy-node-client';

/** The environment variable our chaos client reads the token it sends from. */
export const TOXIPROXY_TOKEN_ENV = 'TOXIPROXY_TOKEN';

/** The token our chaos client sends: `TOXIPROXY_TOKEN` from the environment, none when unset or empty. */
export function chaosClientToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env[TOXIPROXY_TOKEN_ENV];
  return token ? token : undefined;
}

interface FetchingClient {
  doFetch(url: string, init: RequestInit): Promise<Response>;
}

/**
 * Makes every request of `client` carry `Authorization: Bearer <token>`.
 * No token: the client is left as it is.
 *
 * @example
 * ```ts
 * const client = withToxiproxyToken(new Toxiproxy(url), process.env.TOXIPROXY_TOKEN);
 * ```
 */
export function withToxiproxyToken(client: Toxiproxy, token: string | undefined): Toxiproxy {
  if (!token) return client;
  // toxiproxy-node-client 3 sends every request through HttpClient.doFetch (private in its types).
  const http = client.getApi() as unknown as FetchingClient;
  const original = http.doFetch.bind(http);
  http.doFetch = (url, init) =>
    original(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } });
  return client;
}
