/**
 * A session on osmo-hlr's CTRL interface (port 4259): `GET`/`SET` commands
 * as text in IPA frames (protocol 0xEE, extension 0x00), replies matched by
 * their id. Unlike the VTY, CTRL edits do not notify the serving VLR.
 *
 * @module
 */
import { Socket } from 'node:net';
import { HlrChannelError, HlrCommandRejectedError } from './hlr-errors.js';
import {
  IpaFrameDecoder,
  IpaProtocol,
  OsmoExtension,
  decodeCcm,
  decodeOsmoPayload,
  encodeCcm,
  encodeIpaFrame,
  encodeOsmoFrame,
  type IpaFrame,
} from '../../protocols/gsup/ipa.js';
import { redact, withoutIdentities } from './redact.js';

/** The CTRL port of osmo-hlr (fixed). */
export const CTRL_PORT = 4259;

/** Where the CTRL interface is. */
export interface CtrlSessionOptions {
  readonly host: string;
  /** Default 4259. */
  readonly port?: number;
  /** Per command (and for connecting). Default 5000 ms. */
  readonly timeoutMs?: number;
}

interface Waiting {
  readonly command: string;
  readonly secrets: readonly string[];
  readonly resolve: (value: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A CTRL connection.
 *
 * @example
 * ```ts
 * await using ctrl = await CtrlSession.open({ host: hlr.address });
 * await ctrl.set('subscriber.create', '901700000000001');
 * const info = await ctrl.get('subscriber.by-imsi-901700000000001.info');
 * ```
 */
export class CtrlSession {
  readonly #socket: Socket;
  readonly #peer: string;
  readonly #timeoutMs: number;
  readonly #decoder = new IpaFrameDecoder({ protocols: [IpaProtocol.Ccm, IpaProtocol.Osmo] });
  readonly #waiting = new Map<string, Waiting>();
  readonly #closed: Promise<void>;
  #nextId = 1;
  #ended: HlrChannelError | undefined;

  private constructor(socket: Socket, peer: string, timeoutMs: number) {
    this.#socket = socket;
    this.#peer = peer;
    this.#timeoutMs = timeoutMs;
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.#end('closed', `the connection to ${peer} failed (${error.code ?? error.message})`, error),
    );
    socket.on('close', () => this.#end('closed', `the CTRL interface at ${peer} closed the connection`));
  }

  /**
   * Connects to the CTRL port.
   *
   * @throws {HlrChannelError} when nothing accepts the connection in time.
   */
  static open(options: CtrlSessionOptions): Promise<CtrlSession> {
    const port = options.port ?? CTRL_PORT;
    const peer = `${options.host}:${port}`;
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const fail = (cause: string, error?: unknown) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new HlrChannelError('ctrl', `connect to the CTRL interface at ${peer}`, 'connect-failed', cause, error));
      };
      const timer = setTimeout(() => fail(`the connection was not accepted within ${timeoutMs} ms`), timeoutMs);
      socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message, error));
      socket.connect({ host: options.host, port }, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new CtrlSession(socket, peer, timeoutMs));
      });
    });
  }

  /** `GET <variable>`: its value. */
  get(variable: string): Promise<string> {
    return this.#send('GET', variable, undefined, []);
  }

  /**
   * `SET <variable> <value>`: the reply value (often `OK`, or an id).
   *
   * @param secrets values to hide in any error.
   * @throws {HlrCommandRejectedError} on an `ERROR` reply.
   */
  set(variable: string, value: string, secrets: readonly string[] = []): Promise<string> {
    return this.#send('SET', variable, value, secrets);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    // destroy, not end: a peer that never closes its side would keep us waiting for "close".
    this.#socket.destroy();
    await this.#closed;
  }

  /** Same as {@link CtrlSession.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #send(verb: 'GET' | 'SET', variable: string, value: string | undefined, secrets: readonly string[]): Promise<string> {
    const id = String(this.#nextId++);
    const command = value === undefined ? `${verb} ${id} ${variable}` : `${verb} ${id} ${variable} ${value}`;
    // Errors quote the command with keys redacted and identities as pseudonyms.
    const shown = withoutIdentities(redact(command, secrets));
    if (this.#ended) return Promise.reject(this.#ended);
    if (/[\r\n]/.test(command)) return Promise.reject(new HlrCommandRejectedError('ctrl', shown, '(not sent: CTRL commands are one line)'));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(
          new HlrChannelError('ctrl', `run CTRL command ${JSON.stringify(shown)}`, 'timeout', `no reply within ${this.#timeoutMs} ms`),
        );
      }, this.#timeoutMs);
      this.#waiting.set(id, { command: shown, secrets, resolve, reject, timer });
      this.#socket.write(encodeOsmoFrame(OsmoExtension.Ctrl, Buffer.from(command, 'utf8')));
    });
  }

  #onData(chunk: Buffer): void {
    let frames: IpaFrame[];
    try {
      frames = this.#decoder.push(chunk);
      for (const frame of frames) this.#onFrame(frame);
    } catch (error) {
      this.#end('protocol', `the peer sent something that is not CTRL over IPA (${(error as Error).message})`, error);
      this.#socket.destroy();
    }
  }

  #onFrame(frame: IpaFrame): void {
    if (frame.protocol === IpaProtocol.Ccm) {
      if (decodeCcm(frame.payload).type === 'ping') this.#socket.write(encodeIpaFrame(IpaProtocol.Ccm, encodeCcm({ type: 'pong' })));
      return;
    }
    const { extension, data } = decodeOsmoPayload(frame.payload);
    if (extension !== OsmoExtension.Ctrl) return;
    // `<VERB> <id> <rest>`; TRAPs (id 0) are not replies and are ignored.
    const text = data.toString('utf8');
    const match = /^(GET_REPLY|SET_REPLY|ERROR) (\S+) ?([\s\S]*)$/.exec(text);
    if (!match) return;
    const [, verb, id, rest] = match as unknown as [string, string, string, string];
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#waiting.delete(id);
    clearTimeout(waiting.timer);
    if (verb === 'ERROR') {
      waiting.reject(new HlrCommandRejectedError('ctrl', waiting.command, withoutIdentities(redact(rest, waiting.secrets))));
      return;
    }
    // The reply repeats the variable name before the value.
    const space = rest.indexOf(' ');
    waiting.resolve(space === -1 ? '' : rest.slice(space + 1));
  }

  #end(reason: 'closed' | 'protocol', cause: string, error?: unknown): void {
    this.#ended ??= new HlrChannelError('ctrl', `use the CTRL interface at ${this.#peer}`, reason, cause, error);
    for (const [id, waiting] of this.#waiting) {
      this.#waiting.delete(id);
      clearTimeout(waiting.timer);
      waiting.reject(new HlrChannelError('ctrl', `run CTRL command ${JSON.stringify(waiting.command)}`, reason, cause, error));
    }
  }
}
