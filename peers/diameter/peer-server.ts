/**
 * A Diameter server: listens on TCP and serves every accepted connection as
 * a responder (CER/CEA, then requests through the handler). It knows its
 * open connections by the peer's Origin-Host, so a server can also send
 * requests to a connected client (an HSS sending CLR to an MME).
 *
 * @module
 */
import { createServer, type Server, type Socket } from 'node:net';
import { DiameterPeerConnection, type PeerConnectionOptions } from './peer-connection.js';
import { DiameterConnectionError } from './peer-errors.js';

/** Where a server listens, and how its connections behave. */
export interface DiameterServerOptions extends PeerConnectionOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  /** Called for each connection once its capabilities exchange succeeded. */
  readonly onOpen?: (connection: DiameterPeerConnection) => void;
}

/**
 * A listening Diameter server.
 *
 * @example
 * ```ts
 * await using hss = await DiameterServer.listen({ identity, onRequest: (request) => answerS6a(request) });
 * const client = new DiameterClient({ host: hss.host, port: hss.port, identity: mme });
 * ```
 */
export class DiameterServer {
  readonly #server: Server;
  readonly #connections = new Set<DiameterPeerConnection>();
  readonly #sockets = new Set<Socket>();
  readonly host: string;

  private constructor(host: string, options: DiameterServerOptions) {
    this.host = host;
    this.#server = createServer((socket) => this.#accept(socket, options));
  }

  /** Starts listening. */
  static async listen(options: DiameterServerOptions): Promise<DiameterServer> {
    const instance = new DiameterServer(options.host ?? '127.0.0.1', options);
    await new Promise<void>((resolve, reject) => {
      instance.#server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new DiameterConnectionError(`listen on ${instance.host}:${options.port ?? 0}`, error.code ?? error.message, error)),
      );
      instance.#server.listen(options.port ?? 0, instance.host, resolve);
    });
    return instance;
  }

  /** The port it listens on. */
  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** `diameter://host:port`. */
  get url(): string {
    return `diameter://${this.host}:${this.port}`;
  }

  /** Connections whose capabilities exchange succeeded and that are not closed. */
  get connections(): readonly DiameterPeerConnection[] {
    return [...this.#connections].filter((c) => c.state === 'open');
  }

  /** The open connection of the peer named `originHost`, if any. */
  connectionTo(originHost: string): DiameterPeerConnection | undefined {
    return this.connections.find((c) => c.peer?.originHost === originHost);
  }

  /** Disconnects every peer cleanly (DPR/DPA) and stops listening. */
  async close(): Promise<void> {
    const closing = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await Promise.all([...this.#connections].map((c) => c.disconnect('REBOOTING', 1_000)));
    for (const socket of this.#sockets) socket.destroy();
    await closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #accept(socket: Socket, options: DiameterServerOptions): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    const connection = DiameterPeerConnection.accept(socket, options);
    this.#connections.add(connection);
    void connection.closed.then(() => this.#connections.delete(connection));
    connection.opened.then(
      () => options.onOpen?.(connection),
      () => undefined,
    );
  }
}
