/**
 * The transport under {@link GsupClient}: one TCP connection to a GSUP
 * server, IPA framing, the CCM identity handshake and keep-alive. It turns the
 * byte stream into decoded GSUP messages and reports, once, why it ended.
 *
 * @module
 */
import { Socket } from 'node:net';
import { GsupConnectionError, GsupProtocolError } from './gsup-errors.js';
import { decodeGsup, encodeGsup, type GsupMessage } from '../../protocols/gsup/gsup.js';
import {
  IpaFrameDecoder,
  IpaIdTag,
  IpaProtocol,
  OsmoExtension,
  decodeCcm,
  decodeOsmoPayload,
  encodeCcm,
  encodeIpaFrame,
  encodeOsmoFrame,
  type IpaFrame,
} from '../../protocols/gsup/ipa.js';

/** How to reach the server and who to say we are. */
export interface GsupLinkOptions {
  readonly host: string;
  readonly port: number;
  /** IPA serial number: the peer name osmo-hlr routes replies by. Unique per connection. */
  readonly name: string;
  /** IPA unit id, `site/bts/trx`. */
  readonly unitId: string;
  /** Budget for TCP connect plus the ID_GET/ID_RESP exchange. */
  readonly connectTimeoutMs: number;
  readonly localAddress?: string;
}

/** Why the link ended. `detail` is one human sentence without a trailing stop. */
export type GsupLinkEnd =
  | { readonly reason: 'closed-by-peer' | 'closed-by-client'; readonly detail: string }
  | { readonly reason: 'protocol'; readonly detail: string; readonly error: Error };

/**
 * An open, identified GSUP connection.
 *
 * @example
 * ```ts
 * const link = await GsupLink.open({ host: '127.0.0.2', port: 4222, name: 'VLR-1', unitId: '0/0/0', connectTimeoutMs: 5000 });
 * link.onMessage = (m) => console.log(m.type);
 * link.send({ type: 0x08, imsi: '901700000000001' });
 * ```
 */
export class GsupLink {
  /** `host:port`, for messages. */
  readonly peer: string;
  /** Called for every decoded GSUP message, in arrival order. */
  onMessage: (message: GsupMessage) => void = () => {};
  /** Called once when the link ends after it opened. */
  onEnd: (end: GsupLinkEnd) => void = () => {};

  readonly #socket: Socket;
  readonly #options: GsupLinkOptions;
  readonly #decoder = new IpaFrameDecoder({ protocols: [IpaProtocol.Ccm, IpaProtocol.Osmo] });
  #state: 'handshaking' | 'open' | 'ended' = 'handshaking';
  #opened!: { resolve: (link: GsupLink) => void; reject: (error: Error) => void };
  #handshakeTimer: NodeJS.Timeout | undefined;
  readonly #socketClosed: Promise<void>;

  private constructor(options: GsupLinkOptions) {
    this.#options = options;
    this.peer = `${options.host}:${options.port}`;
    this.#socket = new Socket();
    this.#socketClosed = new Promise((resolve) => this.#socket.once('close', () => resolve()));
  }

  /** Connects and completes the IPA identity exchange; rejects with {@link GsupConnectionError}. */
  static open(options: GsupLinkOptions): Promise<GsupLink> {
    const link = new GsupLink(options);
    return new Promise<GsupLink>((resolve, reject) => {
      link.#opened = { resolve, reject };
      link.#start();
    });
  }

  /** Whether messages can still be sent. */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Encodes, frames and writes one GSUP message; returns false when the link has ended. */
  send(message: GsupMessage): boolean {
    return this.sendEncoded(encodeGsup(message));
  }

