/**
 * One HTTP request and its answer, the way the element clients send them.
 *
 * The default path writes plain-HTTP requests straight on keep-alive
 * sockets ({@link socketExchange}); `node:http` with a keep-alive agent
 * carries the rest. Both cost a fraction of the global `fetch` (no WHATWG
 * Request/Response, no web streams, no `AbortSignal` per request), and the
 * deadline of each exchange sits on one shared timer
 * ({@link exchangeDeadlines}). MSW still answers: its interceptors patch
 * `http.request`, and while one is installed every exchange takes the
 * `node:http` path, which looks `http.request` up at call time. The Fetch
 * API path stays available (`transport: 'fetch'`, a `fetch` of one's own,
 * or `ROAM_HTTP_CLIENT=fetch`).
 *
 * @internal
 */
import http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';
import { exchangeDeadlines } from './deadline-queue.js';
import {
  CONNECTION_CLOSED,
  ExchangeTimeoutError,
  connectionClosedError,
  type ExchangeAnswer,
  type ExchangeRequest,
} from './exchange-types.js';
import { httpRequestIntercepted, socketExchange } from './socket-exchange.js';

/**
 * Which HTTP client an element client uses: `socket` (the default: requests
 * written straight on keep-alive TCP sockets, through `node:http` when an
 * interceptor has patched it or the URL is `https:`), `node-http` (always
 * `node:http` with a keep-alive agent) or `fetch` (the global `fetch`).
 */
export type HttpTransport = 'socket' | 'node-http' | 'fetch';

/** The environment variable that picks the element clients' transport when a client does not. */
export const HTTP_CLIENT_ENV = 'ROAM_HTTP_CLIENT';

const TRANSPORTS: readonly HttpTransport[] = ['socket', 'node-http', 'fetch'];

export { ExchangeTimeoutError, type ExchangeAnswer, type ExchangeRequest } from './exchange-types.js';

let fromEnvironment: HttpTransport | undefined;

/**
 * The transport chosen by `transport`, else `ROAM_HTTP_CLIENT` (read once, on
 * the first exchange: process.env is slow to read on every one), else `socket`.
 * @throws TypeError when `ROAM_HTTP_CLIENT` names no transport.
 */
export function transportOf(transport: HttpTransport | undefined): HttpTransport {
  return transport ?? (fromEnvironment ??= transportFromEnvironment());
}

function transportFromEnvironment(): HttpTransport {
  const value = process.env[HTTP_CLIENT_ENV];
  if (value === undefined || value === '') return 'socket';
  if ((TRANSPORTS as readonly string[]).includes(value)) return value as HttpTransport;
  throw new TypeError(
    `[roam] Failed to pick the element clients' HTTP transport: ${HTTP_CLIENT_ENV}=${value} is not one. Use 'socket', 'node-http' or 'fetch', or unset it.`,
  );
}

/**
 * Sets (or, with `undefined`, forgets) the process's default transport, as
 * if `ROAM_HTTP_CLIENT` had said it: for a test that watches the exchanges
 * through the global fetch.
 *
 * @example
 * ```ts
 * const before = setDefaultHttpTransport('fetch');
 * try { ... } finally { setDefaultHttpTransport(before); }
 * ```
 */
export function setDefaultHttpTransport(transport: HttpTransport | undefined): HttpTransport | undefined {
  const before = fromEnvironment;
  fromEnvironment = transport;
  return before;
}

/**
 * Idle connections are kept for the next exchange (`lifo` reuses the warmest, so spare ones time
 * out) and closed after 4 s idle: before the elements' 5 s keep-alive timeout, so no request is sent
 * on a connection the server is closing, and before a proxy that swallowed a close (a blackhole
 * partition) leaves one dead in the pool.
 */
