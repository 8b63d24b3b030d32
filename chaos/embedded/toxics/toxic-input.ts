/**
 * Reads the bodies of the toxic endpoints as Go's `ToxicCollection` does:
 * first into a `ToxicWrapper` whose attributes are a `NoopToxic` (to learn
 * the type), then the attributes again into the type's own struct. Every
 * failure is an {@link ApiError} with Go's exact text.
 *
 * @module
 */
import { ApiError } from '../api-error.js';
import { decodeGoValue, type DecodedStruct, type GoStruct, type GoType } from '../go-json/decode.js';
import { readGoJsonValue, type JsonNode } from '../go-json/scanner.js';
import type { AttributeKind, ToxicType } from './toxic-type.js';

/** The fields of a `POST /proxies/{p}/toxics` body before the type is known. */
export interface ToxicHeader {
  readonly name: string;
  readonly type: string;
  readonly stream: string;
  readonly toxicity: number;
}

/** A change to an existing toxic: only attributes and toxicity can change. */
export interface ToxicChange {
  readonly attributes: ReadonlyMap<string, bigint>;
  readonly toxicity: number;
}

const STRING: GoType = { kind: 'string' };
const FLOAT32: GoType = { kind: 'float32' };

const TOXIC_WRAPPER: GoStruct = {
  kind: 'struct',
  typeName: 'toxics.ToxicWrapper',
  structName: 'ToxicWrapper',
  fields: [
    { name: 'attributes', type: toxicStruct('NoopToxic', {}) },
    { name: 'name', type: STRING },
    { name: 'type', type: STRING },
    { name: 'stream', type: STRING },
    { name: 'toxicity', type: FLOAT32 },
  ],
};

/**
 * Parses a create body up to the point where Go knows the toxic's type.
 *
 * @returns the parsed JSON too, for {@link readCreateAttributes}
 */
export function readToxicHeader(body: Uint8Array): { header: ToxicHeader; json: JsonNode } {
  const json = parse(body);
  const fields = decodeStruct(json, TOXIC_WRAPPER);
  return {
    json,
    header: {
      name: stringField(fields, 'name', ''),
      type: stringField(fields, 'type', ''),
      stream: stringField(fields, 'stream', 'downstream'),
      toxicity: numberField(fields, 'toxicity', 1),
    },
  };
}

/** The attributes of a create body, every one not given being 0. */
export function readCreateAttributes(json: JsonNode, type: ToxicType): ReadonlyMap<string, bigint> {
  const wrapper: GoStruct = {
    kind: 'struct',
    typeName: 'struct { Attributes interface {} "json:\\"attributes\\"" }',
    structName: '',
    fields: [{ name: 'attributes', type: toxicStruct(type.goStruct, type.attributes) }],
  };
  const given = attributesOf(decodeStruct(json, wrapper));
  return mergeAttributes(type, new Map(), given);
}

/** Parses an update body against the toxic's current settings. */
export function readToxicChange(
  body: Uint8Array,
  type: ToxicType,
  current: { readonly attributes: ReadonlyMap<string, bigint>; readonly toxicity: number },
): ToxicChange {
  const change: GoStruct = {
    kind: 'struct',
    typeName: 'struct { Attributes interface {} "json:\\"attributes\\""; Toxicity float32 "json:\\"toxicity\\"" }',
    structName: '',
    fields: [
      { name: 'attributes', type: toxicStruct(type.goStruct, type.attributes) },
      { name: 'toxicity', type: FLOAT32 },
    ],
  };
  const fields = decodeStruct(parse(body), change);
  return {
    attributes: mergeAttributes(type, current.attributes, attributesOf(fields)),
    toxicity: numberField(fields, 'toxicity', current.toxicity),
  };
}

function parse(body: Uint8Array): JsonNode {
  const scanned = readGoJsonValue(body);
  if (!scanned.ok) throw ApiError.badRequestBody(scanned.error);
  return scanned.value;
}

function decodeStruct(json: JsonNode, type: GoStruct): DecodedStruct {
  const { value, error } = decodeGoValue(json, type);
  if (error !== undefined) throw ApiError.badRequestBody(error);
  return value instanceof Map ? value : new Map();
}

function toxicStruct(goStruct: string, attributes: Readonly<Record<string, AttributeKind>>): GoStruct {
  return {
    kind: 'struct',
    typeName: `toxics.${goStruct}`,
    structName: goStruct,
    fields: Object.entries(attributes).map(([name, kind]) => ({ name, type: { kind } })),
  };
}

function attributesOf(fields: DecodedStruct): DecodedStruct {
  const attributes = fields.get('attributes');
  return attributes instanceof Map ? attributes : new Map();
}

/** Every attribute of the type, in its declared order: given value, else current, else 0. */
function mergeAttributes(type: ToxicType, current: ReadonlyMap<string, bigint>, given: DecodedStruct): ReadonlyMap<string, bigint> {
  const merged = new Map<string, bigint>();
  for (const name of Object.keys(type.attributes)) {
    const value = given.get(name);
    merged.set(name, typeof value === 'bigint' ? value : (current.get(name) ?? 0n));
  }
  return merged;
}

function stringField(fields: DecodedStruct, name: string, fallback: string): string {
  const value = fields.get(name);
  return typeof value === 'string' ? value : fallback;
}

function numberField(fields: DecodedStruct, name: string, fallback: number): number {
  const value = fields.get(name);
  return typeof value === 'number' ? value : fallback;
}
