/**
 * A stage for fault tests: a keep-alive HTTP server on 127.0.0.1, a chaos
 * backend, and a ChaosNetwork with one link `client -> server` in front of
 * the server. Everything closes together.
 *
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request as httpRequest } from 'node:http';
import { ChaosNetwork } from '../chaos-network.js';
import type { LinkInfo, LinkTraffic } from '../link-info.js';
import { startEmbeddedBackend } from '../backends/embedded-backend.js';
import type { StartedChaosBackend } from '../backends/chaos-backend.js';

/** The link every stage has. */
export const LINK = 'client -> server';

/** What one request saw. */
export interface Outcome {
  readonly ok: boolean;
  readonly ms: number;
  /** The error code (ECONNREFUSED, ECONNRESET, TIMEOUT...) when not ok. */
  readonly code?: string;
}

/** A stage. */
export interface HttpStage {
  readonly backend: StartedChaosBackend;
  readonly chaos: ChaosNetwork;
  readonly link: LinkInfo;
  /** The server's port (direct, no proxy). */
  readonly serverPort: number;
  /** Sends one request through the link on a keep-alive agent; never throws. */
  request(options?: { bytes?: number; timeoutMs?: number; body?: string }): Promise<Outcome>;
  /** Requests served so far by the server. */
  served(): number;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts a stage on a backend (default: a fresh embedded one with the embedded-only toxics).
 *
 * @example
 * ```ts
 * await using stage = await startHttpStage();
 * await stage.chaos.link(LINK).latency({ ms: 100 });
 * ```
 */
export async function startHttpStage(options: { backend?: StartedChaosBackend; traffic?: LinkTraffic } = {}): Promise<HttpStage> {
  let served = 0;
  const server: Server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes') ?? '2');
    req.resume();
    req.on('end', () => {
      served++;
      res.setHeader('content-type', 'text/plain');
      res.end('x'.repeat(size));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverPort = (server.address() as AddressInfo).port;
  const backend = options.backend ?? (await startEmbeddedBackend('test stage'));
  const chaos = new ChaosNetwork(backend);
  const link = await chaos.addLink(LINK, `127.0.0.1:${serverPort}`, { traffic: options.traffic ?? 'request-response' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const [host, port] = [link.listen.slice(0, link.listen.lastIndexOf(':')), Number(link.listen.slice(link.listen.lastIndexOf(':') + 1))];
  const request = ({ bytes = 2, timeoutMs = 5_000, body }: { bytes?: number; timeoutMs?: number; body?: string } = {}): Promise<Outcome> =>
    new Promise((resolve) => {
      const started = performance.now();
      let settled = false;
      const finish = (outcome: Omit<Outcome, 'ms'>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...outcome, ms: performance.now() - started });
      };
      const req = httpRequest({ host, port, path: `/?bytes=${bytes}`, method: body ? 'POST' : 'GET', agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => finish({ ok: res.statusCode === 200 }));
        res.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, code: error.code ?? error.message }));
      });
      const timer = setTimeout(() => {
        finish({ ok: false, code: 'TIMEOUT' });
        req.destroy();
      }, timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, code: error.code ?? error.message }));
      req.end(body);
    });
  return {
    backend,
    chaos,
    link,
    serverPort,
    request,
    served: () => served,
    async [Symbol.asyncDispose]() {
      agent.destroy();
      await chaos.removeLinks().catch(() => undefined);
      if (options.backend === undefined) await backend.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Percentile (0-100) of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
