import type { z } from 'zod';

/** HTTP methods the elements use. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One operation of an element's HTTP API: method, path (with `:param`
 * placeholders) and the zod schemas of its request body and response body.
 * The server, the typed client and the MSW handlers all use the same
 * `Endpoint`, so they cannot drift apart.
 */
export interface Endpoint<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** The operation's name in logs and errors, e.g. `hlr.sendAuthInfo`. */
  readonly name: string;
  readonly method: Method;
  readonly path: string;
  /** Schema of the path's `:params`, e.g. `z.strictObject({ imsi: ImsiSchema })`; a param it refuses is a 400 naming it. */
  readonly params?: z.ZodType<Readonly<Record<string, string>>>;
  /** Schema of the JSON request body (use `z.undefined()` for none). */
  readonly request: Req;
  /** Schema of the JSON body of a successful response. */
  readonly response: Res;
  /** Status of a successful response (default 200). */
  readonly successStatus?: number;
}

/**
 * Declares an endpoint. Only a type-level helper, so contracts read as a list.
 *
 * @example
 * ```ts
 * export const sendAuthInfo = endpoint({ name: 'hlr.sendAuthInfo', method: 'POST', path: '/hlr/v1/auth-info', request: SendAuthInfoBody, response: AuthInfoResult });
 * ```
 */
export function endpoint<Req extends z.ZodType, Res extends z.ZodType>(definition: Endpoint<Req, Res>): Endpoint<Req, Res> {
  return definition;
}

/** The path of `endpoint` with its `:params` filled in (URI-encoded). */
export function pathOf(endpoint: Endpoint, params: Readonly<Record<string, string>> = {}): string {
  // Most paths have no params: no pattern to run on every exchange.
  if (!endpoint.path.includes(':')) return endpoint.path;
  return endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new TypeError(`[roam] Failed to build the path of ${endpoint.name}: parameter "${name}" is missing. Pass it in params.`);
    return encodeURIComponent(value);
  });
}

/** Matches a concrete path against an endpoint's pattern; returns the params or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i]!;
    const actual = pathParts[i]!;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) return undefined;
  }
  return params;
}
