/**
 * Credit-Control-Request/Answer (CCR/CCA, RFC 4006 §3.1–3.2) as Gy uses it
 * (TS 32.299 §6.4): INITIAL, UPDATE, TERMINATION and EVENT requests with one
 * Multiple-Services-Credit-Control per rating group, carrying requested,
 * granted and used service units (time, octets, service-specific units),
 * the subscriber as Subscription-Id, and the serving network in
 * Service-Information / PS-Information / 3GPP-SGSN-MCC-MNC.
 *
 * @module
 */
import {
  errorMessageAvps,
  resultAvps,
  type AnswerOrigin,
  type AnswerSpec,
  type RequestRouting,
  type RequestSpec,
} from '../application-message.js';
import { bigNumberOf, childrenOf, findAvp, findAvps, numberOf, requireNumber, requireText, resultOf, textOf } from '../avp-access.js';
import { APPLICATION, BASE } from '../dictionary-base.js';
import {
  CC_REQUEST_TYPE,
  CREDIT_CONTROL as CC,
  CREDIT_CONTROL_COMMANDS,
  GY_3GPP,
  MULTIPLE_SERVICES_INDICATOR,
  REQUESTED_ACTION,
  SUBSCRIPTION_ID_TYPE,
} from '../dictionary-credit-control.js';
import { DiameterDecodeError } from '../errors.js';
import { COMMAND_FLAG, avp, type AnyAvpInput, type DecodedAvp, type DiameterMessage } from '../message.js';
import type { DiameterResult } from '../result-codes.js';

/** CC-Request-Type by name. */
export type CcRequestType = 'initial' | 'update' | 'termination' | 'event';

const REQUEST_TYPE: Record<CcRequestType, number> = {
  initial: CC_REQUEST_TYPE.INITIAL_REQUEST,
  update: CC_REQUEST_TYPE.UPDATE_REQUEST,
  termination: CC_REQUEST_TYPE.TERMINATION_REQUEST,
  event: CC_REQUEST_TYPE.EVENT_REQUEST,
};

/**
 * Service units of a Requested-, Granted- or Used-Service-Unit. An empty one
 * is left out of the message (Wireshark flags an empty grouped AVP).
 */
export interface ServiceUnits {
  /** CC-Time, seconds. */
  readonly time?: number;
  /** CC-Total-Octets. */
  readonly totalOctets?: number;
  /** CC-Service-Specific-Units (e.g. short messages). */
  readonly serviceSpecificUnits?: number;
}

/** A CCR. */
export interface CreditControlRequest {
  /** e.g. `32251@3gpp.org` (PS charging). */
  readonly serviceContextId: string;
  readonly requestType: CcRequestType;
  /** 0 for INITIAL and EVENT, then +1 per request of the session. */
  readonly requestNumber: number;
  readonly imsi: string;
  /** When the usage happened, ms since the epoch (whole seconds on the wire). */
  readonly eventTimestamp?: number;
  readonly ratingGroup: number;
  readonly requested?: ServiceUnits;
  readonly used?: ServiceUnits;
  /** The serving network's MCC and MNC digits, e.g. `20801`. */
  readonly sgsnMccMnc?: string;
}

/** One Multiple-Services-Credit-Control of a CCA. */
export interface ServiceCreditAnswer {
  readonly ratingGroup?: number;
  readonly result?: number;
  readonly granted?: ServiceUnits;
  readonly validityTime?: number;
}

/** A CCA. */
export interface CreditControlAnswer {
  readonly result: DiameterResult;
  readonly requestType: CcRequestType;
  readonly requestNumber: number;
  readonly services: readonly ServiceCreditAnswer[];
}

