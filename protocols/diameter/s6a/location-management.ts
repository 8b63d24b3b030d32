/**
 * The location management and subscriber data procedures of S6a (TS 29.272
 * §5.2.1, §5.2.2, §7.2.3–7.2.16): Update-Location (ULR/ULA) from the MME
 * registering a subscriber, Cancel-Location (CLR/CLA) from the HSS to the
 * old MME, Purge-UE (PUR/PUA) from an MME that dropped the subscriber, and
 * Insert-Subscriber-Data (IDR/IDA) from the HSS when the subscription
 * changes.
 *
 * @module
 */
import type { RequestRouting, RequestSpec } from '../application-message.js';
import { numberOf, requireAvp, requireNumber } from '../avp-access.js';
import { BASE } from '../dictionary-base.js';
import { CANCELLATION_TYPE, RAT_TYPE, S6A, S6A_COMMANDS, ULR_FLAGS } from '../dictionary-s6a.js';
import { DiameterDecodeError } from '../errors.js';
import { avp, type DiameterMessage } from '../message.js';
import type { DiameterResult } from '../result-codes.js';
import { decodePlmnId, encodePlmnId } from '../tbcd.js';
import { imsiOf, s6aRequest, s6aResultOf } from './s6a-envelope.js';
import { parseSubscriptionData, subscriptionDataAvp, type SubscriptionData } from './subscription-data.js';

/** A RAT-Type by name. */
export type RatType = keyof typeof RAT_TYPE;

/** What a ULR asks. */
export interface UpdateLocationRequest {
  readonly imsi: string;
  /** `MCC-MNC` of the MME's network. */
  readonly visitedPlmn: string;
  readonly ratType: RatType;
  /** ULR-Flags bits ({@link ULR_FLAGS}); S6a-indicator and initial attach when omitted. */
  readonly flags?: number;
}

/** What a ULA carries. */
export interface UpdateLocationAnswer {
  readonly result: DiameterResult;
  readonly flags: number;
  readonly subscriptionData: SubscriptionData | undefined;
}

/** Why an HSS cancels a location. */
export type CancellationType = keyof typeof CANCELLATION_TYPE;

/** Builds a ULR. */
export function buildUpdateLocationRequest(routing: RequestRouting, request: UpdateLocationRequest): RequestSpec {
  return s6aRequest(S6A_COMMANDS.UpdateLocation, routing, [
    avp(BASE.UserName, request.imsi),
    avp(S6A.RatType, RAT_TYPE[request.ratType]),
    avp(S6A.UlrFlags, request.flags ?? ULR_FLAGS.s6aIndicator | ULR_FLAGS.initialAttach),
    avp(S6A.VisitedPlmnId, encodePlmnId(request.visitedPlmn)),
  ]);
}

/** Reads a ULR. @throws {DiameterDecodeError} for a missing or malformed AVP. */
export function parseUpdateLocationRequest(message: DiameterMessage): UpdateLocationRequest {
  const where = 'Update-Location-Request';
  const rat = requireNumber(message.avps, S6A.RatType, where);
  const ratType = (Object.keys(RAT_TYPE) as RatType[]).find((name) => RAT_TYPE[name] === rat);
  if (!ratType)
    throw new DiameterDecodeError(where, 0, `RAT-Type ${rat} is not one this HSS knows`, {
      avpCode: S6A.RatType.code,
      vendorId: S6A.RatType.vendorId,
      resultCode: 5004,
    });
  return {
    imsi: imsiOf(message, where),
    visitedPlmn: decodePlmnId(requireAvp(message.avps, S6A.VisitedPlmnId, where).data),
    ratType,
    flags: requireNumber(message.avps, S6A.UlrFlags, where),
  };
}

/** Reads a ULA. */
export function parseUpdateLocationAnswer(message: DiameterMessage): UpdateLocationAnswer {
  return {
    result: s6aResultOf(message, 'Update-Location-Answer'),
    flags: numberOf(message.avps, S6A.UlaFlags) ?? 0,
    subscriptionData: parseSubscriptionData(message.avps),
  };
}

/** Builds a CLR to the MME named by `routing.destinationHost`. */
export function buildCancelLocationRequest(
  routing: RequestRouting & { destinationHost: string },
  imsi: string,
  type: CancellationType,
): RequestSpec {
  return s6aRequest(S6A_COMMANDS.CancelLocation, routing, [avp(BASE.UserName, imsi), avp(S6A.CancellationType, CANCELLATION_TYPE[type])]);
}

/** Reads a CLR. @throws {DiameterDecodeError} for a missing or unknown Cancellation-Type. */
export function parseCancelLocationRequest(message: DiameterMessage): {
  readonly imsi: string;
  readonly cancellationType: CancellationType;
} {
  const where = 'Cancel-Location-Request';
  const value = requireNumber(message.avps, S6A.CancellationType, where);
  const cancellationType = (Object.keys(CANCELLATION_TYPE) as CancellationType[]).find((name) => CANCELLATION_TYPE[name] === value);
  if (!cancellationType)
    throw new DiameterDecodeError(where, 0, `Cancellation-Type ${value} is not defined`, {
      avpCode: S6A.CancellationType.code,
      vendorId: S6A.CancellationType.vendorId,
      resultCode: 5004,
    });
  return { imsi: imsiOf(message, where), cancellationType };
}

/** Builds a PUR. */
export function buildPurgeUeRequest(routing: RequestRouting, imsi: string): RequestSpec {
  return s6aRequest(S6A_COMMANDS.PurgeUe, routing, [avp(BASE.UserName, imsi), avp(S6A.PurFlags, 0)]);
}

/** Reads a PUR. */
export function parsePurgeUeRequest(message: DiameterMessage): { readonly imsi: string } {
  return { imsi: imsiOf(message, 'Purge-UE-Request') };
}

/** Builds an IDR to the MME named by `routing.destinationHost`, with the whole subscription. */
export function buildInsertSubscriberDataRequest(
  routing: RequestRouting & { destinationHost: string },
  imsi: string,
  data: SubscriptionData,
): RequestSpec {
  return s6aRequest(S6A_COMMANDS.InsertSubscriberData, routing, [
    avp(BASE.UserName, imsi),
    subscriptionDataAvp(data),
    avp(S6A.IdrFlags, 0),
  ]);
}

/** Reads an IDR. @throws {DiameterDecodeError} 5005 when Subscription-Data is missing. */
export function parseInsertSubscriberDataRequest(message: DiameterMessage): {
  readonly imsi: string;
  readonly subscriptionData: SubscriptionData;
} {
  const where = 'Insert-Subscriber-Data-Request';
  requireAvp(message.avps, S6A.SubscriptionData, where);
  return { imsi: imsiOf(message, where), subscriptionData: parseSubscriptionData(message.avps)! };
}

/** Reads the result of any S6a answer (CLA, PUA, IDA). */
export function parseS6aAnswerResult(message: DiameterMessage, where: string): DiameterResult {
  return s6aResultOf(message, where);
}
