/**
 * The `external` backend: a Toxiproxy someone else runs (`TOXIPROXY_URL`).
 * It is checked with `GET /version` before use and never stopped by us.
 *
 * @module
 */
import { ChaosError } from '../chaos-error.js';
import type { StartedChaosBackend } from './chaos-backend.js';
import { LOCAL_ADDRESSING } from './link-addressing.js';

/**
 * Connects to a running Toxiproxy.
 *
 * @throws {ChaosError} `ROAM_CHAOS_BACKEND_UNREACHABLE` if it does not answer within `timeoutMs`
 * @example
 * ```ts
 * const backend = await connectExternalBackend('http://127.0.0.1:8474', 'auto: TOXIPROXY_URL is set');
 * ```
 */
export async function connectExternalBackend(url: string, reason: string, timeoutMs = 3_000): Promise<StartedChaosBackend> {
  const base = url.replace(/\/$/, '');
  let version: string;
  try {
    const response = await fetch(`${base}/version`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET /version answered ${response.status}`);
    version = String((JSON.parse(text) as { version?: unknown }).version ?? text.trim());
  } catch (error) {
    throw new ChaosError(
      'ROAM_CHAOS_BACKEND_UNREACHABLE',
      `use the Toxiproxy at ${base}`,
      `it did not answer GET /version within ${timeoutMs} ms (${(error as Error).message})`,
      'Start toxiproxy-server (or `npx roam toxiproxy`) there, or unset TOXIPROXY_URL to use the embedded backend',
      { cause: error },
    );
  }
  const close = async (): Promise<void> => undefined;
  return {
    kind: 'external',
    url: base,
    reason,
    version,
    // Our own server run standalone may have them; the network asks the server when it matters.
    embeddedToxics: false,
    addressing: LOCAL_ADDRESSING,
    close,
    [Symbol.asyncDispose]: close,
  };
}
