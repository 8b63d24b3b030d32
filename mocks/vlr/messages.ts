import { z } from 'zod';
import { MAX_SMS_SEGMENTS } from '../../simulator/elements/vlr-short-messages.js';
import {
  DialledNumberSchema,
  ElementIdSchema,
  HexSchema,
  ImsiSchema,
  MsisdnSchema,
  PlmnIdSchema,
  SignalingStepSchema,
} from '../http/schemas.js';

/**
 * The VLR's messages on the wire: one zod schema per type of
 * `simulator/signaling/vlr-messages.ts` and of the handover types of
 * `simulator/signaling/ports.ts`, strict, so an unknown field is refused.
 * `messages.types.test.ts` checks at compile time that each one is exactly
 * its domain type.
 *
 * @module
 */

const Steps = z.array(SignalingStepSchema).max(1_000).readonly();
const CallDirectionSchema = z.enum(['mo', 'mt']);
const ByteCount = z.number().int('expected a whole number of bytes').min(0).max(Number.MAX_SAFE_INTEGER);

/** An attach request: the phone's IMSI (`AccessPort.attachRequest`). */
export const AttachRequestSchema = z.strictObject({ imsi: ImsiSchema });

/** `AuthenticationChallenge` */
export const AuthenticationChallengeSchema = z.strictObject({
  kind: z.literal('challenge'),
  transactionId: ElementIdSchema,
  rand: HexSchema(16),
  autn: HexSchema(16),
  steps: Steps,
});

/** `AttachAccept` */
export const AttachAcceptSchema = z.strictObject({
  kind: z.literal('accept'),
  transactionId: ElementIdSchema,
  msisdn: MsisdnSchema,
  steps: Steps,
});

/** `ChallengeResponse` */
export const ChallengeResponseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('response'), res: z.string().regex(/^[0-9a-fA-F]{8,32}$/, 'expected RES: 8 to 32 hex digits') }),
  z.strictObject({ kind: z.literal('sync-failure'), auts: HexSchema(14) }),
  z.strictObject({ kind: z.literal('mac-failure') }),
]);

/** `LocationUpdateRequest` */
export const LocationUpdateRequestSchema = z.strictObject({
  imsi: ImsiSchema,
  kind: z.enum(['periodic', 'moving']),
  lac: z.number().int('expected a whole location area code').min(0).max(0xffff).optional(),
});

/** `LocationUpdateAccept` */
export const LocationUpdateAcceptSchema = z.strictObject({
  kind: z.literal('location-updated'),
  lac: z.number().int().min(0).max(0xffff),
  steps: Steps,
});

/** `DetachRequest` */
export const DetachRequestSchema = z.strictObject({ imsi: ImsiSchema });

/** `DetachAccept` */
export const DetachAcceptSchema = z.strictObject({
  kind: z.literal('detached'),
  closedSessions: z.number().int().min(0),
  steps: Steps,
});

/** `CallRequest` */
export const CallRequestSchema = z.strictObject({ imsi: ImsiSchema, otherParty: DialledNumberSchema });

/** `CallConnected` */
export const CallConnectedSchema = z.strictObject({
  kind: z.literal('connected'),
  callId: ElementIdSchema,
  legId: ElementIdSchema,
  direction: CallDirectionSchema,
  steps: Steps,
});

/** `CallReleased` */
export const CallReleasedSchema = z.strictObject({
  kind: z.literal('released'),
  callId: ElementIdSchema,
  legId: ElementIdSchema,
  seconds: z.number().min(0),
  steps: Steps,
});

/** `HandoverCommand` without its `callId`, which is in the path. */
export const HandoverCommandBodySchema = z.strictObject({ targetPlmn: PlmnIdSchema });

/** `HandoverComplete` */
export const HandoverCompleteSchema = z.strictObject({
  kind: z.literal('handed-over'),
  callId: ElementIdSchema,
  fromPlmn: PlmnIdSchema,
  toPlmn: PlmnIdSchema,
  closedLegId: ElementIdSchema,
  closedLegSeconds: z.number().min(0),
  legId: ElementIdSchema,
  steps: Steps,
});

/** `HandoverRequest` (VLR to VLR) */
export const HandoverRequestSchema = z.strictObject({
  imsi: ImsiSchema,
  msisdn: MsisdnSchema,
  callId: ElementIdSchema,
  leg: z.number().int('expected a whole leg number').min(1).max(1_000),
  direction: CallDirectionSchema,
  otherParty: DialledNumberSchema,
  fromPlmn: PlmnIdSchema,
});

/** `HandoverAccept` (VLR to VLR) */
export const HandoverAcceptSchema = z.strictObject({
  legId: ElementIdSchema,
  vlrNumber: z.string().min(1).max(32),
  plmn: PlmnIdSchema,
  steps: Steps.optional(),
});

/** `DataSessionRequest` */
export const DataSessionRequestSchema = z.strictObject({
  imsi: ImsiSchema,
  apn: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,98}[A-Za-z0-9])?$/, 'expected an APN such as internet or ims.mnc001.mcc208.gprs')
    .optional(),
});

/** `DataSessionOpened` */
export const DataSessionOpenedSchema = z.strictObject({ kind: z.literal('data-session'), sessionId: ElementIdSchema, steps: Steps });

/** `DataUsageReport` without its `sessionId`, which is in the path. */
export const DataUsageBodySchema = z.strictObject({ bytesUp: ByteCount, bytesDown: ByteCount });

/** `DataSessionUsage` */
export const DataSessionUsageSchema = z.strictObject({
  kind: z.literal('data-usage'),
  sessionId: ElementIdSchema,
  totalBytes: z.number().int().min(0),
  closed: z.boolean(),
  steps: Steps,
});

/** `ShortMessageRequest` */
export const ShortMessageRequestSchema = z.strictObject({
  imsi: ImsiSchema,
  otherParty: DialledNumberSchema,
  segments: z.number().int('expected a whole number of segments').min(1).max(MAX_SMS_SEGMENTS).optional(),
});

/** `ShortMessageAccepted` */
export const ShortMessageAcceptedSchema = z.strictObject({
  kind: z.literal('sms-accepted'),
  messageRef: ElementIdSchema,
  direction: CallDirectionSchema,
  steps: Steps,
});

/** CancelLocation, as a home HLR sends it. */
export const CancelLocationRequestSchema = z.strictObject({
  imsi: ImsiSchema,
  reason: z.enum(['updateProcedure', 'subscriptionWithdraw']),
});
