import { z } from 'zod';
import { endpoint } from '../http/endpoint.js';
import { AuthVectorSchema, Hex128Schema, HexSchema, ImsiSchema, MsisdnSchema, PlmnIdSchema } from '../http/schemas.js';

const Services = z.array(z.enum(['voice', 'sms', 'data'])).readonly();

/** The HLR/HSS's HTTP contract: what VLRs call, and the admin API operators use. */
export const hlrContract = {
  sendAuthInfo: endpoint({
    name: 'hlr.sendAuthInfo',
    method: 'POST',
    path: '/hlr/v1/auth-info',
    request: z.strictObject({
      imsi: ImsiSchema,
      count: z.number().int().min(1).max(5).default(1),
      vlrNumber: z.string().min(1).max(32).optional(),
      resync: z.strictObject({ rand: HexSchema(16), auts: HexSchema(14) }).optional(),
    }),
    response: z.strictObject({ vectors: z.array(AuthVectorSchema) }),
  }),
  updateLocation: endpoint({
    name: 'hlr.updateLocation',
    method: 'POST',
    path: '/hlr/v1/update-location',
    request: z.strictObject({ imsi: ImsiSchema, vlrNumber: z.string().min(1).max(32), visitedPlmn: PlmnIdSchema }),
    response: z.strictObject({ subscriberData: z.strictObject({ msisdn: MsisdnSchema, services: Services }) }),
  }),
  purgeMs: endpoint({
    name: 'hlr.purgeMs',
    method: 'POST',
    path: '/hlr/v1/purge',
    request: z.strictObject({ imsi: ImsiSchema, vlrNumber: z.string().min(1).max(32) }),
    response: z.strictObject({ purged: z.literal(true) }),
  }),
  provision: endpoint({
    name: 'hlr.admin.provision',
    method: 'POST',
    path: '/admin/v1/subscribers',
    request: z.strictObject({
      imsi: ImsiSchema,
      msisdn: MsisdnSchema,
      k: Hex128Schema,
      opc: Hex128Schema,
      sqn: z
        .number()
        .int()
        .min(0)
        .max(2 ** 48 - 1)
        .optional(),
      roaming: z
        .strictObject({ allowed: z.boolean().optional(), networks: z.array(PlmnIdSchema).max(1000).readonly().optional() })
        .optional(),
      services: Services.optional(),
    }),
    response: z.lazy(() => SubscriberView),
    successStatus: 201,
  }),
  getSubscriber: endpoint({
    name: 'hlr.admin.getSubscriber',
    method: 'GET',
    path: '/admin/v1/subscribers/:imsi',
    params: z.strictObject({ imsi: ImsiSchema }),
    request: z.undefined(),
    response: z.lazy(() => SubscriberView),
  }),
  deleteSubscriber: endpoint({
    name: 'hlr.admin.deleteSubscriber',
    method: 'DELETE',
    path: '/admin/v1/subscribers/:imsi',
    params: z.strictObject({ imsi: ImsiSchema }),
    request: z.undefined(),
    response: z.strictObject({ deleted: z.boolean() }),
  }),
} as const;

/** A subscriber as the admin API shows it: never K or OPc. */
export const SubscriberView = z.strictObject({
  imsi: ImsiSchema,
  msisdn: MsisdnSchema,
  roamingAllowed: z.boolean(),
  allowedNetworks: z.array(PlmnIdSchema).readonly().nullable(),
  servingVlr: z.strictObject({ vlrNumber: z.string(), plmn: PlmnIdSchema }).nullable(),
  services: Services,
  seq: z.number().int(),
});
