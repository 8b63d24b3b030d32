import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventLog } from '../../../simulator/roaming-events.js';
import { bearerMatches } from '../../../mocks/http/bearer-token.js';
import { CliError } from '../../command.js';
import type { LabEndpoints } from './lab-endpoints.js';
import type { LabMetrics } from './lab-metrics.js';
import type { MeteredAccess } from './metered-access.js';

/** The lab's default port: Prometheus exporters' usual one. */
export const DEFAULT_LAB_PORT = 9464;

/** The lab's own HTTP server, listening. */
export interface StartedLabServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus), `GET /events` (JSON Lines: the lab's
 * attaches, then the world's own event log, streamed chunk by chunk as the
 * client reads, never built as one string), `GET /endpoints` (JSON) and
 * `/access/<plmn>/...` (each visited network's metered access point).
 */
export async function startLabServer(options: {
  host: string;
  port: number;
  metrics: LabMetrics;
  access: ReadonlyMap<string, MeteredAccess>;
  /** The `/events` answer in chunks of JSON Lines, pulled as the client reads. */
  events: () => Iterable<string>;
  endpoints: () => LabEndpoints | undefined;
  /** Bearer token `/events`, `/metrics` and `/endpoints` require (the access points stay open, as phones use them). */
  token?: string;
}): Promise<StartedLabServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://lab');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    void (async () => {
      const access = /^\/access\/([^/]+)(\/.*)$/.exec(url.pathname);
      if (access) {
        const point = options.access.get(access[1]!);
        if (!point) {
          return send(
            404,
            'application/problem+json',
            problem(404, `no visited network ${access[1]} in this lab; it has ${[...options.access.keys()].join(', ')}`),
          );
        }
        return point.forward(request, access[2]! + url.search, response);
      }
      if (request.method !== 'GET')
        return send(405, 'application/problem+json', problem(405, `${request.method} ${url.pathname} is not served`));
      if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
        response.setHeader('www-authenticate', 'Bearer realm="roam lab"');
        return send(
          401,
          'application/problem+json',
          problem(401, `${url.pathname} needs "Authorization: Bearer <token>", the token in ROAM_ADMIN_TOKEN when the lab started`),
        );
      }
      if (url.pathname === '/metrics') {
        const { contentType, body } = await options.metrics.exposition();
        return send(200, contentType, body);
      }
      if (url.pathname === '/events') return stream(response, options.events());
      if (url.pathname === '/endpoints' || url.pathname === '/')
        return send(200, 'application/json', JSON.stringify(options.endpoints(), null, 2));
      return send(
        404,
        'application/problem+json',
        problem(404, `${url.pathname} is not served; try /metrics, /events, /endpoints or /access/<plmn>/...`),
      );
    })().catch((error: unknown) => {
      if (!response.headersSent) send(500, 'application/problem+json', problem(500, (error as Error).message));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CliError(
              'start the lab',
              `port ${options.port} on ${options.host} is in use`,
              `Stop what uses it, or choose another port with --port <n> (the default is ${DEFAULT_LAB_PORT}; --port 0 takes any free port)`,
            )
          : new CliError(
              `start the lab on ${options.host}:${options.port}`,
              error.code ?? error.message,
              'Check the host is an address of this machine',
            ),
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The event lines `GET /events` serves, log after log, in chunks. */
export function* eventLines(...logs: EventLog[]): Generator<string, void, undefined> {
  for (const log of logs) yield* log.jsonLineChunks();
}

// Writes chunk after chunk, waiting for the socket to drain; stops when the client goes away.
async function stream(response: ServerResponse, chunks: Iterable<string>): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  let gone = false;
  const onClose = () => (gone = true);
  response.once('close', onClose);
  try {
    for (const chunk of chunks) {
      if (gone || response.destroyed) return;
      if (!response.write(chunk)) await drainedOrClosed(response);
    }
    if (!gone) response.end();
  } finally {
    response.off('close', onClose);
  }
}

async function drainedOrClosed(response: ServerResponse): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([once(response, 'drain', { signal: done.signal }), once(response, 'close', { signal: done.signal })]);
  } finally {
    done.abort();
  }
}

function problem(status: number, detail: string): string {
  return JSON.stringify({ type: 'about:blank', status, detail: `[roam] ${detail}` });
}
