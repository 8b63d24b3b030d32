/**
 * A visited network's {@link HomeNetworkPort} over S6a: the VLR/MME asks an
 * HSS (ours, a user's, or a DEA/DRA in front of one) with AIR, ULR and PUR.
 * Results with a cause of their own become {@link RejectError}s with our
 * reject causes; timeouts, lost connections and results without a cause
 * stay plain errors, which the VLR reports as NETWORK_FAILURE, exactly as
 * for the HTTP and GSUP home networks.
 *
 * @module
 */
import { errorMessageOf, type RequestRouting } from '../../../protocols/diameter/application-message.js';
import {
  buildAuthenticationInformationRequest,
  parseAuthenticationInformationAnswer,
} from '../../../protocols/diameter/s6a/authentication-information.js';
import {
  buildPurgeUeRequest,
  buildUpdateLocationRequest,
  parseS6aAnswerResult,
  parseUpdateLocationAnswer,
  type RatType,
} from '../../../protocols/diameter/s6a/location-management.js';
import { isSuccess, resultName, type DiameterResult } from '../../../protocols/diameter/result-codes.js';
import type { DiameterMessage } from '../../../protocols/diameter/message.js';
import { kcFromCkIk, sresFromRes, type AuthVector } from '../../../simulator/auth/vector.js';
import { RejectError } from '../../../simulator/causes.js';
import type {
  HomeNetworkPort,
  PurgeRequest,
  SendAuthInfoRequest,
  SubscriberData,
  UpdateLocationRequest,
} from '../../../simulator/signaling/ports.js';
import type { PlmnId } from '../../../simulator/plmn.js';
import type { DiameterClient } from '../peer-client.js';
import { DiameterResultError } from '../peer-errors.js';
import { SessionIds } from '../session-ids.js';
import { rejectCauseForResult, type S6aCauseMapping } from './s6a-results.js';
import { subscriberDataOf } from './s6a-subscription.js';

/** An authentication vector from S6a; E-UTRAN vectors carry K_ASME instead of CK, IK and the GSM values (left empty). */
export type S6aAuthVector = AuthVector & { readonly kasme?: string };

/** How the MME side asks the HSS. */
export interface S6aHomeNetworkOptions extends S6aCauseMapping {
  /** The connection to the HSS (or a DRA in front of it). */
  readonly client: DiameterClient;
  /** The MME's own network: AIR needs it for KASME. */
  readonly servingPlmn: PlmnId;
  /** The HSS's realm; the Origin-Realm of its CEA when omitted. */
  readonly destinationRealm?: string;
  /** Set to address one HSS behind a DRA. */
  readonly destinationHost?: string;
  /** Which vectors to ask for: `eutran` (an MME, the default) or `utran` (an SGSN/VLR, with CK and IK). */
  readonly vectors?: 'eutran' | 'utran';
  /** The RAT-Type of ULRs (default EUTRAN). */
  readonly ratType?: RatType;
}

/**
 * The home network of roamers as an HSS over S6a.
 *
 * @example
 * ```ts
 * const hss = new DiameterClient({ host, port, identity: { originHost: 'mme.208-01.example', originRealm: 'epc.208-01.example', applications: ['s6a'] } });
 * const vlr = new VisitorLocationRegister({ ..., homeNetworks: new Map([['262-01', new S6aHomeNetwork({ client: hss, servingPlmn: '208-01' })]]) });
 * ```
 */
export class S6aHomeNetwork implements HomeNetworkPort {
  readonly #options: S6aHomeNetworkOptions;
  readonly #sessions: SessionIds;

  constructor(options: S6aHomeNetworkOptions) {
    this.#options = options;
    this.#sessions = new SessionIds(options.client.options.identity.originHost);
  }

  async sendAuthInfo(request: SendAuthInfoRequest): Promise<S6aAuthVector[]> {
    const count = Math.min(5, Math.max(1, request.count));
    const eutran = (this.#options.vectors ?? 'eutran') === 'eutran';
    const answer = await this.#ask('send auth info', (routing) =>
      buildAuthenticationInformationRequest(routing, {
        imsi: request.imsi,
        visitedPlmn: this.#options.servingPlmn,
        ...(eutran ? { eutranVectors: count } : { utranVectors: count }),
        ...(request.resync ? { resync: request.resync } : {}),
      }),
    );
    const aia = parseAuthenticationInformationAnswer(answer);
    this.#check('send auth info', aia.result, answer, request.resync !== undefined);
    if (eutran)
      return aia.eutran.map((v) => ({ rand: v.rand, xres: v.xres, autn: v.autn, kasme: v.kasme, ck: '', ik: '', sres: '', kc: '' }));
    return aia.utran.map((v) => ({
      ...v,
      sres: sresFromRes(Buffer.from(v.xres, 'hex')).toString('hex'),
      kc: kcFromCkIk(Buffer.from(v.ck, 'hex'), Buffer.from(v.ik, 'hex')).toString('hex'),
    }));
  }

  async updateLocation(request: UpdateLocationRequest): Promise<SubscriberData> {
    const answer = await this.#ask('update location', (routing) =>
      buildUpdateLocationRequest(routing, {
        imsi: request.imsi,
        visitedPlmn: request.visitedPlmn,
        ratType: this.#options.ratType ?? 'EUTRAN',
      }),
    );
    const ula = parseUpdateLocationAnswer(answer);
    this.#check('update location', ula.result, answer);
    if (!ula.subscriptionData?.msisdn)
      throw new RejectError('update location', 'INVALID_MANDATORY_INFO', 'the HSS sent no MSISDN in Subscription-Data');
    return subscriberDataOf(ula.subscriptionData);
  }

  async purgeMs(request: PurgeRequest): Promise<void> {
    const answer = await this.#ask('purge MS', (routing) => buildPurgeUeRequest(routing, request.imsi));
    this.#check('purge MS', parseS6aAnswerResult(answer, 'Purge-UE-Answer'), answer);
  }

  async #ask(procedure: string, build: (routing: RequestRouting) => Parameters<DiameterClient['request']>[0]): Promise<DiameterMessage> {
    const { client } = this.#options;
    await client.connect();
    const destinationRealm = this.#options.destinationRealm ?? client.peer?.originRealm;
    if (!destinationRealm)
      throw new DiameterResultError(procedure, client.address, { code: 3003 }, 'no destination realm: the peer did not say its realm');
    const identity = client.options.identity;
    return client.request(
      build({
        sessionId: this.#sessions.next(),
        originHost: identity.originHost,
        originRealm: identity.originRealm,
        destinationRealm,
        ...(this.#options.destinationHost ? { destinationHost: this.#options.destinationHost } : {}),
      }),
    );
  }

  #check(procedure: string, result: DiameterResult, answer: DiameterMessage, resync = false): void {
    if (isSuccess(result)) return;
    const cause = rejectCauseForResult(result, { ...this.#options, resync });
    const said = errorMessageOf(answer);
    if (cause)
      throw new RejectError(procedure, cause, `the HSS answered ${resultName(result)}${said ? `: ${said.replace(/^\[roam\] /, '')}` : ''}`);
    throw new DiameterResultError(procedure, this.#options.client.peer?.originHost ?? this.#options.client.address, result, said);
  }
}
