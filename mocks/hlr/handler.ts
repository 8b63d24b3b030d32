import type { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { problem } from '../http/problem.js';
import { createRouter, route } from '../http/router.js';
import { hlrContract as c } from './contract.js';

/**
 * The mock HLR/HSS as a fetch handler over a domain {@link HomeLocationRegister}.
 *
 * @example
 * ```ts
 * await using server = await serveHandler(createHlrHandler(hlr));
 * ```
 */
export function createHlrHandler(hlr: HomeLocationRegister): FetchHandler {
  const name = `hlr:${hlr.plmn.id}`;
  return withHealth(
    name,
    createRouter(name, [
      route(c.sendAuthInfo, ({ body }) => ({ vectors: hlr.sendAuthInfo(body, body.vlrNumber) })),
      route(c.updateLocation, ({ body }) => ({ subscriberData: hlr.updateLocation(body) })),
      route(c.purgeMs, ({ body }) => {
        hlr.purgeMs(body);
        return { purged: true as const };
      }),
      route(c.provision, ({ body }) => hlr.provision(body)),
      route(c.getSubscriber, ({ params }) => hlr.find(params['imsi']!) ?? noSubscriber()),
      route(c.deleteSubscriber, ({ params }) => {
        const deleted = hlr.deprovision(params['imsi']!);
        return deleted ? { deleted } : noSubscriber();
      }),
    ]),
  );
}

// The admin API's answer for an IMSI it does not hold; the VLR-facing operations reject with IMSI_UNKNOWN instead.
function noSubscriber(): Response {
  return problem(404, 'Not found', 'The HLR has no subscriber with this IMSI.', {
    code: 'ROAM_UNKNOWN_SUBSCRIBER',
    errors: [{ path: 'imsi', message: 'no subscriber with this IMSI' }],
  });
}
