/**
 * The built-in home HLR served as an HSS over S6a: AIR gets E-UTRAN vectors
 * (KASME bound to the visited network) or UTRAN vectors from the HLR's AuC,
 * ULR registers the MME as the serving node and answers with the
 * Subscription-Data, PUR purges; rejects of the home network become the
 * results of TS 29.272 §7.4. The MME's Origin-Host is the serving node the
 * HLR stores (its "VLR number"), so CancelLocation goes back to that MME as
 * a CLR on the connection it opened.
 *
 * @module
 */
import {
  parseAuthenticationInformationRequest,
  authenticationInfoAvp,
} from '../../../protocols/diameter/s6a/authentication-information.js';
import type { AnswerSpec } from '../../../protocols/diameter/application-message.js';
import { avp, type DiameterMessage } from '../../../protocols/diameter/message.js';
import { ULA_FLAGS, ULR_FLAGS, S6A, S6A_COMMANDS } from '../../../protocols/diameter/dictionary-s6a.js';
import { parsePurgeUeRequest, parseUpdateLocationRequest, type RatType } from '../../../protocols/diameter/s6a/location-management.js';
import { errorMessageAvps, originOf } from '../../../protocols/diameter/application-message.js';
import { s6aAnswer } from '../../../protocols/diameter/s6a/s6a-envelope.js';
import { subscriptionDataAvp, type ApnConfiguration } from '../../../protocols/diameter/s6a/subscription-data.js';
import { encodePlmnId } from '../../../protocols/diameter/tbcd.js';
import { EXPERIMENTAL_RESULT, RESULT_CODE, type DiameterResult } from '../../../protocols/diameter/result-codes.js';
import { VENDOR_3GPP } from '../../../protocols/diameter/dictionary.js';
import { deriveKasme } from '../../../simulator/auth/kasme.js';
import { RejectError } from '../../../simulator/causes.js';
import type { HomeLocationRegister } from '../../../simulator/elements/home-location-register.js';
import type { PeerIdentity } from '../capabilities.js';
import { DiameterServer, type DiameterServerOptions } from '../peer-server.js';
import { resultForRejectCause, type S6aProcedure } from './s6a-results.js';
import { subscriptionDataOf } from './s6a-subscription.js';
import type { S6aVisitedNetworks } from './s6a-visited-networks.js';

/** How the HSS front serves. */
export interface DiameterHssOptions extends Omit<DiameterServerOptions, 'identity' | 'onRequest'> {
  readonly hlr: HomeLocationRegister;
  /** The HSS's own identity; S6a is its application. */
  readonly identity: Omit<PeerIdentity, 'applications'>;
  /** Where CancelLocation and InsertSubscriberData go out; give the same object to the HLR as `visitedNetworks`. */
  readonly visitedNetworks?: S6aVisitedNetworks;
  /** RAT types the HSS allows (all when omitted); a ULR from another gets DIAMETER_ERROR_RAT_NOT_ALLOWED. */
  readonly ratTypes?: readonly RatType[];
  /** Admission control: while it returns true, requests get DIAMETER_TOO_BUSY (3004). */
  readonly busy?: () => boolean;
  /** The APN and bit rates of data subscriptions. */
  readonly apn?: ApnConfiguration;
  readonly ambr?: { readonly uplink: number; readonly downlink: number };
}

/**
 * An HSS over S6a in front of a {@link HomeLocationRegister}.
 *
 * @example
 * ```ts
 * const visitedNetworks = new S6aVisitedNetworks();
 * const hlr = new HomeLocationRegister({ plmn: '262-01', agreements, visitedNetworks });
 * await using hss = await DiameterHss.serve({ hlr, visitedNetworks, identity: { originHost: 'hss.home.example', originRealm: 'home.example' } });
 * ```
 */
export class DiameterHss {
  readonly server: DiameterServer;

  private constructor(server: DiameterServer) {
    this.server = server;
  }

  /** Starts serving on 127.0.0.1 (an ephemeral port unless `port` is given). */
  static async serve(options: DiameterHssOptions): Promise<DiameterHss> {
    const identity: PeerIdentity = { ...options.identity, applications: ['s6a'] };
    const server = await DiameterServer.listen({ ...options, identity, onRequest: (request) => answer(request, identity, options) });
    options.visitedNetworks?.bind(server, identity);
    return new DiameterHss(server);
  }

  get host(): string {
    return this.server.host;
  }

