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
  return embeddedBackendAt(server, reason, token);
}

/**
 * The embedded backend for an embedded Toxiproxy running anywhere this
 * process reaches: here, or in another thread or process that started it
 * with {@link startEmbeddedBackend} (e.g. a world's element host), with
 * `close` stopping it there.
 *
 * @example
 * ```ts
 * const backend = embeddedBackendAt({ url, close: () => host.stopToxiproxy() }, 'in the element host');
 * ```
 */
export function embeddedBackendAt(
  server: { readonly url: string; close(): Promise<void> },
  reason: string,
  token?: string,
): StartedChaosBackend {
  const close = () => server.close();
  return {
    ...(token ? { token } : {}),
    kind: 'embedded',
    url: server.url,
    reason,
    version: EMBEDDED_TOXIPROXY_VERSION,
    embeddedToxics: true,
    addressing: LOCAL_ADDRESSING,
    close,
    [Symbol.asyncDispose]: close,
  };
}
