import { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { adminTokenFromEnv, withBearerToken } from '../http/bearer-token.js';
import { createRouter } from '../http/element-router.js';
import { serveHandler, type StartedServer } from '../http/serve.js';
import { pathnameOf } from '../http/lite-message.js';
import { ElementFaults } from './element-faults.js';
import { ElementLog, withRequestLog } from './element-log.js';

/** What an element is: its name, how to make its state, and how to serve that state. */
export interface ElementDefinition<S> {
  /** e.g. `hlr:262-01`. */
  readonly name: string;
  /** A fresh state, as after a crash that lost everything. */
  readonly createState: () => S;
  /** The element's routes over a state. */
  readonly handler: (state: S) => FetchHandler;
}

/** Where and how an element is served. */
export interface ServeElementOptions {
  readonly host?: string;
  readonly port?: number;
  /** Pseudonyms for the log; a random key when omitted. */
  readonly hasher?: IdentityHasher;
  /** Receives each log line (JSON). */
  readonly logSink?: (line: string) => void;
  /** Largest request body, in bytes (default 1 MiB); larger ones get a 413 problem. */
  readonly maxBodyBytes?: number;
  /**
   * Bearer token the admin API (`/admin/v1/faults`, the HLR's
   * `/admin/v1/subscribers`) requires; 401 problem without it. Default:
   * `ROAM_ADMIN_TOKEN` from the environment; unset or `''`: no token.
   */
  readonly adminToken?: string;
}

/**
 * A network element on a real socket, with the controls a chaos test needs:
 * element-level faults through `/admin/v1/faults`, a structured log, and a
 * crash (every connection dropped, nothing listening) followed by a restart
 * on the same port, with or without the state it had.
 */
export interface ServedElement<S> {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  /** `host:port` */
  readonly address: string;
  /** The state being served now (a restart without state replaces it). */
  readonly state: S;
  readonly faults: ElementFaults;
  readonly log: ElementLog;
  /** False between a crash and a restart. */
  readonly isUp: boolean;
  /** Stops answering at once, as a killed process would. */
  crash(): Promise<void>;
  /** Listens again on the same port; `keepState: false` starts from a fresh state. */
  restart(options?: { keepState?: boolean }): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Serves an element on 127.0.0.1 (ephemeral port unless given).
 *
 * @example
 * ```ts
 * await using billing = await serveElement(billingElement('262-01', agreements));
 * await billing.crash();
 * await billing.restart({ keepState: true });
 * ```
 */
export async function serveElement<S>(definition: ElementDefinition<S>, options: ServeElementOptions = {}): Promise<ServedElement<S>> {
  const faults = new ElementFaults();
  const log = new ElementLog(options.logSink ? { sink: options.logSink } : {});
  const hasher = options.hasher ?? new IdentityHasher();
  const faultRoutes = createRouter(definition.name, faults.routes());
  let state = definition.createState();
  let routes = definition.handler(state);
  const handler = withRequestLog(
    definition.name,
    withBearerToken(
      withHealth(
        definition.name,
        faults.wrap((request) => (pathnameOf(request).startsWith('/admin/v1/faults') ? faultRoutes(request) : routes(request))),
      ),
      { token: options.adminToken ?? adminTokenFromEnv(), element: definition.name },
    ),
    log,
    hasher,
  );
  const listen = (port: number) =>
    serveHandler(handler, {
      port,
      // The token is checked above, inside the log, so refusals are logged too.
      adminToken: '',
      ...(options.host ? { host: options.host } : {}),
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
  let server: StartedServer | undefined = await listen(options.port ?? 0);
  const { host, port } = server;
  let closed = false;

  const element: ServedElement<S> = {
    name: definition.name,
    host,
    port,
    url: `http://${host}:${port}`,
    address: `${host}:${port}`,
    get state() {
      return state;
    },
    faults,
    log,
    get isUp() {
      return server !== undefined;
    },
    async crash() {
      const running = server;
      server = undefined;
      await running?.close();
    },
    async restart({ keepState = true } = {}) {
      if (closed) throw new Error(`[roam] Failed to restart ${definition.name}: it was closed for good. Start a new element instead.`);
      if (server) await element.crash();
      if (!keepState) {
        state = definition.createState();
        routes = definition.handler(state);
      }
      server = await listen(port);
    },
    async close() {
      closed = true;
      await element.crash();
    },
    [Symbol.asyncDispose]: () => element.close(),
  };
  return element;
}
