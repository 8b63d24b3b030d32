import type { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { RejectError } from '../../simulator/causes.js';
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
      route(c.getSubscriber, ({ params }) => {
        const found = hlr.find(params['imsi']!);
        if (!found) throw new RejectError('get subscriber', 'IMSI_UNKNOWN');
        return found;
      }),
      route(c.deleteSubscriber, ({ params }) => {
        const deleted = hlr.deprovision(params['imsi']!);
        return deleted ? { deleted } : problem(404, 'Not found', 'The HLR has no subscriber with this IMSI.');
      }),
    ]),
  );
}
