/**
 * The built-in billing served as an OCS over Gy: each CCR becomes one
 * charging event for the billing state (INITIAL a start, UPDATE an interim,
 * TERMINATION a stop, EVENT a direct debit), with the idempotency key
 * `<session>:<kind>:<CC-Request-Number + 1>`, so a retransmission (T flag,
 * same Session-Id and CC-Request-Number) is billed once and answered as the
 * first time. Prepaid subscribers out of credit get
 * DIAMETER_CREDIT_LIMIT_REACHED (4012).
 *
 * @module
 */
import type { AnswerSpec } from '../../../protocols/diameter/application-message.js';
import { sessionIdOf } from '../../../protocols/diameter/application-message.js';
import {
  buildCreditControlAnswer,
  parseCreditControlRequest,
  type ServiceCreditAnswer,
  type ServiceUnits,
} from '../../../protocols/diameter/gy/credit-control.js';
import { DiameterDecodeError } from '../../../protocols/diameter/errors.js';
import type { DiameterMessage } from '../../../protocols/diameter/message.js';
import { RESULT_CODE, type DiameterResult } from '../../../protocols/diameter/result-codes.js';
import type { ChargingEvent } from '../../../simulator/signaling/ports.js';
import type { PeerIdentity } from '../capabilities.js';
import { DiameterServer, type DiameterServerOptions } from '../peer-server.js';
import { optionalPartOf } from '../session-ids.js';
import { kindOf, plmnOfMccMnc, serviceOf, usageOf, type ChargedService } from './gy-services.js';
import type { PrepaidCredit } from './prepaid-credit.js';

/** Units granted per service unless configured otherwise: 10 minutes, 10 MB. */
export const DEFAULT_GRANTED_UNITS: Readonly<Partial<Record<ChargedService, ServiceUnits>>> = {
  voice: { time: 600 },
  data: { totalOctets: 10_000_000 },
};

/** How the OCS front serves. */
export interface DiameterOcsOptions extends Omit<DiameterServerOptions, 'identity' | 'onRequest'> {
  readonly identity: Omit<PeerIdentity, 'applications'>;
  /**
   * Takes one charging event, once per idempotency key (the billing state's
   * `recordCharge`). Its RoamError codes become results: `ROAM_UNKNOWN_SUBSCRIBER`
   * DIAMETER_USER_UNKNOWN (5030), anything else DIAMETER_UNABLE_TO_COMPLY.
   */
  readonly charge: (event: ChargingEvent) => { readonly duplicate: boolean };
  /** Prepaid balances; every subscriber is postpaid when omitted. */
  readonly credit?: PrepaidCredit;
  /** Units granted at INITIAL and UPDATE, per service. */
  readonly grants?: Partial<Record<ChargedService, ServiceUnits>>;
  /** Admission control: while it returns true, requests get DIAMETER_TOO_BUSY (3004). */
  readonly busy?: () => boolean;
  /** How many answers are kept to repeat to retransmissions (default 100,000). */
  readonly rememberAnswers?: number;
}

interface Outcome {
  readonly result: DiameterResult;
  readonly services: readonly ServiceCreditAnswer[];
  readonly errorMessage?: string;
}

/**
 * An OCS over Gy in front of a billing state.
 *
 * @example
 * ```ts
 * const billing = createBillingState('262-01', agreements);
 * await using ocs = await DiameterOcs.serve({ identity, charge: (event) => recordCharge(billing, event) });
 * ```
 */
export class DiameterOcs {
  readonly server: DiameterServer;
  readonly #answers = new Map<string, Outcome>();

  private constructor(server: DiameterServer) {
    this.server = server;
  }

