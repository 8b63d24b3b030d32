import { createRequire } from 'node:module';
import type { HttpHandler } from 'msw';
import { requireOptionalPeers } from '../../core/optional-peers.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { toFetchResponse } from '../http/lite-message.js';

/** An element's fetch handler and the base URL an application calls it at. */
export interface MswMount {
  /** e.g. `https://hlr.operator.example` — any origin; no port is opened. */
  readonly baseUrl: string;
  readonly handler: FetchHandler;
}

/**
 * Mounts network elements in MSW, in-process: an application's own `fetch`
 * calls to `baseUrl` are answered by the same handlers, contracts and
 * validation the served elements use, with no port and no proxy.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
 * const server = setupServer(...mswHandlers([{ baseUrl: 'https://hlr.example', handler: createHlrHandler(hlr) }]));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 * `msw` is an optional peer dependency: install it beside this package to use this.
 *
 * @throws {MissingPeerError} naming the install line when `msw` is not installed
 */
export function mswHandlers(mounts: readonly MswMount[]): HttpHandler[] {
  const { http } = loadMsw();
  return mounts.map(({ baseUrl, handler }) => {
    const origin = new URL(baseUrl);
    const prefix = `${origin.origin}${origin.pathname.replace(/\/$/, '')}`;
    return http.all(`${prefix}/*`, ({ request }) => {
      // The elements route on their own paths; strip the mount prefix the application added.
      const url = new URL(request.url);
      const path = url.pathname.slice(origin.pathname.replace(/\/$/, '').length) || '/';
      return handler(new Request(`${url.origin}${path}${url.search}`, request)).then(toFetchResponse);
    });
  });
}

/**
 * MSW, loaded on first use so that importing the mocks needs no `msw`. It is
 * required, not imported: the handlers are made synchronously, and MSW runs
 * handlers from its CommonJS and ES builds alike (it calls them, it does not
 * check their class).
 */
function loadMsw(): typeof import('msw') {
  return requireOptionalPeers('mount network elements in MSW', ['msw'], () => createRequire(import.meta.url)('msw') as typeof import('msw'));
}
