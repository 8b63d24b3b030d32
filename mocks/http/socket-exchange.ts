/**
 * Exchanges written straight on keep-alive TCP sockets: the element clients'
 * default transport for plain `http:` URLs.
 *
 * Between our own elements every exchange is a small JSON request and its
 * answer. `node:http`'s client spends about three times the work of the
 * exchange itself on a `ClientRequest`, an `IncomingMessage` stream, the
 * agent's bookkeeping and a parser per socket (BENCHMARKS.md, end to end).
 * Here a request is one string written in one call, and the answer is read
 * by {@link AnswerReader} into memory. Connections are pooled per origin,
 * reused warmest first, and closed after 4 s idle (sooner when the server's
 * `keep-alive: timeout=` says so), as the `node:http` agent of the other
 * transport does.
 *
 * Interceptors (MSW, nock) patch `http.request`, not sockets:
 * {@link httpRequestIntercepted} tells the caller to take the `node:http`
 * path whenever one is installed.
 *
 * @internal
 */
import http from 'node:http';
import net from 'node:net';
import { AnswerReader, type ReadAnswer } from './answer-reader.js';
import { exchangeDeadlines } from './deadline-queue.js';
import { pathWithoutIdentities } from './path-identities.js';
import { ExchangeTimeoutError, HTTP_TOKEN, connectionClosedError, type ExchangeAnswer, type ExchangeRequest } from './exchange-types.js';

/** How long a connection may sit idle before it is closed. */
const IDLE_MS = 4_000;
/** What `node:http` accepts in a header value: no control characters but tab. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const NOT_ASCII = /[^\x00-\x7f]/;
const BAD_PATH = /[^\x21-\x7e\x80-\xff]/;

const ORIGINAL_REQUEST = http.request;
/** `http.request` wrapped in a Proxy (as MSW does) prints as native code; the real one prints its source. */
const ORIGINAL_IS_WRAPPED = Function.prototype.toString.call(ORIGINAL_REQUEST).includes('[native code]');

/**
 * Whether something has replaced or wrapped `http.request` (MSW's or nock's
 * interceptors, a user's own): then requests must go through it.
 */
export function httpRequestIntercepted(): boolean {
  return ORIGINAL_IS_WRAPPED || http.request !== ORIGINAL_REQUEST;
}

/** Where a connection goes. */
export interface SocketOrigin {
  readonly hostname: string;
  readonly port: number;
}

/**
 * Sends `request` to `origin` on a pooled connection and reads the answer.
 * Socket errors reject with the socket's error (`ECONNREFUSED`,
 * `ECONNRESET`...); a connection closed before the whole answer rejects
 * with `ECONNRESET` "the connection was closed"; no answer before the
 * deadline rejects with {@link ExchangeTimeoutError}.
 *
 * A method, path or header that cannot be written on the wire rejects with
 * a TypeError before anything is sent.
 */
export function socketExchange(origin: SocketOrigin, path: string, request: ExchangeRequest): Promise<ExchangeAnswer> {
  return new Promise((resolve, reject) => {
    const wire = requestBytes(origin, path, request);
    const connection = poolOf(origin).take();
    const deadline = exchangeDeadlines.arm(request.timeoutMs, () => connection.abort(new ExchangeTimeoutError(request.timeoutMs)));
    connection.send(wire, request.method, (error, answer) => {
      deadline.cancel();
      if (error) reject(error);
      else resolve({ status: answer!.status, text: answer!.text, header: (name) => answer!.headers[name] });
    });
  });
}

/**
 * The request as it goes on the wire: head and body in one string (or a
 * buffer, for latin-1 header values). A `host` or `connection` header of the
 * caller's replaces ours; the body's framing (`content-length`) is always ours.
 */
