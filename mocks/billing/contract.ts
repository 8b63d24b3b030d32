import { z } from 'zod';
import { endpoint } from '../http/endpoint.js';
import { ElementIdSchema, ImsiSchema, PlmnIdSchema } from '../http/schemas.js';

/** A charging event on the wire (`ChargingEvent`). */
export const ChargingEventSchema = z.strictObject({
  idempotencyKey: z.string().min(1).max(200),
  kind: z.enum(['start', 'interim', 'stop', 'event']),
  sessionId: z.string().min(1).max(200),
  imsi: ImsiSchema,
  visitedPlmn: PlmnIdSchema,
  service: z.enum(['registration', 'voice', 'data', 'sms']),
  direction: z.enum(['mo', 'mt']).optional(),
  at: z.number().nonnegative(),
  usage: z
    .strictObject({
      seconds: z.number().nonnegative().optional(),
      bytes: z.number().int().nonnegative().optional(),
      messages: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/** A CDR on the wire (`UsageRecord`): one call leg, data session or short message in one visited network. */
export const UsageRecordSchema = z.strictObject({
  sessionId: ElementIdSchema,
  imsi: ImsiSchema,
  homePlmn: PlmnIdSchema,
  visitedPlmn: PlmnIdSchema,
  service: z.enum(['voice', 'data', 'sms']),
  startedAt: z.number(),
  seconds: z.number().nonnegative().optional(),
  direction: z.enum(['mo', 'mt']).optional(),
  bytes: z.number().int().nonnegative().optional(),
  messages: z.number().int().nonnegative().optional(),
});

/** A rated CDR on the wire (`BilledRecord`): the usage, its tariff and amount, and billing's record id. */
export const BilledRecordSchema = UsageRecordSchema.extend({
  tariff: z.string(),
  currency: z.string(),
  chargedUnits: z.number().nonnegative(),
  unit: z.enum(['second', 'kB', 'message']),
  amount: z.number(),
  recordId: z.string(),
});

/**
 * The billing system's (home OCS + CDR collector) HTTP contract.
 *
 * | method | path | what |
 * |---|---|---|
 * | POST | `/billing/v1/charging-events` | take one event, once per idempotency key |
 * | GET | `/billing/v1/charging-events` | every event taken |
 * | GET | `/billing/v1/cdrs` | closed CDRs, open sessions, duplicates dropped |
 * | GET | `/billing/v1/cdrs/rated` | CDRs rated by agreement tariff, for reconciliation |
 * | GET | `/billing/v1/intake/rejections` | charging events refused at the intake: who sent them and why |
 */
export const billingContract = {
  recordChargingEvent: endpoint({
    name: 'billing.recordChargingEvent',
    method: 'POST',
    path: '/billing/v1/charging-events',
    request: ChargingEventSchema,
    response: z.strictObject({ recorded: z.literal(true), duplicate: z.boolean() }),
  }),
  listChargingEvents: endpoint({
    name: 'billing.listChargingEvents',
    method: 'GET',
    path: '/billing/v1/charging-events',
    request: z.undefined(),
    response: z.strictObject({ events: z.array(ChargingEventSchema) }),
  }),
  listCdrs: endpoint({
    name: 'billing.listCdrs',
    method: 'GET',
    path: '/billing/v1/cdrs',
    request: z.undefined(),
    response: z.strictObject({
      records: z.array(UsageRecordSchema).readonly(),
      /** Sessions started and not stopped yet. */
      open: z.array(z.string()).readonly(),
      /** Events dropped because their CDR was closed already. */
      duplicates: z.number().int().min(0),
      /** Registration events seen (signalling, not usage). */
      registrations: z.number().int().min(0),
    }),
  }),
  listRatedCdrs: endpoint({
    name: 'billing.listRatedCdrs',
    method: 'GET',
    path: '/billing/v1/cdrs/rated',
    request: z.undefined(),
    response: z.strictObject({
      records: z.array(BilledRecordSchema).readonly(),
      unrated: z.array(z.strictObject({ record: UsageRecordSchema, reason: z.string() })).readonly(),
    }),
  }),
  listIntakeRejections: endpoint({
    name: 'billing.listIntakeRejections',
    method: 'GET',
    path: '/billing/v1/intake/rejections',
    request: z.undefined(),
    response: z.strictObject({
      rejections: z
        .array(
          z.strictObject({
            at: z.number(),
            element: z.string(),
            status: z.union([z.literal(401), z.literal(403)]),
            reason: z.string(),
            idempotencyKey: z.string().optional(),
            visitedPlmn: z.string().optional(),
          }),
        )
        .readonly(),
    }),
  }),
} as const;
