/**
 * Addressing for Toxiproxy in a container: proxies listen on the ports the
 * image exposes (8666-8697), clients on this machine reach them through the
 * ports the runtime mapped, and the container reaches upstreams on this
 * machine through a host name.
 *
 * Upstreams on the host must be reachable from inside the container. Two
 * ways, chosen by `hostAccess`:
 * - `port-forwarder` (default): testcontainers' SSH port forwarder; the
 *   container sees host port P at `host.testcontainers.internal:P`. Works for
 *   servers bound to 127.0.0.1, on Docker Desktop and Linux alike.
 * - `host-gateway`: `host.docker.internal` mapped to the runtime's host
 *   gateway. No helper container, but the upstreams must listen on an
 *   address the bridge reaches (0.0.0.0, not 127.0.0.1).
 *
 * @module
 */
import { ChaosError } from '../chaos-error.js';
import type { LinkAddressing } from './link-addressing.js';

/** The first of the 32 proxy ports the Toxiproxy testcontainers module exposes. */
export const FIRST_PROXY_PORT = 8666;
/** How many proxy ports it exposes. */
export const PROXY_PORTS = 32;

/** How the container reaches upstreams on the host. */
export type HostAccess = 'port-forwarder' | 'host-gateway';

/** The host name the container uses for this machine, per access mode. */
export const HOST_NAME_IN_CONTAINER: Record<HostAccess, string> = {
  'port-forwarder': 'host.testcontainers.internal',
  'host-gateway': 'host.docker.internal',
};

/** What addressing needs of the started container. */
export interface MappedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
}

/**
 * The addressing of one started Toxiproxy container.
 *
 * @param exposeHostPort makes a host port reachable from the container (the port forwarder); unused for `host-gateway`
 * @example
 * ```ts
 * const addressing = containerAddressing(container, 'port-forwarder', (port) => TestContainers.exposeHostPorts(port));
 * ```
 */
export function containerAddressing(
  container: MappedContainer,
  hostAccess: HostAccess,
  exposeHostPort: (port: number) => Promise<void>,
): LinkAddressing {
  const used = new Set<number>();
  const portOf = (address: string): number => Number(address.slice(address.lastIndexOf(':') + 1));
  return {
    listenFor: () => {
      for (let port = FIRST_PROXY_PORT; port < FIRST_PROXY_PORT + PROXY_PORTS; port++) {
        if (used.has(port)) continue;
        used.add(port);
        return `0.0.0.0:${port}`;
      }
      throw new ChaosError(
        'ROAM_CHAOS_CONTAINER_PORTS',
        'add a link on the container backend',
        `all ${PROXY_PORTS} proxy ports the Toxiproxy container exposes are in use`,
        'Use fewer links per backend, or the embedded backend',
      );
    },
    clientAddress: (listen) => `${container.getHost()}:${container.getMappedPort(portOf(listen))}`,
    upstreamFor: async (upstream) => {
      const port = portOf(upstream);
      if (hostAccess === 'port-forwarder') await exposeHostPort(port);
      return `${HOST_NAME_IN_CONTAINER[hostAccess]}:${port}`;
    },
    release: (listen) => {
      used.delete(portOf(listen));
    },
  };
}
