import type { z } from 'zod';
import { RejectError, isRejectCause } from '../../simulator/causes.js';
import { RoamError } from '../../core/errors.js';
import { adminTokenFromEnv, isAdminPath } from './bearer-token.js';
import { pathOf, type Endpoint } from './endpoint.js';
import { compiledSchema } from './compiled-schema.js';
import { pathWithoutIdentities } from './path-identities.js';
import { PROBLEM_TYPES, type ProblemDetails } from './problem.js';
import { announceExchange, exchangeTimingEnabled, recordExchange } from './exchange-timing.js';
import {
  fetchExchange,
  leanExchange,
  nodeHttpExchange,
  transportOf,
  unreachableReason,
  type ExchangeAnswer,
  type ExchangeRequest,
  type HttpTransport,
} from './http-exchange.js';

export { HTTP_CLIENT_ENV, type HttpTransport } from './http-exchange.js';

/** An element answered with an error other than a reject. */
export class ElementRequestError extends RoamError {
  readonly status: number;
  readonly problem: ProblemDetails | undefined;

  constructor(endpointName: string, url: string, status: number, problemBody: ProblemDetails | undefined, detail: string) {
    super('ROAM_ELEMENT_REQUEST', `call ${endpointName} at ${url}`, `HTTP ${status}: ${detail}`, {
      hint: status >= 500 ? 'The element failed; see its log' : 'Fix the request as the detail says',
    });
    this.status = status;
    this.problem = problemBody;
  }
}

/** An element did not answer at all: refused, reset, or no answer before the timeout. */
export class ElementUnreachableError extends RoamError {
  /** The socket error code (e.g. `ECONNREFUSED`), or `TIMEOUT`. */
  readonly reason: string;

  constructor(endpointName: string, url: string, reason: string, cause: unknown) {
    super('ROAM_ELEMENT_UNREACHABLE', `call ${endpointName} at ${url}`, `no answer (${reason})`, {
      hint: 'Check that the element is running and that no partition is on the link to it',
      cause,
    });
    this.reason = reason;
  }
}

/** How a client reaches an element. */
export interface ClientOptions {
  /** e.g. `http://127.0.0.1:40123`, usually a chaos proxy in front of the element. */
  readonly baseUrl: string;
  /**
   * A Fetch API function of one's own (e.g. a handler called in-process);
   * given, it is used whatever `transport` says.
   */
  readonly fetch?: typeof fetch;
  /**
   * `socket` (the default): requests written straight on keep-alive TCP
   * sockets, about three times cheaper per exchange than `node:http` and
   * more so than `fetch`; whenever an interceptor (MSW, nock) has patched
   * `http.request`, and for `https:` URLs, they go through `node:http`
   * instead. `node-http`: always `node:http` with keep-alive connections.
   * `fetch`: the global `fetch`, with an `AbortSignal` per request (the
   * other two share one deadline timer per thread). MSW answers all three.
   * Default: `ROAM_HTTP_CLIENT` from the environment, else `socket`.
   */
  readonly transport?: HttpTransport;
  /** Headers sent with every request, e.g. `authorization` for billing's charging intake. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-request timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
  /**
   * Bearer token sent to the element's admin API (`/admin/...`) only.
   * Default: `ROAM_ADMIN_TOKEN` from the environment, as the element reads it.
   */
  readonly adminToken?: string;
}

/**
 * Calls one endpoint: builds the URL, sends the JSON body, validates the
 * answer against the contract, and turns problem responses into errors
 * (rejects into {@link RejectError}).
 */
export async function callEndpoint<Req extends z.ZodType, Res extends z.ZodType>(
  options: ClientOptions,
  endpoint: Endpoint<Req, Res>,
  body: z.input<Req>,
  params?: Readonly<Record<string, string>>,
): Promise<z.output<Res>> {
  const url = options.baseUrl + pathOf(endpoint, params);
  const headers: Record<string, string> = options.headers ? { ...options.headers } : {};
  let text: string | undefined;
  if (body !== undefined) {
    text = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  // The environment is read only for admin paths: process.env is slow to read on every exchange.
  if (isAdminPath(endpoint.path)) {
    const token = options.adminToken ?? adminTokenFromEnv();
    if (token) headers['authorization'] = `Bearer ${token}`;
  }
  const request: ExchangeRequest = {
    method: endpoint.method,
    url,
    headers,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(text !== undefined ? { body: text } : {}),
  };
  const send = senderOf(options);
  let answer: ExchangeAnswer;
  const started = exchangeTimingEnabled() ? performance.now() : 0;
  announceExchange(endpoint.name, endpoint.method);
  try {
    answer = await send(request);
  } catch (error) {
    throw new ElementUnreachableError(endpoint.name, pathWithoutIdentities(url), unreachableReason(error), error);
  }
  if (answer.status < 200 || answer.status > 299) {
    const details = parseProblem(answer.text);
    if (details?.type === PROBLEM_TYPES.reject && isRejectCause(details.cause)) {
      throw new RejectError(endpoint.name, details.cause, details.detail);
    }
    throw new ElementRequestError(endpoint.name, url, answer.status, details, details?.detail ?? answer.text.slice(0, 200));
  }
  const result = compiledSchema(endpoint.response).parse(answer.text.length ? JSON.parse(answer.text) : undefined);
  if (started) recordExchange(endpoint.name, performance.now() - started, answer.header('server-timing'));
  return result;
}

/** What sends the client's requests, by its transport. */
function senderOf(options: ClientOptions): (request: ExchangeRequest) => Promise<ExchangeAnswer> {
  const ownFetch = options.fetch;
  if (ownFetch) return (request) => fetchExchange(ownFetch, request);
  const transport = transportOf(options.transport);
  // The global fetch is read at call time, so one MSW patched in later is used.
  if (transport === 'fetch') return (request) => fetchExchange(globalThis.fetch, request);
  return transport === 'node-http' ? nodeHttpExchange : leanExchange;
}

function parseProblem(text: string): ProblemDetails | undefined {
  try {
    const parsed = JSON.parse(text) as ProblemDetails;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.status === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
