/**
 * The HSS's way to the MMEs it serves: CancelLocation as a CLR and
 * InsertSubscriberData as an IDR, sent on the connection the MME opened
 * (Destination-Host its Origin-Host). It is the HLR's `VisitedNetworkPort`
 * when the home network serves S6a.
 *
 * @module
 */
import { findAvp } from '../../../protocols/diameter/avp-access.js';
import {
  buildCancelLocationRequest,
  buildInsertSubscriberDataRequest,
  parseS6aAnswerResult,
} from '../../../protocols/diameter/s6a/location-management.js';
import { isSuccess } from '../../../protocols/diameter/result-codes.js';
import { BASE } from '../../../protocols/diameter/dictionary-base.js';
import type { SubscriberData, VisitedNetworkPort } from '../../../simulator/signaling/ports.js';
import type { PeerIdentity } from '../capabilities.js';
import { DiameterConnectionError, DiameterResultError } from '../peer-errors.js';
import type { DiameterServer } from '../peer-server.js';
import { SessionIds } from '../session-ids.js';
import { subscriptionDataOf } from './s6a-subscription.js';

/**
 * CLR and IDR towards MMEs, once bound to the HSS's server.
 *
 * @example
 * ```ts
 * const visitedNetworks = new S6aVisitedNetworks();
 * const hlr = new HomeLocationRegister({ plmn: '262-01', agreements, visitedNetworks });
 * await DiameterHss.serve({ hlr, visitedNetworks, identity }); // binds it
 * ```
 */
export class S6aVisitedNetworks implements VisitedNetworkPort {
  readonly #realms = new Map<string, string>();
  #server: DiameterServer | undefined;
  #identity: PeerIdentity | undefined;
  #sessions: SessionIds | undefined;
  readonly #timeoutMs: number | undefined;

  /** @param options `requestTimeoutMs`: Tx of CLR and IDR (the connection's when omitted). */
  constructor(options: { requestTimeoutMs?: number } = {}) {
    this.#timeoutMs = options.requestTimeoutMs;
  }

  /** Sends through `server` as `identity` from now on. */
  bind(server: DiameterServer, identity: PeerIdentity): void {
    this.#server = server;
    this.#identity = identity;
    this.#sessions = new SessionIds(identity.originHost);
  }

  /** Notes the realm of an MME that registered a subscriber (from its ULR). */
  servedBy(originHost: string, originRealm: string): void {
    this.#realms.set(originHost, originRealm);
  }

  /**
   * Sends CLR to the MME `vlrNumber` (its Origin-Host).
   *
   * @throws {DiameterConnectionError} when that MME has no open connection; {@link DiameterResultError} when it refuses.
   */
  async cancelLocation(request: {
    readonly vlrNumber: string;
    readonly imsi: string;
    readonly reason: 'updateProcedure' | 'subscriptionWithdraw';
  }): Promise<void> {
    const { connection, routing } = this.#route(request.vlrNumber, 'send Cancel-Location-Request');
    const type = request.reason === 'updateProcedure' ? 'MME_UPDATE_PROCEDURE' : 'SUBSCRIPTION_WITHDRAWAL';
    const answer = await connection.request(buildCancelLocationRequest(routing, request.imsi, type), this.#options());
    const result = parseS6aAnswerResult(answer, 'Cancel-Location-Answer');
    if (!isSuccess(result)) throw new DiameterResultError('cancel location', request.vlrNumber, result);
  }

  /**
   * Sends IDR with the whole subscription to the MME `vlrNumber`.
   *
   * @throws {DiameterConnectionError} when that MME has no open connection; {@link DiameterResultError} when it refuses.
   */
  async insertSubscriberData(vlrNumber: string, imsi: string, data: SubscriberData): Promise<void> {
    const { connection, routing } = this.#route(vlrNumber, 'send Insert-Subscriber-Data-Request');
    const answer = await connection.request(buildInsertSubscriberDataRequest(routing, imsi, subscriptionDataOf(data)), this.#options());
    const result = parseS6aAnswerResult(answer, 'Insert-Subscriber-Data-Answer');
    if (!isSuccess(result))
      throw new DiameterResultError('insert subscriber data', vlrNumber, result, findAvp(answer.avps, BASE.ErrorMessage)?.data.toString());
  }

  #options(): { timeoutMs?: number } {
    return this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs };
  }

  #route(mme: string, failedTo: string) {
    const connection = this.#server?.connectionTo(mme);
    if (!connection || !this.#identity || !this.#sessions)
      throw new DiameterConnectionError(
        `${failedTo} to ${mme}`,
        this.#server ? 'the MME has no open connection' : 'the HSS is not serving',
      );
    return {
      connection,
      routing: {
        sessionId: this.#sessions.next(),
        originHost: this.#identity.originHost,
        originRealm: this.#identity.originRealm,
        destinationHost: mme,
        destinationRealm: this.#realms.get(mme) ?? connection.peer?.originRealm ?? this.#identity.originRealm,
      },
    };
  }
}