/** Builds a CCR. `retransmission` sets the T flag (RFC 4006 §5.1: a copy sent after a failover or timeout). */
export function buildCreditControlRequest(routing: RequestRouting, request: CreditControlRequest, retransmission = false): RequestSpec {
  const mscc: AnyAvpInput[] = [];
  if (hasUnits(request.requested)) mscc.push(unitsAvp(CC.RequestedServiceUnit, request.requested));
  if (hasUnits(request.used)) mscc.push(unitsAvp(CC.UsedServiceUnit, request.used));
  mscc.push(avp(CC.RatingGroup, request.ratingGroup));
  return {
    flags: COMMAND_FLAG.request | COMMAND_FLAG.proxiable | (retransmission ? COMMAND_FLAG.retransmitted : 0),
    commandCode: CREDIT_CONTROL_COMMANDS.CreditControl.code,
    applicationId: APPLICATION.creditControl,
    avps: [
      avp(BASE.SessionId, routing.sessionId),
      avp(BASE.OriginHost, routing.originHost),
      avp(BASE.OriginRealm, routing.originRealm),
      avp(BASE.DestinationRealm, routing.destinationRealm),
      avp(BASE.AuthApplicationId, APPLICATION.creditControl),
      avp(CC.ServiceContextId, request.serviceContextId),
      avp(CC.CcRequestType, REQUEST_TYPE[request.requestType]),
      avp(CC.CcRequestNumber, request.requestNumber),
      ...(routing.destinationHost ? [avp(BASE.DestinationHost, routing.destinationHost)] : []),
      ...(request.eventTimestamp === undefined ? [] : [avp(BASE.EventTimestamp, request.eventTimestamp)]),
      avp(CC.SubscriptionId, [avp(CC.SubscriptionIdType, SUBSCRIPTION_ID_TYPE.END_USER_IMSI), avp(CC.SubscriptionIdData, request.imsi)]),
      ...(request.requestType === 'termination' ? [avp(BASE.TerminationCause, 1)] : []),
      ...(request.requestType === 'event' ? [avp(CC.RequestedAction, REQUESTED_ACTION.DIRECT_DEBITING)] : []),
      avp(CC.MultipleServicesIndicator, MULTIPLE_SERVICES_INDICATOR.MULTIPLE_SERVICES_SUPPORTED),
      avp(CC.MultipleServicesCreditControl, mscc),
      ...(request.sgsnMccMnc
        ? [avp(GY_3GPP.ServiceInformation, [avp(GY_3GPP.PsInformation, [avp(GY_3GPP.SgsnMccMnc, request.sgsnMccMnc)])])]
        : []),
    ],
  };
}

/** Reads a CCR (its first Multiple-Services-Credit-Control). @throws {DiameterDecodeError} for a missing or malformed AVP. */
export function parseCreditControlRequest(message: DiameterMessage): CreditControlRequest {
  const where = 'Credit-Control-Request';
  const subscriptions = findAvps(message.avps, CC.SubscriptionId).map((a) => childrenOf(a));
  const byImsi = subscriptions.find((s) => numberOf(s, CC.SubscriptionIdType) === SUBSCRIPTION_ID_TYPE.END_USER_IMSI);
  if (!byImsi)
    throw new DiameterDecodeError(where, 0, 'no Subscription-Id of type END_USER_IMSI', {
      avpCode: CC.SubscriptionId.code,
      resultCode: 5005,
    });
  const mscc = childrenOf(findAvp(message.avps, CC.MultipleServicesCreditControl));
  const requested = findAvp(mscc, CC.RequestedServiceUnit) ?? findAvp(message.avps, CC.RequestedServiceUnit);
  const used = findAvp(mscc, CC.UsedServiceUnit) ?? findAvp(message.avps, CC.UsedServiceUnit);
  const ps = childrenOf(findAvp(childrenOf(findAvp(message.avps, GY_3GPP.ServiceInformation)), GY_3GPP.PsInformation));
  const timestamp = findAvp(message.avps, BASE.EventTimestamp);
  const sgsn = textOf(ps, GY_3GPP.SgsnMccMnc);
  return {
    serviceContextId: requireText(message.avps, CC.ServiceContextId, where),
    requestType: requestTypeOf(requireNumber(message.avps, CC.CcRequestType, where), where),
    requestNumber: requireNumber(message.avps, CC.CcRequestNumber, where),
    imsi: requireText(byImsi, CC.SubscriptionIdData, where),
    ...(timestamp ? { eventTimestamp: numberOf(message.avps, BASE.EventTimestamp)! } : {}),
    ratingGroup: numberOf(mscc, CC.RatingGroup) ?? 0,
    ...(requested ? { requested: unitsOf(requested) } : {}),
    ...(used ? { used: unitsOf(used) } : {}),
    ...(sgsn ? { sgsnMccMnc: sgsn } : {}),
  };
}

