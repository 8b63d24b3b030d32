import { z } from 'zod';
import { endpoint } from '../http/endpoint.js';
import { ImsiSchema, PlmnIdSchema } from '../http/schemas.js';

/** A charging event on the wire. */
export const ChargingEventSchema = z.strictObject({
  idempotencyKey: z.string().min(1).max(200),
  kind: z.enum(['start', 'interim', 'stop', 'event']),
  sessionId: z.string().min(1).max(200),
  imsi: ImsiSchema,
  visitedPlmn: PlmnIdSchema,
  service: z.enum(['registration', 'voice', 'data', 'sms']),
  at: z.number().nonnegative(),
  usage: z
    .strictObject({
      seconds: z.number().nonnegative().optional(),
      bytes: z.number().int().nonnegative().optional(),
      messages: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/** The billing system's (home OCS + CDR collector) HTTP contract. */
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
} as const;
