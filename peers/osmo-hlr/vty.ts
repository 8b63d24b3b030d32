/**
 * A session on osmo-hlr's VTY (telnet, port 4258): one command at a time,
 * each answered when the prompt comes back. Lines are sent with `\n` only,
 * since the VTY takes `\r\n` as two Enters.
 *
 * @module
 */
import { Socket } from 'node:net';
import { HlrChannelError, HlrCommandRejectedError } from './hlr-errors.js';
import { redact, withoutIdentities } from './redact.js';
import { TelnetFilter } from './telnet.js';

/** The VTY port of osmo-hlr. */
export const VTY_PORT = 4258;

/** Where the VTY is. */
export interface VtySessionOptions {
  readonly host: string;
  /** Default 4258. */
  readonly port?: number;
  /** Per command (and for connecting). Default 5000 ms. */
  readonly timeoutMs?: number;
}

/** Options of {@link VtySession.run}. */
export interface VtyRunOptions {
  /** Values to hide in any error: keys given in the command, which osmo-hlr echoes and quotes. */
  readonly secrets?: readonly string[];
}

// `OsmoHLR> `, `OsmoHLR# `, `OsmoHLR(config)# ` at the very end of the output.
const PROMPT = /(?:^|\r*\n)[\w.-]+(?:\([\w-]+\))?[>#] $/;
// osmo-hlr also reports success on `% ` lines.
const INFORMATIONAL = /^% (?:Created subscriber|Updated subscriber|Deleted subscriber|Checksum validated)/;

/**
 * A logged-in (`enable`d) VTY session.
 *
 * @example
 * ```ts
 * await using vty = await VtySession.open({ host: hlr.address });
 * const text = await vty.run('subscriber imsi 901700000000001 show');
 * ```
 */
export class VtySession {
  readonly #socket: Socket;
  readonly #peer: string;
  readonly #timeoutMs: number;
  readonly #telnet = new TelnetFilter();
  readonly #closed: Promise<void>;
  #text = '';
  #waiter: { resolve: (text: string) => void; reject: (error: Error) => void; failedTo: string } | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #broken: HlrChannelError | undefined;

  private constructor(socket: Socket, peer: string, timeoutMs: number) {
    this.#socket = socket;
    this.#peer = peer;
    this.#timeoutMs = timeoutMs;
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.#fail('connect-failed', `the connection failed (${error.code ?? error.message})`, error),
    );
    socket.on('close', () => this.#fail('closed', `the VTY at ${peer} closed the connection`));
  }

  /**
   * Connects, waits for the first prompt, and enters `enable` mode with
   * paging off.
   *
   * @throws {HlrChannelError} when the VTY cannot be reached or never prompts.
   */
  static async open(options: VtySessionOptions): Promise<VtySession> {
    const port = options.port ?? VTY_PORT;
    const socket = new Socket();
    const session = new VtySession(socket, `${options.host}:${port}`, options.timeoutMs ?? 5000);
    socket.connect({ host: options.host, port });
    try {
      await session.#awaitPrompt(`connect to the VTY at ${session.#peer}`);
      await session.run('enable');
      await session.run('terminal length 0');
    } catch (error) {
      socket.destroy();
      throw error;
    }
    return session;
  }

  /**
   * Runs one command and returns its output (echo and prompt removed, lines
   * joined with `\n`).
   *
   * @throws {HlrCommandRejectedError} when osmo-hlr answers with a `% ` error line.
   * @throws {HlrChannelError} on timeout or a lost connection.
   */
  run(command: string, options: VtyRunOptions = {}): Promise<string> {
    const result = this.#queue.then(() => this.#runNow(command, options.secrets ?? []));
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Leaves the VTY and closes the connection. */
  async close(): Promise<void> {
    // destroy, not end: a peer that never closes its side would keep us waiting for "close".
    this.#socket.destroy();
    await this.#closed;
  }

  /** Same as {@link VtySession.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #runNow(command: string, secrets: readonly string[]): Promise<string> {
    // Errors quote the command with keys redacted and identities as pseudonyms.
    const shown = withoutIdentities(redact(command, secrets));
    if (/[\r\n]/.test(command)) throw new HlrCommandRejectedError('vty', shown, '(not sent: a line break would run a second command)');
    this.#socket.write(`${command}\n`);
    const raw = await this.#awaitPrompt(`run VTY command ${JSON.stringify(shown)}`);
    const lines = raw.replace(PROMPT, '').split(/\r*\n/);
    if (lines[0]?.trim() === command.trim()) lines.shift();
    while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
    const error = lines.find((line) => line.startsWith('% ') && !INFORMATIONAL.test(line));
    if (error !== undefined) throw new HlrCommandRejectedError('vty', shown, withoutIdentities(redact(error, secrets)));
    return lines.join('\n');
  }

  #awaitPrompt(failedTo: string): Promise<string> {
    if (this.#broken) return Promise.reject(this.#broken);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail('timeout', `no prompt came back within ${this.#timeoutMs} ms`);
      }, this.#timeoutMs);
      this.#waiter = {
        failedTo,
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#checkPrompt();
    });
  }

  #onData(chunk: Buffer): void {
    this.#text += this.#telnet.push(chunk).toString('latin1');
    this.#checkPrompt();
  }

  #checkPrompt(): void {
    if (!this.#waiter || !PROMPT.test(this.#text)) return;
    const text = this.#text;
    const waiter = this.#waiter;
    this.#text = '';
    this.#waiter = undefined;
    waiter.resolve(text);
  }

  // After a timeout or a drop the VTY's state is unknown, so the session is done for.
  #fail(reason: 'connect-failed' | 'timeout' | 'closed', cause: string, error?: unknown): void {
    const failedTo = this.#waiter?.failedTo ?? `use the VTY at ${this.#peer}`;
    this.#broken ??= new HlrChannelError('vty', failedTo, reason, cause, error);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (reason === 'timeout') this.#socket.destroy();
    waiter?.reject(new HlrChannelError('vty', failedTo, reason, cause, error));
  }
}
