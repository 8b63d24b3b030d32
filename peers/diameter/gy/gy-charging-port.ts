/**
 * A VLR's {@link ChargingPort} over Gy: each charging event is one CCR to
 * the OCS, with the failure handling of RFC 4006 §5.5 and §7: a request
 * with no answer within Tx, a lost connection, or DIAMETER_UNABLE_TO_DELIVER
 * / DIAMETER_TOO_BUSY fails over to the next OCS with the T flag set, and
 * the session stays with the OCS that answered. An event sent again (the
 * charging sender's retry) goes out with the same Session-Id,
 * CC-Request-Number and End-to-End id and the T flag, so the OCS bills it
 * once.
 *
 * @module
 */
import type { CcRequestType } from '../../../protocols/diameter/gy/credit-control.js';
import { buildCreditControlRequest, parseCreditControlAnswer } from '../../../protocols/diameter/gy/credit-control.js';
import { errorMessageOf } from '../../../protocols/diameter/application-message.js';
import { RESULT_CODE, isSuccess } from '../../../protocols/diameter/result-codes.js';
import { resultOf } from '../../../protocols/diameter/avp-access.js';
import type { DiameterMessage } from '../../../protocols/diameter/message.js';
import type { ChargingEvent, ChargingPort } from '../../../simulator/signaling/ports.js';
import { nextEndToEndId } from '../base-messages.js';
import type { DiameterClient } from '../peer-client.js';
import { DiameterConnectionError, DiameterResultError, DiameterTimeoutError } from '../peer-errors.js';
import { SessionIds } from '../session-ids.js';
import { CreditLimitReachedError } from './gy-errors.js';
import {
  DEFAULT_RATING_GROUPS,
  DEFAULT_REQUESTED_UNITS,
  SERVICE_CONTEXT_IDS,
  mccMncOf,
  requestTypeOf,
  unitsOf,
  type ChargedService,
} from './gy-services.js';

/** How the charging client talks to its OCSs. */
export interface GyChargingPortOptions {
  /** The primary OCS first, then the ones to fail over to. */
  readonly peers: readonly DiameterClient[];
  /** The OCS realm; the Origin-Realm of each peer's CEA when omitted. */
  readonly destinationRealm?: string;
  /** Tx: how long one attempt waits for its answer (default 5 s). */
  readonly txTimeoutMs?: number;
  readonly ratingGroups?: Partial<Record<ChargedService, number>>;
  /** Called when the OCS granted no more units for a session (DIAMETER_CREDIT_LIMIT_REACHED on an UPDATE). */
  readonly onCreditLimitReached?: (event: ChargingEvent) => void;
  /** Sent requests remembered for retransmission (default 100,000). */
  readonly remember?: number;
}

interface SessionState {
  readonly sessionId: string;
  nextNumber: number;
  /** Index of the peer the session is with. */
  peer: number;
}

interface Sent {
  readonly sessionId: string;
  readonly requestNumber: number;
  readonly endToEndId: number;
}

/**
 * Online charging over Gy.
 *
 * @example
 * ```ts
 * const ocs = [primary, secondary].map((o) => new DiameterClient({ host: o.host, port: o.port, identity: { originHost: 'msc.208-01.example', originRealm: '208-01.example', applications: ['gy'] } }));
 * const charging = new GyChargingPort({ peers: ocs, txTimeoutMs: 2_000 });
 * ```
 */
export class GyChargingPort implements ChargingPort {
  readonly #options: GyChargingPortOptions;
  readonly #ids: SessionIds;
  readonly #sessions = new Map<string, SessionState>();
  readonly #sent = new Map<string, Sent>();

  constructor(options: GyChargingPortOptions) {
    if (options.peers.length === 0) throw new DiameterConnectionError('create a Gy charging client', 'no OCS peer was given');
    this.#options = options;
    this.#ids = new SessionIds(options.peers[0]!.options.identity.originHost);
  }