  /** Starts serving on 127.0.0.1 (an ephemeral port unless `port` is given). */
  static async serve(options: DiameterOcsOptions): Promise<DiameterOcs> {
    const identity: PeerIdentity = { ...options.identity, applications: ['gy'] };
    let ocs: DiameterOcs | undefined;
    const server = await DiameterServer.listen({ ...options, identity, onRequest: (request) => ocs!.#answer(request, identity, options) });
    ocs = new DiameterOcs(server);
    return ocs;
  }

  get host(): string {
    return this.server.host;
  }

  get port(): number {
    return this.server.port;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #answer(request: DiameterMessage, identity: PeerIdentity, options: DiameterOcsOptions): AnswerSpec {
    if (options.busy?.())
      return { ...buildCreditControlAnswer(request, identity, { code: RESULT_CODE.DIAMETER_TOO_BUSY }, []), error: true };
    const ccr = parseCreditControlRequest(request);
    const session = sessionIdOf(request, 'Credit-Control-Request');
    const key = `${session}|${ccr.requestNumber}`;
    let outcome = this.#answers.get(key);
    if (!outcome) {
      outcome = this.#decide(ccr, session, options);
      this.#answers.set(key, outcome);
      if (this.#answers.size > (options.rememberAnswers ?? 100_000)) this.#answers.delete(this.#answers.keys().next().value!);
    }
    return buildCreditControlAnswer(request, identity, outcome.result, outcome.services, outcome.errorMessage);
  }

  #decide(ccr: ReturnType<typeof parseCreditControlRequest>, session: string, options: DiameterOcsOptions): Outcome {
    const service = serviceOf(ccr.serviceContextId);
    if (!service)
      return {
        result: { code: RESULT_CODE.DIAMETER_RATING_FAILED },
        services: [],
        errorMessage: `Service-Context-Id ${ccr.serviceContextId} is not charged here`,
      };
    const visitedPlmn = ccr.sgsnMccMnc === undefined ? undefined : plmnOfMccMnc(ccr.sgsnMccMnc);
    if (!visitedPlmn)
      throw new DiameterDecodeError('Credit-Control-Request', 0, 'no 3GPP-SGSN-MCC-MNC (5 or 6 digits) names the visited network', {
        resultCode: RESULT_CODE.DIAMETER_MISSING_AVP,
      });
    const kind = kindOf(ccr.requestType);
    const billingSession = optionalPartOf(session) ?? session;
    const usage = usageOf(kind === 'event' ? ccr.requested : ccr.used);
    const event: ChargingEvent = {
      idempotencyKey: `${billingSession}:${kind}:${ccr.requestNumber + 1}`,
      kind,
      sessionId: billingSession,
      imsi: ccr.imsi,
      visitedPlmn,
      service,
      at: ccr.eventTimestamp ?? Date.now(),
      ...(usage ? { usage } : {}),
    };
    const group = { ratingGroup: ccr.ratingGroup };
    const credit = options.credit;
    const refused = kind === 'event' ? credit && !credit.canPay(event) : kind === 'start' && credit && !credit.mayUse(event.imsi);
    if (refused)
      return {
        result: { code: RESULT_CODE.DIAMETER_CREDIT_LIMIT_REACHED },
        services: [{ ...group, result: RESULT_CODE.DIAMETER_CREDIT_LIMIT_REACHED }],
      };
    let duplicate: boolean;
    try {
      duplicate = options.charge(event).duplicate;
    } catch (error) {
      const code =
        (error as { code?: string }).code === 'ROAM_UNKNOWN_SUBSCRIBER'
          ? RESULT_CODE.DIAMETER_USER_UNKNOWN
          : RESULT_CODE.DIAMETER_UNABLE_TO_COMPLY;
      return { result: { code }, services: [], errorMessage: error instanceof Error ? error.message : String(error) };
    }
    if (!duplicate) credit?.debit(event);
    const exhausted = credit !== undefined && !credit.mayUse(event.imsi);
    const grant = options.grants?.[service] ?? DEFAULT_GRANTED_UNITS[service];
    const success = RESULT_CODE.DIAMETER_SUCCESS;
    if (kind === 'event')
      return { result: { code: success }, services: [{ ...group, result: success, ...(ccr.requested ? { granted: ccr.requested } : {}) }] };
    if (kind === 'stop') return { result: { code: success }, services: [{ ...group, result: success }] };
    if (exhausted) return { result: { code: success }, services: [{ ...group, result: RESULT_CODE.DIAMETER_CREDIT_LIMIT_REACHED }] };
    return { result: { code: success }, services: [{ ...group, result: success, ...(grant ? { granted: grant } : {}) }] };
  }
}
