/**
 * A proxy: a listener that forwards each client to the upstream through the
 * proxy's toxics (Go's `Proxy`). Disabling it closes the listener, so new
 * clients are refused, and closes every live connection.
 *
 * @module
 */
import { createServer, type Server, type Socket } from 'node:net';
import { SerialQueue } from '../serial-queue.js';
import { ToxicCollection } from '../toxics/toxic-collection.js';
import { listenLikeGo, ListenError, sameListenAddress } from './listen-address.js';
import type { ProxyContext } from './proxy-context.js';
import { ProxyConnection } from './proxy-connection.js';

/** The settings `POST /proxies/{proxy}` may change. */
export interface ProxySettings {
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/**
 * One proxy.
 *
 * @example
 * ```ts
 * const proxy = new Proxy('hlr', 'localhost:0', '127.0.0.1:5000', proxyContext({ types: createDefaultToxicTypes() }));
 * await proxy.start();
 * proxy.listen // '127.0.0.1:35605'
 * ```
 */
export class Proxy {
  readonly name: string;
  /** As given while disabled; the address actually bound while enabled. */
  listen: string;
  upstream: string;
  enabled = false;
  readonly toxics: ToxicCollection;

  #server: Server | undefined;
  readonly #connections = new Set<ProxyConnection>();
  readonly #lock = new SerialQueue();

  readonly #emptyHost: 'loopback' | 'any';
  readonly #context: ProxyContext;

  /** @param context what the server's proxies share: toxic types, limits, how a host-less listen binds */
  constructor(name: string, listen: string, upstream: string, context: ProxyContext) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.toxics = new ToxicCollection(context);
    this.#emptyHost = context.emptyHost;
    this.#context = context;
  }

  /**
   * Starts listening.
   *
   * @returns false if the proxy was already started (Go's `ErrProxyAlreadyStarted`)
   * @throws ApiError (500) with Go's listen error
   */
  start(): Promise<boolean> {
    return this.#lock.run(() => this.#start());
  }

  /** Stops listening and closes every connection; does nothing if already stopped. */
  stop(): Promise<void> {
    return this.#lock.run(() => this.#stop());
  }

  /**
   * Go's `Proxy.Update`, minus its half-done failures: a listen that differs
   * once resolved (`localhost:8080` is `127.0.0.1:8080`) moves the proxy,
   * closing its connections; a new upstream closes them too; then the proxy
   * is started or stopped to match `enabled`. The new listener is bound
   * before the old one is closed, so a listen that fails (`bad`, a port in
   * use) leaves the proxy exactly as it was, connections included.
   *
   * @throws ApiError (500) if it cannot listen; nothing has changed then
   */
  update(settings: ProxySettings): Promise<void> {
    return this.#lock.run(async () => {
      const sameListen = await this.listensOn(settings.listen);
      const sameUpstream = settings.upstream === this.upstream;
      if (!settings.enabled) {
        await this.#stop();
        if (!sameListen) this.listen = settings.listen;
        this.upstream = settings.upstream;
        return;
      }
      if (sameListen && this.enabled) {
        // Only the upstream changed: connections to the old one end, the listener stays.
        if (!sameUpstream) this.#closeConnections();
        this.upstream = settings.upstream;
        return;
      }
      await this.#moveTo(sameListen ? this.listen : settings.listen);
      this.upstream = settings.upstream;
    });
  }

  /**
   * Starts this (new, stopped) proxy in place of `previous`, which is stopped
   * once this one listens. If this one cannot listen, `previous` is left as it
   * was. Used by `/populate` to replace a proxy that differs.
   *
   * @throws ApiError (500) with Go's listen error
   */
  takeOver(previous: Proxy): Promise<void> {
    return this.#lock.run(async () => {
      const server = this.#newServer();
      this.listen = await previous.#handOver(server, this.listen);
      this.#server = server;
      this.enabled = true;
    });
  }

  /** True if `listen` names the address this proxy listens on (or will), once resolved. */
  listensOn(listen: string): Promise<boolean> {
    return sameListenAddress(this.listen, listen, this.#emptyHost);
  }

  /** Binds `server` to `listen`, then stops this proxy; on failure this proxy is as it was. */
  #handOver(server: Server, listen: string): Promise<string> {
    return this.#lock.run(async () => {
      const bound = await this.#bindBeside(server, listen);
      await this.#stop();
      return bound;
    });
  }

  /** Moves the listener to `listen` (starting the proxy if stopped), or changes nothing. */
  async #moveTo(listen: string): Promise<void> {
    const server = this.#newServer();
    const bound = await this.#bindBeside(server, listen);
    await this.#stop();
    this.#server = server;
    this.listen = bound;
    this.enabled = true;
  }

  /**
   * Binds `server` while this proxy still listens. If the port is taken by
   * this very proxy (`127.0.0.1:8080` moving to `0.0.0.0:8080`), this proxy
   * lets go of it first and takes it back should the new bind fail.
   */
  async #bindBeside(server: Server, listen: string): Promise<string> {
    try {
      return await listenLikeGo(server, listen, { emptyHost: this.#emptyHost });
    } catch (error) {
      if (!this.enabled || !(error instanceof ListenError) || error.errno !== 'EADDRINUSE') throw error;
      if (portOf(listen) !== portOf(this.listen)) throw error;
      const previous = this.listen;
      await this.#stop();
      try {
        return await listenLikeGo(server, listen, { emptyHost: this.#emptyHost });
      } catch (retryError) {
        this.listen = previous;
        await this.#start().catch(() => undefined);
        throw retryError;
      }
    }
  }

  #newServer(): Server {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => this.#accept(client));
    server.on('error', () => undefined);
    return server;
  }

  async #start(): Promise<boolean> {
    if (this.enabled) return false;
    const server = this.#newServer();
    this.listen = await listenLikeGo(server, this.listen, { emptyHost: this.#emptyHost });
    this.#server = server;
    this.enabled = true;
    return true;
  }

  async #stop(): Promise<void> {
    if (!this.enabled) return;
    this.enabled = false;
    const server = this.#server;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    this.#closeConnections();
    await closed;
  }

  #closeConnections(): void {
    for (const connection of this.#connections) connection.close();
    this.#connections.clear();
  }

  #accept(client: Socket): void {
    if (!this.enabled) {
      client.destroy();
      return;
    }
    const { upstreams, traffic } = this.#context;
    const labels = { proxy: this.name, listener: this.listen, upstream: this.upstream };
    const connection = new ProxyConnection(client, this.upstream, this.toxics, {
      lookup: upstreams?.lookup,
      traffic: traffic === undefined ? undefined : (direction) => traffic.link({ direction, ...labels }),
      onClosed: () => this.#connections.delete(connection),
    });
    this.#connections.add(connection);
  }
}

/** The port of a `host:port` text; NaN when there is none. */
function portOf(listen: string): number {
  return listen.includes(':') ? Number(listen.slice(listen.lastIndexOf(':') + 1)) : Number.NaN;
}
