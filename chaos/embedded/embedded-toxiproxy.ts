/**
 * Starting and stopping the embedded Toxiproxy: an in-process server that
 * answers Toxiproxy's HTTP API exactly as Shopify's Toxiproxy 2.12 does and
 * proxies TCP through the same toxics, in pure Node.
 *
 * @module
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedToxiproxyError } from './embedded-toxiproxy-error.js';
import { createApiServer } from './http/api-server.js';
import type { EmbeddedToxiproxyLimits } from './limits.js';
import { toxicRandom } from './link/toxic-random.js';
import { createServerMetrics, type MetricsSettings } from './metrics/prometheus-metrics.js';
import { ProxyCollection } from './proxy/proxy-collection.js';
import { checkStartOptions } from './start-options.js';
import { createDefaultToxicTypes, type ToxicTypeRegistry } from './toxics/registry.js';

/** Where the API listens, and which toxics it knows. */
export interface EmbeddedToxiproxyOptions {
  /** Host of the API; default `127.0.0.1`. */
  host?: string;
  /** Port of the API; default 0, an ephemeral port. */
  port?: number;
  /**
   * The toxic types the server accepts; default {@link createDefaultToxicTypes},
   * exactly Toxiproxy's. Register embedded-only types on a registry of your own.
   */
  toxicTypes?: ToxicTypeRegistry;
  /**
   * Bearer token the API requires (`Authorization: Bearer <token>`) on every
   * request but `GET /version`; 401 without it. Not a Toxiproxy feature, so
   * off unless given here (`roam toxiproxy --token-env NAME` or
   * `--token-file PATH`): the environment never turns it on. Unset or `''`:
   * no token.
   */
  token?: string;
  /** Proxies, toxics per proxy and body size at most (see {@link DEFAULT_EMBEDDED_LIMITS}). */
  limits?: Partial<EmbeddedToxiproxyLimits>;
  /**
   * The upstreams proxies may reach: host names (exact), IP addresses and
   * networks (`10.0.0.0/8`, `::1`). A proxy whose upstream is outside is
   * refused with 403 when created or changed, and a connection whose
   * upstream name resolves outside is closed. Default: any upstream, as in
   * Toxiproxy, where anyone who reaches the API can make the server connect
   * anywhere it can (`169.254.169.254:80` included).
   */
  allowedUpstreams?: readonly string[];
  /**
   * `/metrics` in Prometheus' text format, as toxiproxy-server's
   * `-proxy-metrics` and `-runtime-metrics` flags turn it on. Default: off,
   * and `/metrics` answers 404, as in Toxiproxy.
   */
  metrics?: MetricsSettings;
  /**
   * Seeds the dice of Toxiproxy's toxics (toxicity rolls, latency jitter,
   * slicer cuts), as toxiproxy-server's `-seed`. Default: unseeded.
   */
  seed?: bigint | number;
  /**
   * A proxy whose `listen` has no host (`""`, `":8080"`) binds every
   * interface, as Toxiproxy does. Default false: it binds 127.0.0.1.
   */
  listenOnAllInterfacesByDefault?: boolean;
}

/** A running embedded Toxiproxy. Point `toxiproxy-node-client` at {@link url}. */
export interface StartedEmbeddedToxiproxy {
  /** The API's base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Closes the API, every proxy listener and every proxied connection. */
  close(): Promise<void>;
  /** Same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts an embedded Toxiproxy.
 *
 * @example
 * ```ts
 * await using toxiproxy = await startEmbeddedToxiproxy();
 * const client = new Toxiproxy(toxiproxy.url);
 * const proxy = await client.createProxy({ name: 'hlr', listen: '127.0.0.1:0', upstream: '127.0.0.1:5000' });
 * ```
 */
export async function startEmbeddedToxiproxy(options: EmbeddedToxiproxyOptions = {}): Promise<StartedEmbeddedToxiproxy> {
  const { host, port, limits, upstreams, seed } = checkStartOptions(options);
  const metrics = await createServerMetrics(options.metrics);
  const proxies = new ProxyCollection({
    upstreams,
    traffic: metrics?.traffic,
    random: toxicRandom(seed),
    types: options.toxicTypes ?? createDefaultToxicTypes(),
    limits,
    emptyHost: options.listenOnAllInterfacesByDefault ? 'any' : 'loopback',
  });
  const server = createApiServer(proxies, { token: options.token, metrics, maxBodyBytes: limits.maxBodyBytes });
  try {
    await listen(server, host, port);
  } catch (error) {
    throw new EmbeddedToxiproxyError(
      'ROAM_TOXIPROXY_LISTEN',
      `start the embedded Toxiproxy on ${host}:${port}`,
      (error as NodeJS.ErrnoException).code ?? String(error),
      'Choose a free port, or port 0 (the default) for an ephemeral one',
      { cause: error },
    );
  }
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutDown(server, proxies));
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    host,
    port: bound,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function shutDown(server: Server, proxies: ProxyCollection): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await proxies.clear();
  await closed;
}
