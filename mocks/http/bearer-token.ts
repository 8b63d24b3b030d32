import { createHash, timingSafeEqual } from 'node:crypto';
import type { FetchHandler } from './fetch-handler.js';
import { problem } from './problem.js';
import { pathnameOf } from './lite-message.js';

/** The environment variable that sets the admin API's bearer token of every element served here. */
export const ADMIN_TOKEN_ENV = 'ROAM_ADMIN_TOKEN';

/** The admin token from the environment (`ROAM_ADMIN_TOKEN`), or undefined when unset or empty. */
export function adminTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env[ADMIN_TOKEN_ENV];
  return token ? token : undefined;
}

/** Whether a path belongs to an element's admin API (`/admin/...`). */
export function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}

/**
 * Whether `authorization` (a request's header) carries `Bearer <token>`.
 * Compares digests in constant time, so timing says nothing about the token.
 */
export function bearerMatches(authorization: string | null | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Puts a bearer token in front of the requests `protects` selects (by
 * default the admin API, `/admin/...`): without `Authorization: Bearer
 * <token>` they get a 401 problem naming the `authorization` header. With no
 * token, `handler` is returned as is.
 *
 * @example
 * ```ts
 * const guarded = withBearerToken(handler, { token: process.env.ROAM_ADMIN_TOKEN, element: 'hlr:262-01' });
 * ```
 */
export function withBearerToken(
  handler: FetchHandler,
  options: { readonly token: string | undefined; readonly element: string; readonly protects?: (pathname: string) => boolean },
): FetchHandler {
  const { token, element, protects = isAdminPath } = options;
  if (!token) return handler;
  return async (request) => {
    if (!protects(pathnameOf(request))) return handler(request);
    const authorization = request.headers.get('authorization');
    if (bearerMatches(authorization, token)) return handler(request);
    return unauthorized(element, authorization ? 'wrong bearer token' : 'missing bearer token');
  };
}

/** The 401 answer: problem+json naming the `authorization` header, with `WWW-Authenticate: Bearer`. */
export function unauthorized(element: string, reason: string): Response {
  const response = problem(
    401,
    'Unauthorized',
    `${element}'s admin API needs "Authorization: Bearer <token>": ${reason}. Send the token the element was started with (${ADMIN_TOKEN_ENV}).`,
    { errors: [{ path: 'authorization', message: reason }] },
  );
  response.headers.set('www-authenticate', `Bearer realm="${element} admin"`);
  return response;
}
