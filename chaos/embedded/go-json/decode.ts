/**
 * Stores a parsed JSON value into a description of a Go type, producing the
 * `json: cannot unmarshal ...` texts Go's `encoding/json` gives when a value
 * has the wrong type. Like Go it keeps going after a type error and reports
 * only the first one; like Go it ignores unknown keys and matches keys to
 * fields case-insensitively.
 *
 * The field path in messages follows Go 1.24 and later, which also names the
 * embedded struct a promoted field came from (`.Proxy.name`).
 *
 * @module
 */
import type { JsonNode } from './scanner.js';

/** The Go types Toxiproxy's request bodies decode into. */
export type GoType =
  | { readonly kind: 'string' | 'bool' | 'int64' | 'int' | 'float32' }
  | GoStruct
  | { readonly kind: 'pointer'; readonly elem: GoType }
  | { readonly kind: 'slice'; readonly typeName: string; readonly elem: GoType };

/** A Go struct: `typeName` as `reflect.Type.String()` prints it, `structName` as `Name()` does. */
export interface GoStruct {
  readonly kind: 'struct';
  readonly typeName: string;
  readonly structName: string;
  readonly fields: readonly GoField[];
}

/** One JSON-visible field; `via` names the embedded structs it was promoted through. */
export interface GoField {
  readonly name: string;
  readonly type: GoType;
  readonly via?: readonly string[];
}

/**
 * What decoding stored: a Map of the fields a JSON object set (for structs),
 * an array or `null` (slices, pointers), or a plain value. `UNCHANGED` means
 * the target keeps its value, as Go leaves it for `null` or a type error.
 */
export type Decoded = string | boolean | bigint | number | null | DecodedStruct | readonly Decoded[];
/** The fields a JSON object set on a struct, by their JSON name. */
export type DecodedStruct = ReadonlyMap<string, Decoded>;

/** Marks "leave the target as it was". */
export const UNCHANGED: unique symbol = Symbol('unchanged');

/** The result of {@link decodeGoValue}: the value, and Go's first type error if any. */
export interface DecodeOutcome {
  readonly value: Decoded | typeof UNCHANGED;
  readonly error: string | undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

interface ErrorContext {
  structName: string | undefined;
  fieldStack: string[];
  firstError: string | undefined;
}

/**
 * Decodes `node` into `type`.
 *
 * @example
 * ```ts
 * decodeGoValue({ kind: 'number', literal: '2.5' }, { kind: 'int64' }).error
 * // 'json: cannot unmarshal number 2.5 into Go value of type int64'
 * ```
 */
export function decodeGoValue(node: JsonNode, type: GoType): DecodeOutcome {
  const context: ErrorContext = { structName: undefined, fieldStack: [], firstError: undefined };
  const value = decode(node, type, context);
  return { value, error: context.firstError };
}

function decode(node: JsonNode, type: GoType, context: ErrorContext): Decoded | typeof UNCHANGED {
  if (node.kind === 'null') return type.kind === 'pointer' || type.kind === 'slice' ? null : UNCHANGED;
  if (type.kind === 'pointer') return decode(node, type.elem, context);
  switch (node.kind) {
    case 'object':
      if (type.kind === 'struct') return decodeStruct(node.entries, type, context);
      return mismatch('object', type, context);
    case 'array':
      if (type.kind === 'slice') {
        const items: Decoded[] = [];
        for (const item of node.items) {
          const value = decode(item, type.elem, context);
          items.push(value === UNCHANGED ? zeroOf(type.elem) : value);
        }
        return items;
      }
      return mismatch('array', type, context);
    case 'string':
      return type.kind === 'string' ? node.value : mismatch('string', type, context);
    case 'bool':
      return type.kind === 'bool' ? node.value : mismatch('bool', type, context);
    case 'number':
      return decodeNumber(node.literal, type, context);
  }
}

function decodeNumber(literal: string, type: GoType, context: ErrorContext): Decoded | typeof UNCHANGED {
  if (type.kind === 'int64' || type.kind === 'int') {
    if (/^-?\d+$/.test(literal)) {
      const value = BigInt(literal);
      if (value >= INT64_MIN && value <= INT64_MAX) return value;
    }
    return mismatch(`number ${literal}`, type, context);
  }
  if (type.kind === 'float32') {
    const value = Math.fround(Number(literal));
    return Number.isFinite(value) ? value : mismatch(`number ${literal}`, type, context);
  }
  return mismatch('number', type, context);
}

function decodeStruct(entries: readonly (readonly [string, JsonNode])[], type: GoStruct, context: ErrorContext): DecodedStruct {
  const result = new Map<string, Decoded>();
  for (const [key, node] of entries) {
    const field = type.fields.find((f) => f.name === key) ?? type.fields.find((f) => foldEquals(f.name, key));
    if (field === undefined) continue;
    const saved = { structName: context.structName, depth: context.fieldStack.length };
    context.fieldStack.push(...(field.via ?? []), field.name);
    context.structName = type.structName;
    const value = decode(node, field.type, context);
    context.fieldStack.length = saved.depth;
    context.structName = saved.structName;
    if (value !== UNCHANGED) result.set(field.name, mergeRepeated(result.get(field.name), value));
  }
  return result;
}

// A key given twice decodes into the same Go value: a struct keeps the fields the first one set.
function mergeRepeated(previous: Decoded | undefined, value: Decoded): Decoded {
  if (!(previous instanceof Map) || !(value instanceof Map)) return value;
  const merged = new Map(previous);
  for (const [name, inner] of value) merged.set(name, mergeRepeated(merged.get(name), inner));
  return merged;
}

function mismatch(value: string, type: GoType, context: ErrorContext): typeof UNCHANGED {
  if (context.firstError === undefined) {
    const into =
      context.structName !== undefined || context.fieldStack.length > 0
        ? `Go struct field ${context.structName ?? ''}.${context.fieldStack.join('.')}`
        : 'Go value';
    context.firstError = `json: cannot unmarshal ${value} into ${into} of type ${typeName(type)}`;
  }
  return UNCHANGED;
}

function typeName(type: GoType): string {
  switch (type.kind) {
    case 'struct':
    case 'slice':
      return type.typeName;
    case 'pointer':
      return typeName(type.elem);
    default:
      return type.kind;
  }
}

function zeroOf(type: GoType): Decoded {
  switch (type.kind) {
    case 'struct':
      return new Map();
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int64':
    case 'int':
      return 0n;
    case 'float32':
      return 0;
    default:
      return null;
  }
}

/** Go matches keys to field names ignoring ASCII case when no exact match exists. */
function foldEquals(a: string, b: string): boolean {
  return a.length === b.length && a.replace(/[A-Z]/g, lower) === b.replace(/[A-Z]/g, lower);
}

function lower(c: string): string {
  return c.toLowerCase();
}