  /**
   * Sends one event as a CCR and waits for the OCS.
   *
   * @throws {CreditLimitReachedError} when the OCS refuses a start or an event for credit.
   * @throws {DiameterTimeoutError} / {@link DiameterConnectionError} when no OCS answered.
   * @throws {DiameterResultError} for another failed result.
   */
  async record(event: ChargingEvent): Promise<void> {
    const session = this.#sessionOf(event.sessionId);
    const previous = this.#sent.get(event.idempotencyKey);
    const sent: Sent = previous ?? { sessionId: session.sessionId, requestNumber: session.nextNumber++, endToEndId: nextEndToEndId() };
    if (!previous) this.#remember(event.idempotencyKey, sent);
    const requestType = requestTypeOf(event.kind);
    const answer = await this.#send(event, sent, requestType, session, previous !== undefined);
    const result = resultOf(answer.avps, 'Credit-Control-Answer');
    const refused = result.code === RESULT_CODE.DIAMETER_CREDIT_LIMIT_REACHED && !result.vendorId;
    if (refused && (requestType === 'initial' || requestType === 'event')) throw new CreditLimitReachedError(event.service, event.kind);
    // On an UPDATE or TERMINATION the used units were still debited (RFC 4006 §9.1): only no more are granted.
    if (refused) return this.#ended(event, requestType, true);
    if (!isSuccess(result))
      throw new DiameterResultError(`charge ${event.kind} of ${event.service}`, 'the OCS', result, errorMessageOf(answer));
    this.#ended(
      event,
      requestType,
      parseCreditControlAnswer(answer).services.some((s) => s.result === RESULT_CODE.DIAMETER_CREDIT_LIMIT_REACHED),
    );
  }

  #ended(event: ChargingEvent, requestType: CcRequestType, creditLimitReached: boolean): void {
    if (creditLimitReached) this.#options.onCreditLimitReached?.(event);
    if (requestType === 'termination' || requestType === 'event') this.#sessions.delete(event.sessionId);
  }

  async #send(
    event: ChargingEvent,
    sent: Sent,
    requestType: CcRequestType,
    session: SessionState,
    retransmission: boolean,
  ): Promise<DiameterMessage> {
    const peers = this.#options.peers;
    let lastError: unknown;
    for (let attempt = 0; attempt < peers.length; attempt++) {
      const index = (session.peer + attempt) % peers.length;
      const client = peers[index]!;
      try {
        const answer = await this.#attempt(client, event, sent, requestType, retransmission || attempt > 0);
        const result = resultCode(answer);
        if (result === RESULT_CODE.DIAMETER_UNABLE_TO_DELIVER || result === RESULT_CODE.DIAMETER_TOO_BUSY) {
          lastError = new DiameterResultError(`charge ${event.kind} of ${event.service}`, client.address, { code: result });
          continue;
        }
        session.peer = index;
        return answer;
      } catch (error) {
        if (!(error instanceof DiameterTimeoutError || error instanceof DiameterConnectionError)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  async #attempt(
    client: DiameterClient,
    event: ChargingEvent,
    sent: Sent,
    requestType: CcRequestType,
    retransmission: boolean,
  ): Promise<DiameterMessage> {
    const timeoutMs = this.#options.txTimeoutMs ?? 5_000;
    await withTimeout(client.connect(), timeoutMs, () => new DiameterTimeoutError('CER', client.address, timeoutMs));
    const identity = client.options.identity;
    const destinationRealm = this.#options.destinationRealm ?? client.peer?.originRealm ?? identity.originRealm;
    const usage = unitsOf(event.usage);
    const requested = requestType === 'event' ? usage : requestType === 'termination' ? undefined : DEFAULT_REQUESTED_UNITS[event.service];
    const spec = buildCreditControlRequest(
      { sessionId: sent.sessionId, originHost: identity.originHost, originRealm: identity.originRealm, destinationRealm },
      {
        serviceContextId: SERVICE_CONTEXT_IDS[event.service],
        requestType,
        requestNumber: sent.requestNumber,
        imsi: event.imsi,
        eventTimestamp: event.at,
        ratingGroup: this.#options.ratingGroups?.[event.service] ?? DEFAULT_RATING_GROUPS[event.service],
        ...(requested ? { requested } : {}),
        ...(requestType !== 'event' && usage ? { used: usage } : {}),
        sgsnMccMnc: mccMncOf(event.visitedPlmn),
      },
      retransmission,
    );
    return client.request(spec, { timeoutMs, endToEndId: sent.endToEndId });
  }

  #sessionOf(sessionId: string): SessionState {
    let session = this.#sessions.get(sessionId);
    if (!session) {
      session = { sessionId: this.#ids.next(sessionId), nextNumber: 0, peer: 0 };
      this.#sessions.set(sessionId, session);
      this.#trim(this.#sessions);
    }
    return session;
  }

  #remember(key: string, sent: Sent): void {
    this.#sent.set(key, sent);
    this.#trim(this.#sent);
  }

  #trim(map: Map<string, unknown>): void {
    if (map.size > (this.#options.remember ?? 100_000)) map.delete(map.keys().next().value!);
  }
}

function resultCode(answer: DiameterMessage): number | undefined {
  try {
    const result = resultOf(answer.avps, 'Credit-Control-Answer');
    return result.vendorId ? undefined : result.code;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
