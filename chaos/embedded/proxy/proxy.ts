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
import type { ToxicTypeRegistry } from '../toxics/registry.js';
import { listenLikeGo } from './listen-address.js';
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
 * const proxy = new Proxy('hlr', 'localhost:0', '127.0.0.1:5000', createDefaultToxicTypes());
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

  /**
   * @param options `maxToxics`: toxics held at most (default 100); `emptyHost`: what a listen
   *   address without a host binds, `loopback` (default) or `any` interface as Go does.
   */
  constructor(
    name: string,
    listen: string,
    upstream: string,
    types: ToxicTypeRegistry,
    options: { readonly maxToxics?: number; readonly emptyHost?: 'loopback' | 'any' } = {},
  ) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.toxics = new ToxicCollection(types, options.maxToxics);
    this.#emptyHost = options.emptyHost ?? 'loopback';
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
   * Go's `Proxy.Update`: a new listen or upstream address stops the proxy
   * (closing its connections) and takes the new address; then the proxy is
   * started or stopped to match `enabled`.
   *
   * @throws ApiError (500) if it cannot listen; it is then left disabled
   */
  update(settings: ProxySettings): Promise<void> {
    return this.#lock.run(async () => {
      if (settings.listen !== this.listen || settings.upstream !== this.upstream) {
        await this.#stop();
        this.listen = settings.listen;
        this.upstream = settings.upstream;
      }
      if (settings.enabled !== this.enabled) {
        if (settings.enabled) await this.#start();
        else await this.#stop();
      }
    });
  }

  async #start(): Promise<boolean> {
    if (this.enabled) return false;
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => this.#accept(client));
    server.on('error', () => undefined);
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
    for (const connection of this.#connections) connection.close();
    this.#connections.clear();
    await closed;
  }

  #accept(client: Socket): void {
    if (!this.enabled) {
      client.destroy();
      return;
    }
    const connection = new ProxyConnection(client, this.upstream, this.toxics, () => {
      this.#connections.delete(connection);
    });
    this.#connections.add(connection);
  }
}
