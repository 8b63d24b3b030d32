/**
 * Contract schemas compiled for the hot path: every exchange validates its
 * request and its answer, so the elements and the clients parse with zod's
 * compiled parsers (`z.compile`), which give the same values and, on a
 * failure, the same errors as the schema they came from.
 *
 * @module
 */
import { z } from 'zod';

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/**
 * `schema` compiled into a parser of its own, once per schema: a generated
 * fast path that falls back to the schema itself for any input it refuses,
 * so errors read exactly as the schema's. A schema zod cannot compile (or a
 * runtime that forbids code generation) is returned as it is.
 *
 * @example
 * ```ts
 * const parsed = compiledSchema(endpoint.request).safeParse(body);
 * ```
 */
export function compiledSchema<T extends z.ZodType>(schema: T): T {
  let fast = compiled.get(schema);
  if (fast === undefined) {
    fast = z.compile(schema);
    compiled.set(schema, fast);
  }
  return fast as T;
}
