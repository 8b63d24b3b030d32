/**
 * Authentication-Information-Request/Answer (AIR/AIA, TS 29.272 §5.2.3.1,
 * §7.2.5–7.2.6): the MME asks the HSS for E-UTRAN vectors (RAND, XRES,
 * AUTN, KASME) or UTRAN vectors (RAND, XRES, AUTN, CK, IK), optionally
 * after a SIM's resynchronisation (RAND || AUTS).
 *
 * @module
 */
import type { RequestRouting, RequestSpec } from '../application-message.js';
import { bytesOf, childrenOf, findAvp, findAvps, numberOf, requireAvp } from '../avp-access.js';
import { S6A, S6A_COMMANDS } from '../dictionary-s6a.js';
import { BASE } from '../dictionary-base.js';
import { DiameterDecodeError } from '../errors.js';
import { avp, type AnyAvpInput, type DecodedAvp, type DiameterMessage } from '../message.js';
import type { DiameterResult } from '../result-codes.js';
import { decodePlmnId, encodePlmnId } from '../tbcd.js';
import { imsiOf, s6aRequest, s6aResultOf } from './s6a-envelope.js';

/** What an AIR asks for. Hex strings throughout. */
export interface AuthenticationInformationRequest {
  readonly imsi: string;
  /** The serving network, `MCC-MNC`: KASME is bound to it. */
  readonly visitedPlmn: string;
  /** E-UTRAN vectors wanted (1 to 5), if any. */
  readonly eutranVectors?: number;
  /** UTRAN vectors wanted (1 to 5), if any. */
  readonly utranVectors?: number;
  /** The SIM's resynchronisation: the RAND it refused and its AUTS. */
  readonly resync?: { readonly rand: string; readonly auts: string };
}

/** An E-UTRAN authentication vector (TS 33.401 §6.1.1), hex. */
export interface EutranVector {
  readonly rand: string;
  readonly xres: string;
  readonly autn: string;
  readonly kasme: string;
}

/** A UTRAN authentication vector (quintet), hex. */
export interface UtranVector {
  readonly rand: string;
  readonly xres: string;
  readonly autn: string;
  readonly ck: string;
  readonly ik: string;
}

/** What an AIA carries. */
export interface AuthenticationInformationAnswer {
  readonly result: DiameterResult;
  readonly eutran: readonly EutranVector[];
  readonly utran: readonly UtranVector[];
}

const WHERE = 'Authentication-Information-Request';

/** Builds an AIR. */
export function buildAuthenticationInformationRequest(routing: RequestRouting, request: AuthenticationInformationRequest): RequestSpec {
  const resync = request.resync ? [avp(S6A.ReSynchronizationInfo, Buffer.from(request.resync.rand + request.resync.auts, 'hex'))] : [];
  const wantsEutran = (request.eutranVectors ?? 0) > 0;
  const body: AnyAvpInput[] = [avp(BASE.UserName, request.imsi)];
  if (wantsEutran) {
    body.push(
      avp(S6A.RequestedEutranAuthenticationInfo, [
        avp(S6A.NumberOfRequestedVectors, request.eutranVectors!),
        avp(S6A.ImmediateResponsePreferred, 1),
        ...resync,
      ]),
    );
  }
  if ((request.utranVectors ?? 0) > 0) {
    body.push(
      avp(S6A.RequestedUtranGeranAuthenticationInfo, [
        avp(S6A.NumberOfRequestedVectors, request.utranVectors!),
        avp(S6A.ImmediateResponsePreferred, 1),
        ...(wantsEutran ? [] : resync),
      ]),
    );
  }
  body.push(avp(S6A.VisitedPlmnId, encodePlmnId(request.visitedPlmn)));
  return s6aRequest(S6A_COMMANDS.AuthenticationInformation, routing, body);
}

