import type { z } from 'zod';
import type { Endpoint } from './endpoint.js';
import { matchPath } from './endpoint.js';
import { compiledSchema } from './compiled-schema.js';
import type { FetchHandler } from './fetch-handler.js';
import { fieldProblems } from './field-problems.js';
import { problemFor } from './domain-problem.js';
import { json, problem } from './problem.js';
import { isResponse, LiteRequest, pathnameOf } from './lite-message.js';
import { pathWithoutIdentities } from './path-identities.js';

export { problemFor, DOMAIN_ERROR_ANSWERS } from './domain-problem.js';

/** What a route's handler gets: the validated body, the path params and the raw request. */
export interface RouteInput<Req> {
  readonly body: Req;
  readonly params: Readonly<Record<string, string>>;
  readonly request: Request;
}

/** An endpoint with the code that serves it. Return the response body, or a `Response` to answer otherwise. */
export interface Route {
  readonly endpoint: Endpoint;
  readonly handle: (input: RouteInput<unknown>) => Promise<unknown> | unknown;
}

/** Pairs an endpoint with its handler, typing the handler from the endpoint's schemas. */
export function route<Req extends z.ZodType, Res extends z.ZodType>(
  endpoint: Endpoint<Req, Res>,
  handle: (input: RouteInput<z.output<Req>>) => Promise<z.input<Res> | Response> | z.input<Res> | Response,
): Route {
  return { endpoint, handle: handle as Route['handle'] };
}

/**
 * Builds a fetch handler from routes: routing (404 / 405), JSON parsing and
 * validation against the contract (400 with every field problem, 415 for a
 * non-JSON body), and the mapping of domain errors to problem responses
 * (rejects are 403 with the cause). A rejected request changes nothing.
 */
export function createRouter(element: string, routes: readonly Route[]): FetchHandler {
  // Paths without :params are looked up directly; the others are tried in order, as declared.
  const fixed = new Map<string, Route[]>();
  const patterned: Route[] = [];
  for (const r of routes) {
    if (r.endpoint.path.includes('/:')) patterned.push(r);
    else fixed.set(r.endpoint.path, [...(fixed.get(r.endpoint.path) ?? []), r]);
  }
  return async (request) => {
    const pathname = pathnameOf(request);
    let pathMatched = false;
    const candidates = fixed.get(pathname);
    for (const { endpoint, handle } of candidates ?? patterned) {
      const params = candidates ? NO_PARAMS : matchPath(endpoint.path, pathname);
      if (!params) continue;
      pathMatched = true;
      if (endpoint.method !== request.method) continue;
      const badParams = checkParams(endpoint, params);
      if (badParams) return badParams;
      const body = await readJson(request, endpoint);
      if (isResponse(body)) return body;
      const parsed = compiledSchema(endpoint.request).safeParse(body);
      if (!parsed.success) {
        const errors = fieldProblems(parsed.error);
        return problem(400, 'Invalid request body', errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; '), { errors });
      }
      try {
        const result = await handle({ body: parsed.data, params, request });
        if (isResponse(result)) return result;
        return json(compiledSchema(endpoint.response).parse(result), endpoint.successStatus ?? 200);
      } catch (error) {
        return problemFor(element, error);
      }
    }
    const shown = pathWithoutIdentities(pathname);
    if (pathMatched) return problem(405, 'Method not allowed', `${request.method} is not allowed on ${shown}.`);
    return problem(404, 'Not found', `${element} has no endpoint ${request.method} ${shown}.`);
  };
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

function checkParams(endpoint: Endpoint, params: Readonly<Record<string, string>>): Response | undefined {
  const checked = endpoint.params && compiledSchema(endpoint.params).safeParse(params);
  if (!checked || checked.success) return undefined;
  const errors = fieldProblems(checked.error);
  return problem(400, 'Invalid path parameter', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

async function readJson(request: Request, endpoint: Endpoint): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'DELETE') return undefined;
  const text = await request.text();
  if (text.length === 0) return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    return problem(415, 'Unsupported media type', `${endpoint.name} takes application/json, not ${type || 'an unlabelled body'}.`, {
      errors: [{ path: '', message: `expected content-type application/json, got ${type || 'none'}` }],
    });
  }
  try {
    // Ours was parsed once for every layer (the request log read it first); another Request's body is read now.
    return (request as unknown) instanceof LiteRequest ? (request as unknown as LiteRequest).parsedJson() : JSON.parse(text);
  } catch (error) {
    return problem(400, 'Malformed JSON', `The body of ${endpoint.name} is not JSON: ${(error as Error).message}.`, {
      errors: [{ path: '', message: 'malformed JSON' }],
    });
  }
}
