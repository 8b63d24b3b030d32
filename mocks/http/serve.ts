import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminTokenFromEnv, withBearerToken } from './bearer-token.js';
import type { FetchHandler } from './fetch-handler.js';
import { problem } from './problem.js';
import { LiteHeaders, LiteRequest, LiteResponse } from './lite-message.js';
import { exchangeTimingEnabled, timeServedRequest } from './exchange-timing.js';

/** Where and how to serve a handler. */
export interface ServeOptions {
  /** Defaults to 127.0.0.1: elements never listen on other interfaces unless asked to. */
  readonly host?: string;
  /** Defaults to 0, an ephemeral port. */
  readonly port?: number;
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /**
   * Bearer token the admin API (`/admin/...`) requires; other paths stay
   * open. Default: `ROAM_ADMIN_TOKEN` from the environment; `''` or unset: none.
   */
  readonly adminToken?: string;
  /** The element's name in 401 answers (default `element`). */
  readonly name?: string;
}

/** Default largest request body, in bytes (1 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A handler listening on a real socket. */
export interface StartedServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening and closes every connection, idle or not. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Serves a fetch handler with `node:http` on 127.0.0.1 and an ephemeral port.
 *
 * @example
 * ```ts
 * await using hlr = await serveHandler(createHlrHandler(domainHlr));
 * await fetch(`${hlr.url}/healthz`);
 * ```
 */
export async function serveHandler(handler: FetchHandler, options: ServeOptions = {}): Promise<StartedServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new RangeError(
      `[roam] Failed to serve on ${host}: maxBodyBytes ${String(maxBodyBytes)} is not a byte count. Pass a whole number of bytes, e.g. 1048576.`,
    );
  }
  const guarded = withBearerToken(handler, { token: options.adminToken ?? adminTokenFromEnv(), element: options.name ?? 'element' });
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    void respond(guarded, req, res, host, maxBodyBytes);
  });
  await listen(server, host, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { url: `http://${host}:${port}`, host, port, close, [Symbol.asyncDispose]: close };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function respond(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
  maxBodyBytes: number,
): Promise<void> {
  let response: Response;
  try {
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      response = problem(
        413,
        'Request body too large',
        `The request body is larger than the limit of ${maxBodyBytes} bytes. Send less, or serve the element with a larger maxBodyBytes.`,
        {
          errors: [{ path: '', message: `larger than the limit of ${maxBodyBytes} bytes` }],
        },
      );
      res.setHeader('connection', 'close');
    } else {
      const method = req.method ?? 'GET';
      const target = req.url ?? '/';
      const request = new LiteRequest({
        method,
        url: `http://${req.headers.host ?? host}${target}`,
        headers: new LiteHeaders(req.headers),
        body: method === 'GET' || method === 'HEAD' ? '' : body.toString('utf8'),
        ...(target.startsWith('/') ? { pathname: pathOfTarget(target) } : {}),
      });
      response = exchangeTimingEnabled()
        ? await timeServedRequest(
            () => handler(request.asRequest()),
            (_, serverTiming) => res.setHeader('server-timing', serverTiming),
          )
        : await handler(request.asRequest());
    }
  } catch (error) {
    response = problem(500, 'Internal error', error instanceof Error ? error.message : String(error));
  }
  await writeResponse(response, res).catch(() => res.destroy());
}

/** The path of an origin-form request target (`/a/b?x=1` -> `/a/b`), as the URL parser would give it. */
function pathOfTarget(target: string): string {
  const end = target.search(/[?#]/);
  const path = end < 0 ? target : target.slice(0, end);
  // Anything the URL parser would rewrite (dot segments, backslashes, odd bytes) goes through it.
  return /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(path) && !/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path)
    ? path
    : new URL(`http://h${path}`).pathname;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  if ((response as unknown) instanceof LiteResponse) {
    // Ours: the body is a string already, no stream to read.
    const lite = response as unknown as LiteResponse;
    const text = lite.body ?? '';
    // One writeHead with every header: cheaper than a setHeader per header on a hot path.
    const headers: string[] = [];
    lite.headers.forEach((value, name) => headers.push(name, value));
    if (!lite.headers.has('content-length')) headers.push('content-length', String(Buffer.byteLength(text)));
    res.writeHead(lite.status, headers);
    res.end(text);
    return;
  }
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (body && !response.headers.has('content-length')) res.setHeader('content-length', body.length);
  res.end(body);
}
