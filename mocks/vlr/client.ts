import type { z } from 'zod';
import type { HandoverAccept, HandoverPort, HandoverRequest } from '../../simulator/signaling/ports.js';
import type {
  AttachAccept,
  AuthenticationChallenge,
  CallConnected,
  CallReleased,
  CallRequest,
  ChallengeResponse,
  DataSessionOpened,
  DataSessionRequest,
  DataSessionUsage,
  DataUsageReport,
  DetachAccept,
  DetachRequest,
  HandoverCommand,
  HandoverComplete,
  LocationUpdateAccept,
  LocationUpdateRequest,
  ShortMessageAccepted,
  ShortMessageRequest,
} from '../../simulator/signaling/vlr-messages.js';
import type { ServingNetworkPort } from '../../simulator/signaling/serving-network-port.js';
import { callEndpoint, type ClientOptions } from '../http/client.js';
import type { Endpoint } from '../http/endpoint.js';
import { vlrContract as c } from './contract.js';
import { domainErrorOf, type VlrRequestIds } from './vlr-errors.js';

export { VlrDirectory } from './vlr-directory.js';

/**
 * A typed client of the mock VLR's HTTP API. It is the subscriber's
 * {@link ServingNetworkPort} in networked worlds (the procedures of
 * `simulator/procedures` run on it unchanged), another VLR's
 * {@link HandoverPort} (a live call handed over to this VLR), and the home
 * HLR's way to send CancelLocation.
 *
 * Rejects come back as `RejectError`; an unknown transaction, call or data
 * session as the domain's own error class; any other refusal as
 * `ElementRequestError` with the problem details.
 *
 * @example
 * ```ts
 * const visited = new VlrClient({ baseUrl: 'http://127.0.0.1:40123' });
 * const call = await RoamingCall.setUp({ ...context, networks: () => visited, visited: '208-01', otherParty: '+33612345678' });
 * ```
 */
export class VlrClient implements ServingNetworkPort, HandoverPort {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  /** Where this client sends its requests, e.g. `http://127.0.0.1:40123`. */
  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  attachRequest(imsi: string): Promise<AuthenticationChallenge> {
    return this.#call(c.attachRequest, { imsi });
  }

  authenticationResponse(transactionId: string, answer: ChallengeResponse): Promise<AttachAccept | AuthenticationChallenge> {
    return this.#call(c.authenticationResponse, answer, { transactionId });
  }

  locationUpdate(request: LocationUpdateRequest): Promise<LocationUpdateAccept> {
    return this.#call(c.locationUpdate, request);
  }

  detach(request: DetachRequest): Promise<DetachAccept> {
    return this.#call(c.detach, request);
  }

  originateCall(request: CallRequest): Promise<CallConnected> {
    return this.#call(c.originateCall, request);
  }

  deliverCall(request: CallRequest): Promise<CallConnected> {
    return this.#call(c.deliverCall, request);
  }

  releaseCall(callId: string): Promise<CallReleased> {
    return this.#call(c.releaseCall, undefined, { callId });
  }

  handover(command: HandoverCommand): Promise<HandoverComplete> {
    return this.#call(c.handover, { targetPlmn: command.targetPlmn }, { callId: command.callId });
  }

  /** The target side of a handover, as the serving VLR asks it. */
  prepareHandover(request: HandoverRequest): Promise<HandoverAccept> {
    return this.#call(c.prepareHandover, request);
  }

  openDataSession(request: DataSessionRequest): Promise<DataSessionOpened> {
    return this.#call(c.openDataSession, request);
  }

  reportDataUsage(report: DataUsageReport): Promise<DataSessionUsage> {
    return this.#call(c.reportDataUsage, { bytesUp: report.bytesUp, bytesDown: report.bytesDown }, { sessionId: report.sessionId });
  }

  closeDataSession(report: DataUsageReport): Promise<DataSessionUsage> {
    return this.#call(c.closeDataSession, { bytesUp: report.bytesUp, bytesDown: report.bytesDown }, { sessionId: report.sessionId });
  }

  submitShortMessage(request: ShortMessageRequest): Promise<ShortMessageAccepted> {
    return this.#call(c.submitShortMessage, request);
  }

  deliverShortMessage(request: ShortMessageRequest): Promise<ShortMessageAccepted> {
    return this.#call(c.deliverShortMessage, request);
  }

  /** CancelLocation, as the home HLR sends it. Returns whether the VLR had a record. */
  async cancelLocation(imsi: string, reason: 'updateProcedure' | 'subscriptionWithdraw' = 'updateProcedure'): Promise<boolean> {
    return (await this.#call(c.cancelLocation, { imsi, reason })).cancelled;
  }

  // Path params are the ids a domain error names, so they rebuild it.
  async #call<Req extends z.ZodType, Res extends z.ZodType>(
    endpoint: Endpoint<Req, Res>,
    body: z.input<Req>,
    params?: VlrRequestIds & Readonly<Record<string, string>>,
  ): Promise<z.output<Res>> {
    try {
      return await callEndpoint(this.#options, endpoint, body, params);
    } catch (error) {
      throw domainErrorOf(error, params ?? {}, `the VLR at ${this.#options.baseUrl}`);
    }
  }
}
