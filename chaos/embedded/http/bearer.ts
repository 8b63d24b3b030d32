/**
 * The optional bearer token of the embedded Toxiproxy's API (not a
 * Toxiproxy feature: a real Toxiproxy answers anyone who can reach it).
 * It is on only when the server is started with one; the environment never
 * turns it on, since no standard Toxiproxy client would send it.
 * `GET /version` stays open, so a liveness check needs no secret.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Reply } from './responses.js';

/** Whether a request may pass: no token configured, `GET /version`, or `Authorization: Bearer <token>` (compared in constant time). */
export function authorized(token: string | undefined, method: string, path: string, authorization: string | undefined): boolean {
  if (!token) return true;
  if (method === 'GET' && path === '/version') return true;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * The 401 answer: `application/problem+json` that also carries Toxiproxy's
 * `error` and `status` members, so clients of either kind read the reason.
 */
export function unauthorizedReply(hadHeader: boolean): Reply {
  const reason = hadHeader ? 'wrong bearer token' : 'missing bearer token';
  const body = {
    type: 'https://roaming-harness.dev/problems/unauthorized',
    title: 'Unauthorized',
    status: 401,
    detail: `This Toxiproxy API needs "Authorization: Bearer <token>": ${reason}. Send the token the server was started with.`,
    error: reason,
    errors: [{ path: 'authorization', message: reason }],
  };
  return { status: 401, body: JSON.stringify(body), contentType: 'application/problem+json', wwwAuthenticate: 'Bearer realm="toxiproxy"' };
}
