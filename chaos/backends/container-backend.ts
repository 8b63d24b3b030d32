/**
 * The `container` backend: Shopify's Toxiproxy image, started with
 * `@testcontainers/toxiproxy` when a container runtime is found. The
 * packages are loaded only when this backend is asked for.
 *
 * @module
 */
import { CONTAINER_PEERS_ON_NODE_20, loadOptionalPeers } from '../../core/optional-peers.js';
import { ChaosError } from '../chaos-error.js';
import type { StartedChaosBackend } from './chaos-backend.js';
import { containerAddressing, type HostAccess } from './container-addressing.js';
import { detectContainerRuntime } from './container-runtime.js';

/** The image started by default: the release the embedded server copies. */
export const DEFAULT_TOXIPROXY_IMAGE = 'ghcr.io/shopify/toxiproxy:2.12.0';

/** Options of the container backend. */
export interface ContainerBackendOptions {
  /** Default {@link DEFAULT_TOXIPROXY_IMAGE}. */
  readonly image?: string;
  /** How the container reaches upstreams on the host (default `port-forwarder`); see `container-addressing.ts`. */
  readonly hostAccess?: HostAccess;
  /** Time allowed to find a container runtime, ms (default 5000). */
  readonly detectTimeoutMs?: number;
}

/**
 * Starts the real Toxiproxy in a container.
 *
 * @throws {MissingPeerError} `ROAM_MISSING_PEER` with the install line when testcontainers or @testcontainers/toxiproxy is not installed
 * @throws {ChaosError} `ROAM_CHAOS_NO_CONTAINER_RUNTIME` with the one-line reason when there is no runtime
 * @example
 * ```ts
 * await using backend = await startContainerBackend('explicit: backend "container"');
 * ```
 */
export async function startContainerBackend(reason: string, options: ContainerBackendOptions = {}): Promise<StartedChaosBackend> {
  const runtime = await detectContainerRuntime({ timeoutMs: options.detectTimeoutMs ?? 5_000 });
  if (!runtime.available) {
    throw new ChaosError(
      'ROAM_CHAOS_NO_CONTAINER_RUNTIME',
      'start the container backend',
      runtime.reason,
      'Start Docker (or set DOCKER_HOST), or use the embedded backend',
    );
  }
  // Optional peers, loaded once a runtime is known (testcontainers 12 fails to load at all on Node 20: hence the note).
  const [{ TestContainers }, { ToxiProxyContainer }] = await loadOptionalPeers(
    'start the container chaos backend',
    ['testcontainers', '@testcontainers/toxiproxy'],
    () => Promise.all([import('testcontainers'), import('@testcontainers/toxiproxy')]),
    `${CONTAINER_PEERS_ON_NODE_20}; the embedded backend needs neither`,
  );
  const hostAccess = options.hostAccess ?? 'port-forwarder';
  // The forwarder must run before the container starts, so the container gets its host entry.
  if (hostAccess === 'port-forwarder') await TestContainers.exposeHostPorts();
  const definition = new ToxiProxyContainer(options.image ?? DEFAULT_TOXIPROXY_IMAGE);
  if (hostAccess === 'host-gateway') definition.withExtraHosts([{ host: 'host.docker.internal', ipAddress: 'host-gateway' }]);
  const container = await definition.start();
  const url = `http://${container.getHost()}:${container.getMappedPort(8474)}`;
  const version = await container.client.getVersion().then(
    (text) => String((JSON.parse(text) as { version?: unknown }).version ?? text.trim()),
    () => 'unknown',
  );
  let stopping: Promise<void> | undefined;
  const close = (): Promise<void> => (stopping ??= container.stop().then(() => undefined));
  return {
    kind: 'container',
    url,
    reason: `${reason} (${runtime.reason})`,
    version,
    embeddedToxics: false,
    addressing: containerAddressing(container, hostAccess, (port) => TestContainers.exposeHostPorts(port)),
    close,
    [Symbol.asyncDispose]: close,
  };
}
