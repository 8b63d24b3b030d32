import { z } from 'zod';
import type { PlmnId } from '../../simulator/plmn.js';

/** Field schemas shared by every element's contract. */
export const ImsiSchema = z.string().regex(/^\d{6,15}$/, 'expected an IMSI: 6 to 15 decimal digits');
export const MsisdnSchema = z.string().regex(/^\+?[1-9]\d{5,14}$/, 'expected an E.164 MSISDN such as +4915123456789');
export const PlmnIdSchema = z
  .string()
  .regex(/^\d{3}-\d{2,3}$/, 'expected a PLMN id such as 262-01')
  .transform((id) => id as PlmnId);
/** A number as dialled: an MSISDN, a short code or a service number, e.g. `+33612345678` or `112`. */
export const DialledNumberSchema = z.string().regex(/^\+?[0-9*#]{1,32}$/, 'expected a dialled number such as +33612345678');
/** An id an element gave out (transaction, call, leg, session, message reference). */
export const ElementIdSchema = z.string().min(1, 'expected an id').max(200, 'expected an id of at most 200 characters');
export const Hex128Schema = z.string().regex(/^[0-9a-fA-F]{32}$/, 'expected 32 hex digits');
export const HexSchema = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `expected ${bytes * 2} hex digits`);

/** A vector on the wire, lowercase hex. */
export const AuthVectorSchema = z.strictObject({
  rand: HexSchema(16),
  xres: z.string().regex(/^[0-9a-f]{8,32}$/),
  ck: HexSchema(16),
  ik: HexSchema(16),
  autn: HexSchema(16),
  sres: HexSchema(4),
  kc: HexSchema(8),
});

const SignalingStepFields = {
  name: z.string(),
  from: z.string(),
  to: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  result: z.enum(['ok', 'error']),
  detail: z.string().optional(),
};

/** One protocol message of a step (a Diameter request or answer), with its decoded content for the report. */
export const SignalingMessageSchema = z.strictObject({
  ...SignalingStepFields,
  attachment: z.strictObject({ name: z.string().max(200), contentType: z.string().max(100), body: z.string().max(65_536) }),
});

/** The steps an element took, reported back for sequence charts. */
export const SignalingStepSchema = z.strictObject({
  ...SignalingStepFields,
  messages: z.array(SignalingMessageSchema).max(32).readonly().optional(),
});

/** `/healthz` and `/readyz` answers. */
export const HealthSchema = z.strictObject({ status: z.enum(['ok', 'starting', 'down']), element: z.string() });