/** A CCA to `request` with one Multiple-Services-Credit-Control per entry of `services`. */
export function buildCreditControlAnswer(
  request: DiameterMessage,
  origin: AnswerOrigin,
  result: DiameterResult,
  services: readonly ServiceCreditAnswer[],
  errorMessage?: string,
): AnswerSpec {
  const where = 'Credit-Control-Request';
  return {
    avps: [
      avp(BASE.SessionId, requireText(request.avps, BASE.SessionId, where)),
      ...resultAvps(result),
      avp(BASE.OriginHost, origin.originHost),
      avp(BASE.OriginRealm, origin.originRealm),
      avp(BASE.AuthApplicationId, APPLICATION.creditControl),
      avp(CC.CcRequestType, requireNumber(request.avps, CC.CcRequestType, where)),
      avp(CC.CcRequestNumber, requireNumber(request.avps, CC.CcRequestNumber, where)),
      ...services.map((s) =>
        avp(CC.MultipleServicesCreditControl, [
          ...(hasUnits(s.granted) ? [unitsAvp(CC.GrantedServiceUnit, s.granted)] : []),
          ...(s.ratingGroup === undefined ? [] : [avp(CC.RatingGroup, s.ratingGroup)]),
          ...(s.validityTime === undefined ? [] : [avp(CC.ValidityTime, s.validityTime)]),
          ...(s.result === undefined ? [] : [avp(BASE.ResultCode, s.result)]),
        ]),
      ),
      ...errorMessageAvps(errorMessage),
    ],
  };
}

/** Reads a CCA. */
export function parseCreditControlAnswer(message: DiameterMessage): CreditControlAnswer {
  const where = 'Credit-Control-Answer';
  return {
    result: resultOf(message.avps, where),
    requestType: requestTypeOf(requireNumber(message.avps, CC.CcRequestType, where), where),
    requestNumber: requireNumber(message.avps, CC.CcRequestNumber, where),
    services: findAvps(message.avps, CC.MultipleServicesCreditControl).map((a) => {
      const c = childrenOf(a);
      const granted = findAvp(c, CC.GrantedServiceUnit);
      const ratingGroup = numberOf(c, CC.RatingGroup);
      const result = numberOf(c, BASE.ResultCode);
      const validityTime = numberOf(c, CC.ValidityTime);
      return {
        ...(ratingGroup === undefined ? {} : { ratingGroup }),
        ...(result === undefined ? {} : { result }),
        ...(granted ? { granted: unitsOf(granted) } : {}),
        ...(validityTime === undefined ? {} : { validityTime }),
      };
    }),
  };
}

function requestTypeOf(value: number, where: string): CcRequestType {
  const name = (Object.keys(REQUEST_TYPE) as CcRequestType[]).find((n) => REQUEST_TYPE[n] === value);
  if (!name)
    throw new DiameterDecodeError(where, 0, `CC-Request-Type ${value} is not 1 to 4`, { avpCode: CC.CcRequestType.code, resultCode: 5004 });
  return name;
}

function hasUnits(units: ServiceUnits | undefined): units is ServiceUnits {
  return units !== undefined && (units.time !== undefined || units.totalOctets !== undefined || units.serviceSpecificUnits !== undefined);
}

function unitsAvp(def: typeof CC.RequestedServiceUnit, units: ServiceUnits): AnyAvpInput {
  return avp(def, [
    ...(units.time === undefined ? [] : [avp(CC.CcTime, units.time)]),
    ...(units.totalOctets === undefined ? [] : [avp(CC.CcTotalOctets, units.totalOctets)]),
    ...(units.serviceSpecificUnits === undefined ? [] : [avp(CC.CcServiceSpecificUnits, units.serviceSpecificUnits)]),
  ]);
}

function unitsOf(group: DecodedAvp): ServiceUnits {
  const c = childrenOf(group);
  const time = numberOf(c, CC.CcTime);
  const totalOctets = bigNumberOf(c, CC.CcTotalOctets);
  const serviceSpecificUnits = bigNumberOf(c, CC.CcServiceSpecificUnits);
  return {
    ...(time === undefined ? {} : { time }),
    ...(totalOctets === undefined ? {} : { totalOctets }),
    ...(serviceSpecificUnits === undefined ? {} : { serviceSpecificUnits }),
  };
}
