/**
 * A Diameter client: one connection to one peer, opened on the first request
 * and opened again on the next request after it was lost (a reset, a
 * watchdog that gave up, a disconnect), so a link that heals carries
 * traffic again without anyone calling connect.
 *
 * @module
 */
import { connect } from 'node:net';
import type { RequestSpec } from '../../protocols/diameter/application-message.js';
import type { DiameterMessage } from '../../protocols/diameter/message.js';
import type { PeerCapabilities } from './capabilities.js';
import { DiameterPeerConnection, type PeerConnectionOptions } from './peer-connection.js';
import { DiameterConnectionError } from './peer-errors.js';

/** Where a client connects, and how its connection behaves. */
export interface DiameterClientOptions extends PeerConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** How long a TCP connect may take (default: the request timeout). */
  readonly connectTimeoutMs?: number;
}

/**
 * A client of one Diameter peer.
 *
 * @example
 * ```ts
 * const hss = new DiameterClient({ host: '127.0.0.1', port: 3868, identity: { originHost: 'mme.example', originRealm: 'example', applications: ['s6a'] } });
 * const aia = await hss.request(buildAuthenticationInformationRequest(routing, air));
 * await hss.close();
 * ```
 */
export class DiameterClient {
  readonly options: DiameterClientOptions;
  #connection: DiameterPeerConnection | undefined;
  #connecting: Promise<DiameterPeerConnection> | undefined;
  #closed = false;

  constructor(options: DiameterClientOptions) {
    this.options = options;
  }

  /** `host:port` of the peer. */
  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** The peer's capabilities from the last CEA, once connected. */
  get peer(): PeerCapabilities | undefined {
    return this.#connection?.peer;
  }

  /** The current connection, if open. */
  get connection(): DiameterPeerConnection | undefined {
    return this.#connection?.state === 'open' ? this.#connection : undefined;
  }

  /**
   * Sends a request, connecting first if needed.
   *
   * @throws {DiameterConnectionError} when the peer cannot be reached; {@link DiameterTimeoutError} when it does not answer.
   */
  async request(spec: RequestSpec, options: { timeoutMs?: number; endToEndId?: number } = {}): Promise<DiameterMessage> {
    const connection = await this.connect();
    return connection.request(spec, options);
  }

  /** Opens the connection (CER/CEA) unless it is open; concurrent callers share one attempt. */
  connect(): Promise<DiameterPeerConnection> {
    if (this.#closed) return Promise.reject(new DiameterConnectionError(`connect to ${this.address}`, 'the client is closed'));
    if (this.#connection?.state === 'open') return Promise.resolve(this.#connection);
    this.#connecting ??= this.#open().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  /** Disconnects cleanly (DPR/DPA) and stops reconnecting. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#connecting?.catch(() => undefined);
    await this.#connection?.disconnect();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #open(): Promise<DiameterPeerConnection> {
    const { host, port } = this.options;
    const timeoutMs = this.options.connectTimeoutMs ?? this.options.requestTimeoutMs ?? 5_000;
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new DiameterConnectionError(`connect to ${this.address}`, 'TIMEOUT'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new DiameterConnectionError(`connect to ${this.address}`, error.code ?? error.message, error));
      });
    });
    this.#connection = await DiameterPeerConnection.initiate(socket, this.options);
    return this.#connection;
  }
}