function requestBytes(origin: SocketOrigin, path: string, request: ExchangeRequest): string | Buffer {
  const where = `[roam] Failed to send ${request.method} ${pathWithoutIdentities(request.url)}`;
  if (!HTTP_TOKEN.test(request.method)) throw new TypeError(`${where}: the method is not an HTTP token. Use GET, POST, PUT, DELETE...`);
  if (BAD_PATH.test(path)) throw new TypeError(`${where}: the path has spaces or control characters. Percent-encode them.`);
  let host: string | undefined;
  let connection = 'keep-alive';
  let headers = '';
  let latin1 = false;
  for (const name in request.headers) {
    const value = request.headers[name]!;
    if (!HTTP_TOKEN.test(name)) throw new TypeError(`${where}: header name ${JSON.stringify(name)} is not an HTTP token.`);
    if (BAD_VALUE.test(value)) throw new TypeError(`${where}: header ${name} has a control character in its value. Remove it.`);
    if (NOT_ASCII.test(value)) latin1 = true;
    const key = name.toLowerCase();
    if (key === 'host') host = value;
    else if (key === 'connection') connection = value;
    else if (key !== 'content-length' && key !== 'transfer-encoding') headers += `${name}: ${value}\r\n`;
  }
  host ??= origin.port === 80 ? bracketed(origin.hostname) : `${bracketed(origin.hostname)}:${origin.port}`;
  let head = `${request.method} ${path} HTTP/1.1\r\nhost: ${host}\r\nconnection: ${connection}\r\n${headers}`;
  const body = request.body;
  if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n\r\n`;
  else head += request.method === 'GET' || request.method === 'HEAD' ? '\r\n' : 'content-length: 0\r\n\r\n';
  if (!latin1) return body === undefined ? head : head + body;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body ?? '', 'utf8')]);
}

/** An IPv6 address in brackets, as a `host` header writes it. */
function bracketed(hostname: string): string {
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}

type Done = (error: Error | undefined, answer?: ReadAnswer) => void;

/** One TCP connection to an origin: idle in its pool, or carrying one exchange. */
class Connection {
  readonly #pool: Pool;
  readonly #socket: net.Socket;
  readonly #reader = new AnswerReader();
  #done: Done | undefined;
  #closed = false;
  /** When it went idle, and how long it may stay so. */
  idleSince = 0;
  idleLimitMs = IDLE_MS;

  constructor(pool: Pool) {
    this.#pool = pool;
    this.#socket = net.connect({ host: pool.origin.hostname, port: pool.origin.port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    this.#socket.on('end', () => this.#onEnd());
    this.#socket.on('error', (error) => this.#close(error));
    this.#socket.on('close', () => this.#close(undefined));
  }

  /** Whether the socket can still carry a request. */
  get usable(): boolean {
    return !this.#closed && !this.#socket.destroyed && this.#socket.writable;
  }

  send(wire: string | Buffer, method: string, done: Done): void {
    this.#done = done;
    this.#reader.reset(method);
    this.#socket.ref();
    this.#socket.write(wire);
  }

  /** Ends the exchange in flight with `error` and drops the connection. */
  abort(error: Error): void {
    this.#finish(error);
    this.destroy();
  }

  destroy(): void {
    this.#closed = true;
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    if (!this.#done) {
      // Nothing was asked: a server that talks out of turn cannot be trusted with the next request.
      this.destroy();
      return;
    }
    let answer: ReadAnswer | undefined;
    try {
      answer = this.#reader.push(chunk);
    } catch (error) {
      this.abort(error as Error);
      return;
    }
    if (!answer) return;
    if (answer.keepAlive) {
      this.idleLimitMs = idleLimitOf(answer.headers['keep-alive']);
      this.#socket.unref();
      this.#pool.release(this);
    } else {
      this.destroy();
    }
    this.#finish(undefined, answer);
  }

  #onEnd(): void {
    const answer = this.#done ? this.#reader.end() : undefined;
    if (answer) this.#finish(undefined, answer);
    this.#close(undefined);
  }

  #close(error: Error | undefined): void {
    this.#closed = true;
    this.#pool.forget(this);
    this.#finish(error ?? connectionClosedError());
    if (!this.#socket.destroyed) this.#socket.destroy();
  }

  #finish(error: Error | undefined, answer?: ReadAnswer): void {
    const done = this.#done;
    if (!done) return;
    this.#done = undefined;
    done(error, answer);
  }
}

/** `keep-alive: timeout=5` from the server: close a second before it does, as `node:http`'s agent does. */
function idleLimitOf(keepAlive: string | undefined): number {
  const seconds = keepAlive ? /(?:^|[,\s])timeout=(\d+)/i.exec(keepAlive)?.[1] : undefined;
  return seconds === undefined ? IDLE_MS : Math.max(0, Math.min(IDLE_MS, Number(seconds) * 1000 - 1000));
}

/** The connections to one origin; idle ones on a stack, so the warmest is reused first. */
class Pool {
  readonly origin: SocketOrigin;
  readonly #idle: Connection[] = [];

  constructor(origin: SocketOrigin) {
    this.origin = origin;
  }

  take(): Connection {
    while (this.#idle.length) {
      const connection = this.#idle.pop()!;
      if (connection.usable) return connection;
    }
    return new Connection(this);
  }

  release(connection: Connection): void {
    connection.idleSince = performance.now();
    this.#idle.push(connection);
    idleSweep.watch(this);
  }

  forget(connection: Connection): void {
    const at = this.#idle.lastIndexOf(connection);
    if (at >= 0) this.#idle.splice(at, 1);
  }

  /** Closes connections idle past their limit; whether any stay idle. */
  sweep(now: number): boolean {
    for (let i = 0; i < this.#idle.length;) {
      const connection = this.#idle[i]!;
      if (now - connection.idleSince >= connection.idleLimitMs) {
        this.#idle.splice(i, 1);
        connection.destroy();
      } else i++;
    }
    return this.#idle.length > 0;
  }
}

/** One unref'd timer for every pool: closes idle connections, stops when none are left. */
const idleSweep = new (class IdleSweep {
  readonly #pools = new Set<Pool>();
  #timer: NodeJS.Timeout | undefined;

  watch(pool: Pool): void {
    this.#pools.add(pool);
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#sweep(), 500);
    this.#timer.unref();
  }

  #sweep(): void {
    const now = performance.now();
    for (const pool of this.#pools) if (!pool.sweep(now)) this.#pools.delete(pool);
    if (this.#pools.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
})();

const pools = new Map<string, Pool>();

function poolOf(origin: SocketOrigin): Pool {
  const key = `${origin.hostname}:${origin.port}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin);
    if (pools.size > 4096) pools.clear();
    pools.set(key, pool);
  }
  return pool;
}
