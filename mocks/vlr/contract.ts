import { z } from 'zod';
import { endpoint } from '../http/endpoint.js';
import { ElementIdSchema } from '../http/schemas.js';
import {
  AttachAcceptSchema,
  AttachRequestSchema,
  AuthenticationChallengeSchema,
  CallConnectedSchema,
  CallReleasedSchema,
  CallRequestSchema,
  CancelLocationRequestSchema,
  ChallengeResponseSchema,
  DataSessionOpenedSchema,
  DataSessionRequestSchema,
  DataSessionUsageSchema,
  DataUsageBodySchema,
  DetachAcceptSchema,
  DetachRequestSchema,
  HandoverAcceptSchema,
  HandoverCommandBodySchema,
  HandoverCompleteSchema,
  HandoverRequestSchema,
  LocationUpdateAcceptSchema,
  LocationUpdateRequestSchema,
  ShortMessageAcceptedSchema,
  ShortMessageRequestSchema,
} from './messages.js';

/**
 * The VLR/MME's HTTP contract, one endpoint per service of the domain VLR:
 * the subscriber's side (every `ServingNetworkPort` method), the home HLR's
 * side (CancelLocation) and other VLRs' side (`HandoverPort.prepareHandover`).
 * The server, {@link VlrClient} and the MSW handlers all use it.
 *
 * | method | path | domain |
 * |---|---|---|
 * | POST | `/vlr/v1/attach` | `attachRequest` |
 * | POST | `/vlr/v1/attach/:transactionId/response` | `authenticationResponse` |
 * | POST | `/vlr/v1/location-update` | `locationUpdate` |
 * | POST | `/vlr/v1/detach` | `detach` |
 * | POST | `/vlr/v1/calls/originate` | `originateCall` (MO) |
 * | POST | `/vlr/v1/calls/deliver` | `deliverCall` (MT) |
 * | POST | `/vlr/v1/calls/:callId/release` | `releaseCall` |
 * | POST | `/vlr/v1/calls/:callId/handover` | `handover` |
 * | POST | `/vlr/v1/handovers` | `prepareHandover` (VLR to VLR) |
 * | POST | `/vlr/v1/data-sessions` | `openDataSession` |
 * | POST | `/vlr/v1/data-sessions/:sessionId/usage` | `reportDataUsage` |
 * | POST | `/vlr/v1/data-sessions/:sessionId/close` | `closeDataSession` |
 * | POST | `/vlr/v1/short-messages/submit` | `submitShortMessage` (MO) |
 * | POST | `/vlr/v1/short-messages/deliver` | `deliverShortMessage` (MT) |
 * | POST | `/vlr/v1/cancel-location` | `cancelLocation` (from the HLR) |
 */
export const vlrContract = {
  attachRequest: endpoint({
    name: 'vlr.attachRequest',
    method: 'POST',
    path: '/vlr/v1/attach',
    request: AttachRequestSchema,
    response: AuthenticationChallengeSchema,
  }),
  authenticationResponse: endpoint({
    name: 'vlr.authenticationResponse',
    method: 'POST',
    path: '/vlr/v1/attach/:transactionId/response',
    params: z.strictObject({ transactionId: ElementIdSchema }),
    request: ChallengeResponseSchema,
    response: z.discriminatedUnion('kind', [AttachAcceptSchema, AuthenticationChallengeSchema]),
  }),
  locationUpdate: endpoint({
    name: 'vlr.locationUpdate',
    method: 'POST',
    path: '/vlr/v1/location-update',
    request: LocationUpdateRequestSchema,
    response: LocationUpdateAcceptSchema,
  }),
  detach: endpoint({ name: 'vlr.detach', method: 'POST', path: '/vlr/v1/detach', request: DetachRequestSchema, response: DetachAcceptSchema }),
  originateCall: endpoint({
    name: 'vlr.originateCall',
    method: 'POST',
    path: '/vlr/v1/calls/originate',
    request: CallRequestSchema,
    response: CallConnectedSchema,
  }),
  deliverCall: endpoint({
    name: 'vlr.deliverCall',
    method: 'POST',
    path: '/vlr/v1/calls/deliver',
    request: CallRequestSchema,
    response: CallConnectedSchema,
  }),
  releaseCall: endpoint({
    name: 'vlr.releaseCall',
    method: 'POST',
    path: '/vlr/v1/calls/:callId/release',
    params: z.strictObject({ callId: ElementIdSchema }),
    request: z.undefined(),
    response: CallReleasedSchema,
  }),
  handover: endpoint({
    name: 'vlr.handover',
    method: 'POST',
    path: '/vlr/v1/calls/:callId/handover',
    params: z.strictObject({ callId: ElementIdSchema }),
    request: HandoverCommandBodySchema,
    response: HandoverCompleteSchema,
  }),
  prepareHandover: endpoint({
    name: 'vlr.prepareHandover',
    method: 'POST',
    path: '/vlr/v1/handovers',
    request: HandoverRequestSchema,
    response: HandoverAcceptSchema,
  }),
  openDataSession: endpoint({
    name: 'vlr.openDataSession',
    method: 'POST',
    path: '/vlr/v1/data-sessions',
    request: DataSessionRequestSchema,
    response: DataSessionOpenedSchema,
  }),
  reportDataUsage: endpoint({
    name: 'vlr.reportDataUsage',
    method: 'POST',
    path: '/vlr/v1/data-sessions/:sessionId/usage',
    params: z.strictObject({ sessionId: ElementIdSchema }),
    request: DataUsageBodySchema,
    response: DataSessionUsageSchema,
  }),
  closeDataSession: endpoint({
    name: 'vlr.closeDataSession',
    method: 'POST',
    path: '/vlr/v1/data-sessions/:sessionId/close',
    params: z.strictObject({ sessionId: ElementIdSchema }),
    request: DataUsageBodySchema,
    response: DataSessionUsageSchema,
  }),
  submitShortMessage: endpoint({
    name: 'vlr.submitShortMessage',
    method: 'POST',
    path: '/vlr/v1/short-messages/submit',
    request: ShortMessageRequestSchema,
    response: ShortMessageAcceptedSchema,
  }),
  deliverShortMessage: endpoint({
    name: 'vlr.deliverShortMessage',
    method: 'POST',
    path: '/vlr/v1/short-messages/deliver',
    request: ShortMessageRequestSchema,
    response: ShortMessageAcceptedSchema,
  }),
  cancelLocation: endpoint({
    name: 'vlr.cancelLocation',
    method: 'POST',
    path: '/vlr/v1/cancel-location',
    request: CancelLocationRequestSchema,
    response: z.strictObject({ cancelled: z.boolean() }),
  }),
} as const;
