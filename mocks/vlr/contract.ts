import { z } from 'zod';
import { endpoint } from '../http/endpoint.js';
import { HexSchema, ImsiSchema, MsisdnSchema, SignalingStepSchema } from '../http/schemas.js';

const Challenge = z.strictObject({
  kind: z.literal('challenge'),
  transactionId: z.string(),
  rand: HexSchema(16),
  autn: HexSchema(16),
  steps: z.array(SignalingStepSchema).readonly(),
});

const Accept = z.strictObject({
  kind: z.literal('accept'),
  transactionId: z.string(),
  msisdn: MsisdnSchema,
  steps: z.array(SignalingStepSchema).readonly(),
});

/** The VLR/MME's HTTP contract: the subscriber's side (attach) and the HLR's side (cancel location). */
export const vlrContract = {
  attachRequest: endpoint({
    name: 'vlr.attachRequest',
    method: 'POST',
    path: '/vlr/v1/attach',
    request: z.strictObject({ imsi: ImsiSchema }),
    response: Challenge,
  }),
  authenticationResponse: endpoint({
    name: 'vlr.authenticationResponse',
    method: 'POST',
    path: '/vlr/v1/attach/:transactionId/response',
    request: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('response'), res: z.string().regex(/^[0-9a-fA-F]{8,32}$/, 'expected RES: 8 to 32 hex digits') }),
      z.strictObject({ kind: z.literal('sync-failure'), auts: HexSchema(14) }),
      z.strictObject({ kind: z.literal('mac-failure') }),
    ]),
    response: z.discriminatedUnion('kind', [Accept, Challenge]),
  }),
  cancelLocation: endpoint({
    name: 'vlr.cancelLocation',
    method: 'POST',
    path: '/vlr/v1/cancel-location',
    request: z.strictObject({ imsi: ImsiSchema, reason: z.enum(['updateProcedure', 'subscriptionWithdraw']) }),
    response: z.strictObject({ cancelled: z.boolean() }),
  }),
} as const;