/** Reads an AIR. @throws {DiameterDecodeError} for a missing or malformed AVP (with the result code to answer). */
export function parseAuthenticationInformationRequest(message: DiameterMessage): AuthenticationInformationRequest {
  const eutran = childrenOf(findAvp(message.avps, S6A.RequestedEutranAuthenticationInfo));
  const utran = childrenOf(findAvp(message.avps, S6A.RequestedUtranGeranAuthenticationInfo));
  const resyncBytes = bytesOf(eutran, S6A.ReSynchronizationInfo) ?? bytesOf(utran, S6A.ReSynchronizationInfo);
  if (resyncBytes && resyncBytes.length !== 30)
    throw new DiameterDecodeError(WHERE, 0, `Re-Synchronization-Info is ${resyncBytes.length} bytes, not 30 (RAND 16, AUTS 14)`, {
      avpCode: S6A.ReSynchronizationInfo.code,
      vendorId: S6A.ReSynchronizationInfo.vendorId,
      resultCode: 5014,
    });
  const eutranCount = findAvp(message.avps, S6A.RequestedEutranAuthenticationInfo)
    ? (numberOf(eutran, S6A.NumberOfRequestedVectors) ?? 1)
    : 0;
  const utranCount = findAvp(message.avps, S6A.RequestedUtranGeranAuthenticationInfo)
    ? (numberOf(utran, S6A.NumberOfRequestedVectors) ?? 1)
    : 0;
  return {
    imsi: imsiOf(message, WHERE),
    visitedPlmn: decodePlmnId(requireAvp(message.avps, S6A.VisitedPlmnId, WHERE).data),
    ...(eutranCount ? { eutranVectors: eutranCount } : {}),
    ...(utranCount ? { utranVectors: utranCount } : {}),
    ...(resyncBytes
      ? { resync: { rand: resyncBytes.subarray(0, 16).toString('hex'), auts: resyncBytes.subarray(16).toString('hex') } }
      : {}),
  };
}

/** The Authentication-Info AVP of an AIA, with Item-Numbers from 1. */
export function authenticationInfoAvp(vectors: { eutran?: readonly EutranVector[]; utran?: readonly UtranVector[] }): AnyAvpInput {
  const hex = (text: string) => Buffer.from(text, 'hex');
  return avp(S6A.AuthenticationInfo, [
    ...(vectors.eutran ?? []).map((v, i) =>
      avp(S6A.EutranVector, [
        avp(S6A.ItemNumber, i + 1),
        avp(S6A.Rand, hex(v.rand)),
        avp(S6A.Xres, hex(v.xres)),
        avp(S6A.Autn, hex(v.autn)),
        avp(S6A.Kasme, hex(v.kasme)),
      ]),
    ),
    ...(vectors.utran ?? []).map((v, i) =>
      avp(S6A.UtranVector, [
        avp(S6A.ItemNumber, i + 1),
        avp(S6A.Rand, hex(v.rand)),
        avp(S6A.Xres, hex(v.xres)),
        avp(S6A.Autn, hex(v.autn)),
        avp(S6A.ConfidentialityKey, hex(v.ck)),
        avp(S6A.IntegrityKey, hex(v.ik)),
      ]),
    ),
  ]);
}

/** Reads an AIA: its result and vectors, in Item-Number order. */
export function parseAuthenticationInformationAnswer(message: DiameterMessage): AuthenticationInformationAnswer {
  const where = 'Authentication-Information-Answer';
  const info = childrenOf(findAvp(message.avps, S6A.AuthenticationInfo));
  const field = (children: readonly DecodedAvp[], def: (typeof S6A)[keyof typeof S6A]) =>
    requireAvp(children, def, where).data.toString('hex');
  const ordered = (list: DecodedAvp[]) =>
    list.map((a) => a.children ?? []).sort((a, b) => (numberOf(a, S6A.ItemNumber) ?? 0) - (numberOf(b, S6A.ItemNumber) ?? 0));
  return {
    result: s6aResultOf(message, where),
    eutran: ordered(findAvps(info, S6A.EutranVector)).map((c) => ({
      rand: field(c, S6A.Rand),
      xres: field(c, S6A.Xres),
      autn: field(c, S6A.Autn),
      kasme: field(c, S6A.Kasme),
    })),
    utran: ordered(findAvps(info, S6A.UtranVector)).map((c) => ({
      rand: field(c, S6A.Rand),
      xres: field(c, S6A.Xres),
      autn: field(c, S6A.Autn),
      ck: field(c, S6A.ConfidentialityKey),
      ik: field(c, S6A.IntegrityKey),
    })),
  };
}
