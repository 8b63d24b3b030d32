/**
 * Where a backend's proxies listen, where clients on this machine reach
 * them, and how the backend reaches upstreams on this machine. In-process
 * and local backends use the same addresses everywhere; a container maps
 * ports and reaches the host through a gateway name.
 *
 * @module
 */

/** A backend's addressing rules. */
export interface LinkAddressing {
  /** The `listen` to ask the backend for, for a link whose clients are on `host`. */
  listenFor(host: string): string;
  /** Where a client on this machine connects, given the `listen` the backend reports. */
  clientAddress(listen: string): string;
  /** The upstream to give the backend for `upstream` (a `host:port` seen from this machine). */
  upstreamFor(upstream: string): Promise<string>;
  /** Gives back a `listen` when its link goes away (a container's port pool). */
  release(listen: string): void;
}

/**
 * Same-machine addressing: ephemeral ports on the link's host, addresses
 * used as they are. Embedded, and external Toxiproxies on this machine.
 *
 * @example
 * ```ts
 * LOCAL_ADDRESSING.listenFor('127.0.0.1') // '127.0.0.1:0'
 * ```
 */
export const LOCAL_ADDRESSING: LinkAddressing = {
  listenFor: (host) => `${host.includes(':') ? `[${host}]` : host}:0`,
  clientAddress: (listen) => listen,
  upstreamFor: async (upstream) => upstream,
  release: () => undefined,
};
