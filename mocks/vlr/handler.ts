import type { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { createRouter, route } from '../http/router.js';
import { vlrContract as c } from './contract.js';

/**
 * The mock VLR/MME as a fetch handler over a domain {@link VisitorLocationRegister}.
 */
export function createVlrHandler(vlr: VisitorLocationRegister): FetchHandler {
  return withHealth(
    vlr.name,
    createRouter(vlr.name, [
      route(c.attachRequest, ({ body }) => vlr.attachRequest(body.imsi)),
      route(c.authenticationResponse, ({ body, params }) => vlr.authenticationResponse(params['transactionId']!, body)),
      route(c.cancelLocation, ({ body }) => ({ cancelled: vlr.cancelLocation(body.imsi) })),
    ]),
  );
}
