import type { AccessPort } from '../../simulator/procedures/attach.js';
import type { AttachAccept, AuthenticationChallenge, ChallengeResponse } from '../../simulator/elements/visitor-location-register.js';
import type { VisitedNetworkPort } from '../../simulator/elements/ports.js';
import { callEndpoint, type ClientOptions } from '../http/client.js';
import { vlrContract as c } from './contract.js';

/**
 * A typed client of the mock VLR's HTTP API: the subscriber's
 * {@link AccessPort} in networked worlds.
 */
export class VlrClient implements AccessPort {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  attachRequest(imsi: string): Promise<AuthenticationChallenge> {
    return callEndpoint(this.#options, c.attachRequest, { imsi });
  }

  authenticationResponse(transactionId: string, answer: ChallengeResponse): Promise<AttachAccept | AuthenticationChallenge> {
    return callEndpoint(this.#options, c.authenticationResponse, answer, { transactionId });
  }

  /** CancelLocation, as the home HLR sends it. Returns whether the VLR had a record. */
  async cancelLocation(imsi: string, reason: 'updateProcedure' | 'subscriptionWithdraw' = 'updateProcedure'): Promise<boolean> {
    return (await callEndpoint(this.#options, c.cancelLocation, { imsi, reason })).cancelled;
  }
}

/**
 * How an HLR reaches VLRs by VLR number: the HLR's {@link VisitedNetworkPort}
 * in networked worlds. VLRs are added as the world starts them.
 */
export class VlrDirectory implements VisitedNetworkPort {
  readonly #byNumber = new Map<string, VlrClient>();

  /** Makes `vlrNumber` reachable through `client`. */
  add(vlrNumber: string, client: VlrClient): void {
    this.#byNumber.set(vlrNumber, client);
  }

  async cancelLocation(request: { vlrNumber: string; imsi: string; reason: 'updateProcedure' | 'subscriptionWithdraw' }): Promise<void> {
    const client = this.#byNumber.get(request.vlrNumber);
    if (!client)
      throw new Error(
        `[roam] Failed to send CancelLocation to VLR ${request.vlrNumber}: no route to it. Add it to the HLR's VLR directory.`,
      );
    await client.cancelLocation(request.imsi, request.reason);
  }
}
