import type { z } from 'zod';
import { RejectError, isRejectCause } from '../../simulator/causes.js';
import { RoamError } from '../../core/errors.js';
import { adminTokenFromEnv, isAdminPath } from './bearer-token.js';
import { pathOf, type Endpoint } from './endpoint.js';
import { pathWithoutIdentities } from './path-identities.js';
import { PROBLEM_TYPES, type ProblemDetails } from './problem.js';

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
  /** Defaults to the global fetch. MSW users pass nothing: MSW patches the global one. */
  readonly fetch?: typeof fetch;
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
  const headers: Record<string, string> = {};
  const init: RequestInit = { method: endpoint.method, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), headers };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const token = options.adminToken ?? adminTokenFromEnv();
  if (token && isAdminPath(endpoint.path)) headers['authorization'] = `Bearer ${token}`;
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, init);
    text = await response.text();
  } catch (error) {
    throw new ElementUnreachableError(endpoint.name, pathWithoutIdentities(url), unreachableReason(error), error);
  }
  if (!response.ok) {
    const details = parseProblem(text);
    if (details?.type === PROBLEM_TYPES.reject && isRejectCause(details.cause)) {
      throw new RejectError(endpoint.name, details.cause, details.detail);
    }
    throw new ElementRequestError(endpoint.name, url, response.status, details, details?.detail ?? text.slice(0, 200));
  }
  return endpoint.response.parse(text.length ? JSON.parse(text) : undefined);
}

function parseProblem(text: string): ProblemDetails | undefined {
  try {
    const parsed = JSON.parse(text) as ProblemDetails;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.status === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `ECONNREFUSED`, `ECONNRESET`, `TIMEOUT`...: why a fetch got no answer. */
function unreachableReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'TIMEOUT';
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === 'UND_ERR_SOCKET') return 'the connection was closed';
  if (cause?.code === 'UND_ERR_CONNECT_TIMEOUT') return 'TIMEOUT';
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
