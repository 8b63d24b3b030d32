import type { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { problem } from '../http/problem.js';
import { createRouter, route } from '../http/element-router.js';
import { hlrContract as c } from './contract.js';

/** Default most subscribers one mock HLR holds. */
export const DEFAULT_MAX_SUBSCRIBERS = 1_000_000;

/** Limits of the mock HLR's API. */
export interface HlrHandlerOptions {
  /** Subscribers the HLR holds at most (default 1 000 000); provisioning one more is refused with 409. */
  readonly maxSubscribers?: number;
}

/**
 * The mock HLR/HSS as a fetch handler over a domain {@link HomeLocationRegister}.
 *
 * @example
 * ```ts
 * await using server = await serveHandler(createHlrHandler(hlr));
 * ```
 */
export function createHlrHandler(hlr: HomeLocationRegister, options: HlrHandlerOptions = {}): FetchHandler {
  const name = `hlr:${hlr.plmn.id}`;
  const maxSubscribers = options.maxSubscribers ?? DEFAULT_MAX_SUBSCRIBERS;
  return withHealth(
    name,
    createRouter(name, [
      route(c.sendAuthInfo, ({ body }) => ({ vectors: hlr.sendAuthInfo(body, body.vlrNumber) })),
      route(c.updateLocation, ({ body }) => ({ subscriberData: hlr.updateLocation(body) })),
      route(c.purgeMs, ({ body }) => {
        hlr.purgeMs(body);
        return { purged: true as const };
      }),
      route(c.provision, ({ body }) =>
        hlr.size >= maxSubscribers && !hlr.find(body.imsi) ? subscriberLimit(maxSubscribers) : hlr.provision(body),
      ),
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

// Provisioning past the limit: a request in the wrong state, with what to do.
function subscriberLimit(max: number): Response {
  return problem(
    409,
    'Conflict',
    `The HLR holds its maximum of ${max} subscribers. Delete one first, or serve the HLR with a larger maxSubscribers.`,
    { code: 'ROAM_SUBSCRIBER_LIMIT', errors: [{ path: 'imsi', message: `subscriber limit of ${max} reached` }] },
  );
}
