/**
 * The `embedded` backend: the pure-Node Toxiproxy in this process, with the
 * embedded-only toxic types.
 *
 * @module
 */
import { startEmbeddedToxiproxy } from '../embedded/embedded-toxiproxy.js';
import { createExtendedToxicTypes } from '../embedded/toxics/embedded-only/registry.js';
import { EMBEDDED_TOXIPROXY_VERSION } from '../embedded/version.js';
import type { StartedChaosBackend } from './chaos-backend.js';
import { LOCAL_ADDRESSING } from './link-addressing.js';

/**
 * Starts the embedded Toxiproxy on `host` (default 127.0.0.1), ephemeral
 * port; with `token`, its API requires `Authorization: Bearer <token>` (and
 * the backend carries the token, so a `ChaosNetwork` on it sends it).
 *
 * @example
 * ```ts
 * await using backend = await startEmbeddedBackend('explicit: backend "embedded"');
 * ```
 */
export async function startEmbeddedBackend(reason: string, host = '127.0.0.1', token?: string): Promise<StartedChaosBackend> {
  const server = await startEmbeddedToxiproxy({ host, toxicTypes: createExtendedToxicTypes(), ...(token ? { token } : {}) });
  return {
    ...(token ? { token } : {}),
    kind: 'embedded',
    url: server.url,
    reason,
    version: EMBEDDED_TOXIPROXY_VERSION,
    embeddedToxics: true,
    addressing: LOCAL_ADDRESSING,
    close: () => server.close(),
    [Symbol.asyncDispose]: () => server.close(),
  };
}
