/**
 * The HTTP server of the API, wired as Toxiproxy wires it: the router
 * answers unknown paths (404) and wrong methods (405) itself; requests that
 * reach a route get a request id, then browsers are turned away (403), then
 * the handler runs.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError } from '../api-error.js';
import { DEFAULT_EMBEDDED_LIMITS } from '../limits.js';
import type { ProxyCollection } from '../proxy/proxy-collection.js';
import { authorized, unauthorizedReply } from './bearer.js';
import type { Handler } from './api-handler.js';
import { proxyCreate, proxyDelete, proxyIndex, proxyShow, proxyUpdate } from './proxy-handlers.js';
import { nextRequestId } from './request-id.js';
import { apiErrorReply, emptyReply, httpErrorReply, send, type Reply } from './responses.js';
import { cleanPath, matchRoute, type RouteName } from './api-router.js';
import { populate, resetState, version } from './server-handlers.js';
import { toxicCreate, toxicDelete, toxicIndex, toxicShow, toxicUpdate } from './toxic-handlers.js';

const HANDLERS: Readonly<Record<RouteName, Handler>> = {
  ResetState: resetState,
  ProxyIndex: proxyIndex,
  ProxyCreate: proxyCreate,
  Populate: populate,
  ProxyShow: proxyShow,
  ProxyUpdate: proxyUpdate,
  ProxyDelete: proxyDelete,
  ToxicIndex: toxicIndex,
  ToxicCreate: toxicCreate,
  ToxicShow: toxicShow,
  ToxicUpdate: toxicUpdate,
  ToxicDelete: toxicDelete,
  Version: version,
};

/** Options of the API server that a real Toxiproxy does not have. */
export interface ApiServerOptions {
  /** Bearer token every request but `GET /version` needs; none when undefined or empty. */
  readonly token?: string | undefined;
  /** Largest request body, in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Serves `/metrics` (any method, as Toxiproxy's route); without it `/metrics` is 404. */
  readonly metrics?: { scrape(): Promise<Reply> } | undefined;
}

interface Settings {
  readonly token: string | undefined;
  readonly maxBodyBytes: number;
  readonly metrics: { scrape(): Promise<Reply> } | undefined;
}

/**
 * An HTTP server (not yet listening) that serves the Toxiproxy API over `proxies`.
 *
 * @example
 * ```ts
 * const server = createApiServer(new ProxyCollection(proxyContext({ types: createDefaultToxicTypes() })));
 * server.listen(8474, '127.0.0.1');
 * ```
 */
export function createApiServer(proxies: ProxyCollection, options: ApiServerOptions = {}): Server {
  const settings: Settings = {
    token: options.token,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_EMBEDDED_LIMITS.maxBodyBytes,
    metrics: options.metrics,
  };
  return createServer((req, res) => {
    serve(req, res, proxies, settings).catch((error: unknown) => {
      // Only reachable through a bug; answer like Go's apiError does for a plain error.
      if (!res.headersSent) send(res, apiErrorReply(ApiError.internal(String(error))));
      else res.destroy();
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, proxies: ProxyCollection, settings: Settings): Promise<void> {
  const target = splitTarget(req.url ?? '/');
  const path = target === undefined ? undefined : unescapePath(target.path);
  if (target === undefined || path === undefined) {
    // Go's server rejects a request URI it cannot parse before any handler sees it.
    res.shouldKeepAlive = false;
    return send(res, { status: 400, body: '400 Bad Request', contentType: 'text/plain; charset=utf-8' });
  }
  // Before routing, so that without the token not even the route table shows.
  if (!authorized(settings.token, req.method ?? 'GET', path, req.headers.authorization)) {
    req.resume();
    return send(res, unauthorizedReply(req.headers.authorization !== undefined));
  }
  const clean = cleanPath(path);
  if (clean !== path) {
    return send(res, { ...emptyReply(301), location: encodeURI(clean) + target.query });
  }
  // Toxiproxy registers `/metrics` only when a metrics flag is on, for every method.
  const metrics = path === '/metrics' ? settings.metrics : undefined;
  const match = metrics !== undefined ? undefined : matchRoute(req.method ?? 'GET', path);
  if (match?.kind === 'not-found') return send(res, httpErrorReply(404, '404 page not found'));
  if (match?.kind === 'method-not-allowed') return send(res, emptyReply(405));

  const requestId = nextRequestId();
  if ((req.headers['user-agent'] ?? '').startsWith('Mozilla/')) {
    return send(res, httpErrorReply(403, 'User agent not allowed'), requestId);
  }
  try {
    if (match === undefined) {
      req.resume();
      return send(res, await metrics!.scrape(), requestId);
    }
    const reply = await HANDLERS[match.name]({ params: match.params, body: () => readBody(req, settings.maxBodyBytes) }, proxies);
    send(res, reply, requestId);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : ApiError.internal(error instanceof Error ? error.message : String(error));
    send(res, apiErrorReply(apiError), requestId);
  }
}

/** Path and `?query` of a request target (origin form, or absolute form as proxies send it). */
function splitTarget(url: string): { path: string; query: string } | undefined {
  let rest = url;
  if (!rest.startsWith('/')) {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
    if (absolute === null) return undefined;
    rest = rest.slice(absolute[0].length) || '/';
  }
  const q = rest.indexOf('?');
  return q < 0 ? { path: rest, query: '' } : { path: rest.slice(0, q), query: rest.slice(q) };
}

/** Go's path unescaping: `%XX` to bytes, read as UTF-8; a bad escape is an error (undefined). */
function unescapePath(path: string): string | undefined {
  if (!path.includes('%')) return path;
  const bytes: number[] = [];
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c !== 0x25) {
      bytes.push(...Buffer.from(path[i]!));
      continue;
    }
    const hex = path.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The whole body; past `limit` bytes the rest is drained unread and the answer is 413. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => (size > limit ? reject(ApiError.bodyTooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.once('error', reject);
  });
}