  get port(): number {
    return this.server.port;
  }

  /** Disconnects every MME (DPR) and stops listening. */
  close(): Promise<void> {
    return this.server.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function answer(request: DiameterMessage, identity: PeerIdentity, options: DiameterHssOptions): AnswerSpec {
  const procedure = procedureOf(request.commandCode);
  if (!procedure) return { ...s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_COMMAND_UNSUPPORTED }), error: true };
  if (options.busy?.()) return { ...s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_TOO_BUSY }), error: true };
  try {
    if (procedure === 'authentication') return authenticationInformation(request, identity, options);
    if (procedure === 'update-location') return updateLocation(request, identity, options);
    const { imsi } = parsePurgeUeRequest(request);
    options.hlr.purgeMs({ imsi, vlrNumber: originOf(request, 'Purge-UE-Request').originHost });
    return s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_SUCCESS }, [avp(S6A.PuaFlags, 0)]);
  } catch (error) {
    if (!(error instanceof RejectError)) throw error;
    return failed(request, identity, resultForRejectCause(error.rejectCause, procedure), error.reason);
  }
}

function authenticationInformation(request: DiameterMessage, identity: PeerIdentity, options: DiameterHssOptions): AnswerSpec {
  const air = parseAuthenticationInformationRequest(request);
  const servingNode = originOf(request, 'Authentication-Information-Request').originHost;
  const eutranCount = Math.min(5, air.eutranVectors ?? 0);
  const utranCount = Math.min(5, air.utranVectors ?? 0);
  const resync = air.resync ? { resync: air.resync } : {};
  const eutran = eutranCount ? options.hlr.sendAuthInfo({ imsi: air.imsi, count: eutranCount, ...resync }, servingNode) : [];
  const utran = utranCount
    ? options.hlr.sendAuthInfo({ imsi: air.imsi, count: utranCount, ...(eutranCount ? {} : resync) }, servingNode)
    : [];
  const servingNetwork = encodePlmnId(air.visitedPlmn);
  return s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_SUCCESS }, [
    authenticationInfoAvp({
      eutran: eutran.map((v) => ({
        rand: v.rand,
        xres: v.xres,
        autn: v.autn,
        kasme: deriveKasme(v.ck, v.ik, servingNetwork, v.autn.slice(0, 12)).toString('hex'),
      })),
      utran: utran.map((v) => ({ rand: v.rand, xres: v.xres, autn: v.autn, ck: v.ck, ik: v.ik })),
    }),
  ]);
}

function updateLocation(request: DiameterMessage, identity: PeerIdentity, options: DiameterHssOptions): AnswerSpec {
  const ulr = parseUpdateLocationRequest(request);
  const origin = originOf(request, 'Update-Location-Request');
  if (options.ratTypes && !options.ratTypes.includes(ulr.ratType))
    return failed(
      request,
      identity,
      { code: EXPERIMENTAL_RESULT.DIAMETER_ERROR_RAT_NOT_ALLOWED, vendorId: VENDOR_3GPP },
      `RAT ${ulr.ratType} is not allowed here`,
    );
  const data = options.hlr.updateLocation({
    imsi: ulr.imsi,
    vlrNumber: origin.originHost,
    visitedPlmn: ulr.visitedPlmn as `${string}-${string}`,
  });
  options.visitedNetworks?.servedBy(origin.originHost, origin.originRealm);
  const skip = ((ulr.flags ?? 0) & ULR_FLAGS.skipSubscriberData) !== 0;
  const subscription = subscriptionDataOf(data, {
    ...(options.apn ? { apn: options.apn } : {}),
    ...(options.ambr ? { ambr: options.ambr } : {}),
  });
  return s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_SUCCESS }, [
    avp(S6A.UlaFlags, ULA_FLAGS.separationIndication),
    ...(skip ? [] : [subscriptionDataAvp(subscription)]),
  ]);
}

function failed(request: DiameterMessage, identity: PeerIdentity, result: DiameterResult, reason: string): AnswerSpec {
  return s6aAnswer(request, identity, result, errorMessageAvps(reason));
}

function procedureOf(commandCode: number): S6aProcedure | undefined {
  if (commandCode === S6A_COMMANDS.AuthenticationInformation.code) return 'authentication';
  if (commandCode === S6A_COMMANDS.UpdateLocation.code) return 'update-location';
  if (commandCode === S6A_COMMANDS.PurgeUe.code) return 'purge';
  return undefined;
}
