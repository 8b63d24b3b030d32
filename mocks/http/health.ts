import type { FetchHandler } from './fetch-handler.js';
import { json } from './problem.js';
import { pathnameOf } from './lite-message.js';

/**
 * Adds `/healthz` (the process answers) and `/readyz` (the element is ready
 * for traffic) in front of an element's handler.
 */
export function withHealth(element: string, handler: FetchHandler, isReady: () => boolean = () => true): FetchHandler {
  return async (request) => {
    const pathname = pathnameOf(request);
    if (request.method === 'GET' && pathname === '/healthz') return json({ status: 'ok', element });
    if (request.method === 'GET' && pathname === '/readyz') {
      return isReady() ? json({ status: 'ok', element }) : json({ status: 'starting', element }, 503);
    }
    return handler(request);
  };
}
