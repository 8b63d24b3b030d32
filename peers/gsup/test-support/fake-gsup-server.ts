/**
 * A scriptable GSUP server for the client's own tests: it does the IPA
 * handshake like osmo-hlr, then lets a test read what the client sent and
 * answer (or not, or with garbage) as it likes. Not part of the public API.
 *
 * @module
 */
import { createServer, type Server, type Socket } from 'node:net';
import { decodeGsup, encodeGsup, type GsupMessage } from '../../../protocols/gsup/gsup.js';
import {
  IpaFrameDecoder,
  IpaProtocol,
  OsmoExtension,
  decodeCcm,
  decodeOsmoPayload,
  encodeCcm,
  encodeIpaFrame,
  encodeOsmoFrame,
  type CcmMessage,
  type IpaIdEntry,
} from '../../../protocols/gsup/ipa.js';

/** One accepted client connection. */
export class FakeGsupConnection {
  /** GSUP messages received, in order. */
  readonly received: GsupMessage[] = [];
  /** CCM messages received, in order. */
  readonly ccm: CcmMessage[] = [];
  /** The client's ID_RESP entries, once it sent them. */
  identity: readonly IpaIdEntry[] | undefined;
  readonly socket: Socket;
  readonly #decoder = new IpaFrameDecoder();
  #waiters: { count: number; resolve: () => void }[] = [];

  constructor(socket: Socket, sendIdGet: boolean) {
    this.socket = socket;
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', () => {});
    if (sendIdGet) this.sendCcm({ type: 'id-get', tags: [0x08, 0x00] });
  }

  /** Sends a GSUP message to the client. */
  send(message: GsupMessage): void {
    this.socket.write(encodeOsmoFrame(OsmoExtension.Gsup, encodeGsup(message)));
  }

  /** Sends a CCM message to the client. */
  sendCcm(message: CcmMessage): void {
    this.socket.write(encodeIpaFrame(IpaProtocol.Ccm, encodeCcm(message)));
  }

  /** Resolves once `count` GSUP messages have arrived in total. */
  async waitFor(count: number): Promise<GsupMessage[]> {
    if (this.received.length < count) await new Promise<void>((resolve) => this.#waiters.push({ count, resolve }));
    return this.received.slice(0, count);
  }

  #onData(chunk: Buffer): void {
    for (const frame of this.#decoder.push(chunk)) {
      if (frame.protocol === IpaProtocol.Ccm) {
        const ccm = decodeCcm(frame.payload);
        this.ccm.push(ccm);
        if (ccm.type === 'id-resp') this.identity = ccm.entries;
        continue;
      }
      const { extension, data } = decodeOsmoPayload(frame.payload);
      if (extension !== OsmoExtension.Gsup) continue;
      this.received.push(decodeGsup(data));
      this.#waiters = this.#waiters.filter((w) => (w.count <= this.received.length ? (w.resolve(), false) : true));
    }
  }
}

/** A running fake server. */
export interface FakeGsupServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** Resolves with the next (or an already waiting) accepted connection. */
  nextConnection(): Promise<FakeGsupConnection>;
  close(): Promise<void>;
}

/**
 * Starts a fake GSUP server on 127.0.0.1 and an ephemeral port.
 *
 * @param options.sendIdGet false to accept TCP but never start the IPA handshake.
 */
export async function startFakeGsupServer(options: { readonly sendIdGet?: boolean } = {}): Promise<FakeGsupServer> {
  const accepted: FakeGsupConnection[] = [];
  const waiting: ((c: FakeGsupConnection) => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const connection = new FakeGsupConnection(socket, options.sendIdGet ?? true);
    const waiter = waiting.shift();
    if (waiter) waiter(connection);
    else accepted.push(connection);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    host: '127.0.0.1',
    port,
    nextConnection: () => {
      const ready = accepted.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