const AGENT_OPTIONS = { keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo', timeout: 4_000 } as const;
const agent = new http.Agent(AGENT_OPTIONS);
let httpsModule: { readonly module: typeof https; readonly agent: https.Agent } | undefined;

/** Loaded on the first `https:` URL only: most worlds are plain HTTP on 127.0.0.1. */
function secure(): { readonly module: typeof https; readonly agent: https.Agent } {
  if (!httpsModule) {
    const module = createRequire(import.meta.url)('node:https') as typeof https;
    httpsModule = { module, agent: new module.Agent(AGENT_OPTIONS) };
  }
  return httpsModule;
}

interface Origin {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
}

// Clients call the same few origins over and over: parse each once.
const origins = new Map<string, Origin>();
const ORIGIN = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?/i;

function originOf(url: string): { origin: Origin; path: string } {
  const match = ORIGIN.exec(url);
  if (!match)
    throw new TypeError(
      `[roam] Failed to send a request to ${url}: it is not an http(s) URL. Give the element's base URL, e.g. http://127.0.0.1:4000.`,
    );
  const key = match[0];
  let origin = origins.get(key);
  if (!origin) {
    const isSecure = match[1]!.toLowerCase() === 'https';
    const hostname = match[2]!.startsWith('[') ? match[2]!.slice(1, -1) : match[2]!;
    origin = { secure: isSecure, hostname, port: match[3] ? Number(match[3]) : isSecure ? 443 : 80 };
    if (origins.size > 4096) origins.clear();
    origins.set(key, origin);
  }
  return { origin, path: url.slice(key.length) || '/' };
}

/**
 * Sends `request` on the socket transport ({@link socketExchange}), or with
 * `node:http` when the URL is `https:` or an interceptor has patched `http.request`.
 */
export function leanExchange(request: ExchangeRequest): Promise<ExchangeAnswer> {
  let target: { origin: Origin; path: string };
  try {
    target = originOf(request.url);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return target.origin.secure || httpRequestIntercepted() ? nodeHttpExchange(request) : socketExchange(target.origin, target.path, request);
}

/** Sends `request` with `node:http` (or `node:https`) over a keep-alive connection. */
export function nodeHttpExchange(request: ExchangeRequest): Promise<ExchangeAnswer> {
  return new Promise((resolve, reject) => {
    const { origin, path } = originOf(request.url);
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const options: http.RequestOptions = { hostname: origin.hostname, port: origin.port, path, method: request.method, headers };
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      reject(error);
    };
    // Looked up at call time: MSW (and other interceptors) replace `http.request` on the module.
    const req = origin.secure
      ? secure().module.request({ ...options, agent: secure().agent }, onResponse)
      : http.request({ ...options, agent }, onResponse);
    const deadline = exchangeDeadlines.arm(request.timeoutMs, () => {
      const error = new ExchangeTimeoutError(request.timeoutMs);
      fail(error);
      req.destroy(error);
    });
    req.on('error', fail);
    function onResponse(res: http.IncomingMessage): void {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        deadline.cancel();
        resolve({ status: res.statusCode ?? 0, text, header: (name) => headerValue(res.headers[name]) });
      });
      res.on('close', () => {
        if (!res.complete) fail(connectionClosedError());
      });
    }
    req.end(request.body);
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Sends `request` with a Fetch API function (the global `fetch`, MSW's, a user's own). */
export async function fetchExchange(fetchFn: typeof fetch, request: ExchangeRequest): Promise<ExchangeAnswer> {
  const init: RequestInit = { method: request.method, headers: request.headers, signal: AbortSignal.timeout(request.timeoutMs) };
  if (request.body !== undefined) init.body = request.body;
  const response = await fetchFn(request.url, init);
  const text = await response.text();
  return { status: response.status, text, header: (name) => response.headers.get(name) ?? undefined };
}

/** `ECONNREFUSED`, `TIMEOUT`, `the connection was closed`...: why an exchange got no answer. */
export function unreachableReason(error: unknown): string {
  if (error instanceof ExchangeTimeoutError) return 'TIMEOUT';
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'TIMEOUT';
  const own = error as { code?: string; message?: string } | undefined;
  if (own?.code === 'ECONNRESET' && (own.message === 'socket hang up' || own.message === CONNECTION_CLOSED)) {
    return CONNECTION_CLOSED;
  }
  if (typeof own?.code === 'string' && own.code.startsWith('E')) return own.code;
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === 'UND_ERR_SOCKET') return CONNECTION_CLOSED;
  if (cause?.code === 'UND_ERR_CONNECT_TIMEOUT') return 'TIMEOUT';
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