  /** Frames and writes an already encoded GSUP message; returns false when the link has ended. */
  sendEncoded(gsup: Buffer): boolean {
    if (this.#state !== 'open') return false;
    this.#socket.write(encodeOsmoFrame(OsmoExtension.Gsup, gsup));
    return true;
  }

  /** Ends the connection; resolves once the socket is closed. */
  async close(): Promise<void> {
    this.#end({ reason: 'closed-by-client', detail: 'the client was closed' });
    await this.#socketClosed;
  }

  #start(): void {
    const { host, port, localAddress, connectTimeoutMs } = this.#options;
    this.#handshakeTimer = setTimeout(() => {
      if (this.#socket.connecting) this.#failOpen('connect-failed', `the TCP connection was not accepted within ${connectTimeoutMs} ms`);
      else this.#failOpen('handshake-timeout', `no IPA ID_GET came within ${connectTimeoutMs} ms`);
    }, connectTimeoutMs);
    this.#socket.setNoDelay(true);
    this.#socket.on('data', (chunk) => this.#onData(chunk));
    this.#socket.on('error', (error: NodeJS.ErrnoException) => {
      if (this.#state === 'handshaking') this.#failOpen('connect-failed', error.code ?? error.message, error);
      else this.#end({ reason: 'closed-by-peer', detail: `the connection to ${this.peer} failed (${error.code ?? error.message})` });
    });
    this.#socket.on('close', () => {
      if (this.#state === 'handshaking') this.#failOpen('connect-failed', 'the server closed the connection before the IPA handshake');
      else this.#end({ reason: 'closed-by-peer', detail: `the HLR at ${this.peer} closed the connection` });
    });
    this.#socket.connect({ host, port, ...(localAddress ? { localAddress } : {}) });
  }

  #onData(chunk: Buffer): void {
    let frames: IpaFrame[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      this.#protocolFailure(error as Error);
      return;
    }
    for (const frame of frames) {
      if (this.#state === 'ended') return;
      try {
        this.#onFrame(frame);
      } catch (error) {
        this.#protocolFailure(error as Error);
        return;
      }
    }
  }

  #onFrame(frame: IpaFrame): void {
    if (frame.protocol === IpaProtocol.Ccm) {
      const ccm = decodeCcm(frame.payload);
      if (ccm.type === 'ping') this.#socket.write(encodeIpaFrame(IpaProtocol.Ccm, encodeCcm({ type: 'pong' })));
      if (ccm.type === 'id-get') this.#identify();
      return;
    }
    const { extension, data } = decodeOsmoPayload(frame.payload);
    // Other Osmocom extensions (CTRL, OAP...) are not ours to answer on this link.
    if (extension !== OsmoExtension.Gsup) return;
    const message = decodeGsup(data);
    if (this.#state === 'open') this.onMessage(message);
  }

  // osmo-hlr needs both the unit id and the serial number (our peer name), and never sends ID_ACK back:
  // the link is usable as soon as ID_RESP is written, since TCP keeps it ahead of later GSUP.
  #identify(): void {
    const entries = [
      { tag: IpaIdTag.UnitId, value: this.#options.unitId },
      { tag: IpaIdTag.SerialNumber, value: this.#options.name },
    ];
    this.#socket.write(encodeIpaFrame(IpaProtocol.Ccm, encodeCcm({ type: 'id-resp', entries })));
    if (this.#state !== 'handshaking') return;
    this.#state = 'open';
    clearTimeout(this.#handshakeTimer);
    this.#opened.resolve(this);
  }

  #protocolFailure(error: Error): void {
    if (this.#state === 'handshaking') {
      this.#state = 'ended';
      clearTimeout(this.#handshakeTimer);
      this.#socket.destroy();
      this.#opened.reject(new GsupProtocolError(`connect to the HLR at ${this.peer}`, this.peer, error));
      return;
    }
    this.#end({ reason: 'protocol', detail: error.message, error });
  }

  #failOpen(reason: 'connect-failed' | 'handshake-timeout', detail: string, error?: unknown): void {
    if (this.#state !== 'handshaking') return;
    this.#state = 'ended';
    clearTimeout(this.#handshakeTimer);
    this.#socket.destroy();
    this.#opened.reject(new GsupConnectionError(`connect to the HLR at ${this.peer}`, reason, detail, error));
  }

  #end(end: GsupLinkEnd): void {
    if (this.#state === 'ended') return;
    const wasOpen = this.#state === 'open';
    this.#state = 'ended';
    clearTimeout(this.#handshakeTimer);
    this.#socket.destroy();
    if (wasOpen) this.onEnd(end);
    else this.#opened.reject(new GsupConnectionError(`connect to the HLR at ${this.peer}`, 'closed-by-client', end.detail));
  }
}
