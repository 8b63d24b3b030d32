import type { FetchHandler } from './fetch-handler.js';
import { json } from './problem.js';
import { pathnameOf } from './lite-message.js';
import { builtinElementInfo } from './element-info.js';

/**
 * Adds `/healthz` (the process answers), `/readyz` (the element is ready
 * for traffic) and, for an element of a role with a contract, `/about`
 * (implementation, version, contract) in front of an element's handler.
 */
export function withHealth(element: string, handler: FetchHandler, isReady: () => boolean = () => true): FetchHandler {
  return async (request) => {
    const pathname = pathnameOf(request);
    if (request.method === 'GET' && pathname === '/healthz') return json({ status: 'ok', element });
    if (request.method === 'GET' && pathname === '/readyz') {
      return isReady() ? json({ status: 'ok', element }) : json({ status: 'starting', element }, 503);
    }
    if (request.method === 'GET' && pathname === '/about') {
      const info = builtinElementInfo(element);
      if (info) return json(info);
    }
    return handler(request);
  };
}
