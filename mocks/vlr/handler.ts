import type { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { createRouter, route } from '../http/element-router.js';
import { vlrContract as c } from './contract.js';

/**
 * The mock VLR/MME as a fetch handler over a domain
 * {@link VisitorLocationRegister}: every service of {@link vlrContract},
 * each a route to the VLR method of the same name. Domain errors become
 * problem responses (see `problemFor`), and a refused request changes nothing.
 *
 * @example
 * ```ts
 * await using served = await serveHandler(createVlrHandler(vlr));
 * const access = new VlrClient({ baseUrl: served.url });
 * ```
 */
export function createVlrHandler(vlr: VisitorLocationRegister): FetchHandler {
  const param = (params: Readonly<Record<string, string>>, name: string) => params[name]!;
  return withHealth(
    vlr.name,
    createRouter(vlr.name, [
      route(c.attachRequest, ({ body }) => vlr.attachRequest(body.imsi)),
      route(c.authenticationResponse, ({ body, params }) => vlr.authenticationResponse(param(params, 'transactionId'), body)),
      route(c.locationUpdate, ({ body }) => vlr.locationUpdate(body)),
      route(c.detach, ({ body }) => vlr.detach(body)),
      route(c.originateCall, ({ body }) => vlr.originateCall(body)),
      route(c.deliverCall, ({ body }) => vlr.deliverCall(body)),
      route(c.releaseCall, ({ params }) => vlr.releaseCall(param(params, 'callId'))),
      route(c.handover, ({ body, params }) => vlr.handover({ callId: param(params, 'callId'), targetPlmn: body.targetPlmn })),
      route(c.prepareHandover, ({ body }) => vlr.prepareHandover(body)),
      route(c.openDataSession, ({ body }) => vlr.openDataSession(body)),
      route(c.reportDataUsage, ({ body, params }) => vlr.reportDataUsage({ sessionId: param(params, 'sessionId'), ...body })),
      route(c.closeDataSession, ({ body, params }) => vlr.closeDataSession({ sessionId: param(params, 'sessionId'), ...body })),
      route(c.submitShortMessage, ({ body }) => vlr.submitShortMessage(body)),
      route(c.deliverShortMessage, ({ body }) => vlr.deliverShortMessage(body)),
      route(c.cancelLocation, ({ body }) => ({ cancelled: vlr.cancelLocation(body.imsi) })),
    ]),
  );
}
