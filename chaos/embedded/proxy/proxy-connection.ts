/**
 * One client connection through a proxy: the client socket, a socket to the
 * upstream, and the two links between them (upstream = client to server,
 * downstream = server to client).
 *
 * @module
 */
import { connect, type LookupFunction, type Socket } from 'node:net';
import { ExchangeCounter } from '../link/exchange-counter.js';
import type { LinkTraffic, ToxicLink } from '../link/toxic-link.js';
import type { ToxicCollection } from '../toxics/toxic-collection.js';
import { parsePort, splitHostPort } from './host-port.js';

/** Go's net package turns on TCP keep-alive with this period on every connection. */
const KEEP_ALIVE_MS = 15_000;

/**
 * A proxied connection. It dials the upstream as soon as it is made; if that
 * fails the client is closed, as Toxiproxy does.
 *
 * @example
 * ```ts
 * const connection = new ProxyConnection(client, '127.0.0.1:5432', proxy.toxics, { onClosed: () => connections.delete(connection) });
 * ```
 */
export class ProxyConnection {
  readonly #client: Socket;
  readonly #upstream: Socket | undefined;
  readonly #links: ToxicLink[] = [];
  readonly #onClosed: () => void;
  /** Close with RST instead of FIN (a reset_peer toxic was present when the connection opened). */
  #abortive = false;
  #openSockets = 0;

  /**
   * @param client the accepted socket, paused until the upstream answers
   * @param upstream the proxy's upstream `host:port`
   * @param hooks `onClosed`, called once both sockets have closed; `lookup`, the
   *   name resolution for the upstream (the allow-list's, which refuses addresses outside it);
   *   `traffic`, the byte counters of each direction when traffic is measured
   */
  constructor(
    client: Socket,
    upstream: string,
    toxics: ToxicCollection,
    hooks: {
      readonly onClosed: () => void;
      readonly lookup?: LookupFunction | undefined;
      readonly traffic?: ((direction: 'upstream' | 'downstream') => LinkTraffic) | undefined;
    },
  ) {
    this.#client = client;
    this.#onClosed = hooks.onClosed;
    this.#track(client);
    tune(client);
    const target = parseUpstream(upstream);
    if (target === undefined) {
      client.destroy();
      return;
    }
    const socket = connect({
      ...target,
      ...(hooks.lookup !== undefined ? { lookup: hooks.lookup } : {}),
      allowHalfOpen: true,
      noDelay: true,
      keepAlive: true,
      keepAliveInitialDelay: KEEP_ALIVE_MS,
    });
    this.#upstream = socket;
    this.#track(socket);
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      this.#startLinks(socket, toxics, hooks.traffic);
    });
    // Toxiproxy closes the client when it cannot reach the upstream.
    socket.once('error', () => {
      if (!connected) client.destroy();
    });
  }

  /** Closes both sockets at once and stops every toxic of this connection (proxy disabled or deleted). */
  close(): void {
    for (const link of this.#links) link.kill();
    this.#closeSocket(this.#client);
    if (this.#upstream !== undefined) this.#closeSocket(this.#upstream);
  }

  #startLinks(
    upstream: Socket,
    toxics: ToxicCollection,
    traffic: ((direction: 'upstream' | 'downstream') => LinkTraffic) | undefined,
  ): void {
    const client = this.#client;
    if (client.destroyed) {
      upstream.destroy();
      return;
    }
    tune(upstream);
    this.#abortive = toxics.resetsNewConnections();
    const finish = (dest: Socket) => () => this.#finishSocket(dest);
    const shared = { exchanges: new ExchangeCounter(), resetConnection: () => this.#reset(), onDone: () => undefined };
    this.#links.push(
      toxics.startLink('upstream', {
        ...shared,
        source: client,
        dest: upstream,
        closeDest: finish(upstream),
        traffic: traffic?.('upstream'),
      }),
      toxics.startLink('downstream', {
        ...shared,
        source: upstream,
        dest: client,
        closeDest: finish(client),
        traffic: traffic?.('downstream'),
      }),
    );
  }

  /** An embedded-only toxic asked for a reset: RST to both peers now. */
  #reset(): void {
    for (const link of this.#links) link.kill();
    for (const socket of [this.#client, this.#upstream]) {
      if (socket !== undefined && !socket.destroyed) socket.resetAndDestroy();
    }
  }

  /** How a link closes its destination once its stream ended: like Go's `conn.Close()`. */
  #finishSocket(socket: Socket): void {
    if (socket.destroyed) return;
    if (this.#abortive) socket.resetAndDestroy();
    // Flush what Node still buffers, then close; Go's kernel would send it after close() too.
    else socket.destroySoon();
  }

  #closeSocket(socket: Socket): void {
    if (socket.destroyed) return;
    if (this.#abortive && !socket.connecting) socket.resetAndDestroy();
    else socket.destroy();
  }

  #track(socket: Socket): void {
    this.#openSockets++;
    // Errors (ECONNRESET, EPIPE...) end the stream like a close; the 'close' event does the rest.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (--this.#openSockets > 0) return;
      for (const link of this.#links) link.kill();
      this.#onClosed();
    });
  }
}

/** Go's net package defaults: no Nagle delay (TCP_NODELAY), keep-alive probes. */
function tune(socket: Socket): void {
  socket.setNoDelay(true);
  socket.setKeepAlive(true, KEEP_ALIVE_MS);
}

function parseUpstream(upstream: string): { host: string; port: number } | undefined {
  try {
    const { host, port } = splitHostPort(upstream);
    return { host: host === '' ? 'localhost' : host, port: parsePort(port) };
  } catch {
    return undefined;
  }
}
