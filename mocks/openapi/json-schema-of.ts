import { z } from 'zod';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = { [key: string]: unknown };

/**
 * The JSON Schema of a zod schema as it travels on the wire: the input side
 * (what a sender writes, before defaults and transforms), in the 2020-12
 * dialect OpenAPI 3.1 uses. `readOnly` (from zod's `.readonly()`, which only
 * says the value is not mutated in TypeScript) and `$schema` are left out.
 *
 * @example
 * ```ts
 * jsonSchemaOf(z.strictObject({ imsi: ImsiSchema })) // { type: 'object', properties: { imsi: { type: 'string', pattern: … } }, … }
 * ```
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return clean(generated) as JsonSchema;
}

/** Whether a zod schema stands for "no body". */
export function isNoBody(schema: z.ZodType): boolean {
  return (schema as { def?: { type?: string } }).def?.type === 'undefined';
}

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'readOnly' && key !== '$schema')
      .map(([key, v]) => [key, clean(v)]),
  );
}
