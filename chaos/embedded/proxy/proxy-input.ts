/**
 * Reads the bodies of the proxy endpoints into Go's `Proxy` struct (and, for
 * `/populate`, into a slice of structs embedding it), with Go's defaults and
 * error texts. Unknown keys are ignored and keys match case-insensitively.
 *
 * @module
 */
import { ApiError } from '../api-error.js';
import { decodeGoValue, type Decoded, type DecodedStruct, type GoField, type GoStruct, type GoType } from '../go-json/decode.js';
import { readGoJsonValue } from '../go-json/scanner.js';

/** A proxy as a request describes it. */
export interface ProxyInput {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/** One `/populate` entry, where `enabled` may be absent (it then defaults to true). */
export interface PopulateEntry extends Omit<ProxyInput, 'enabled'> {
  readonly enabled: boolean | undefined;
}

const STRING: GoType = { kind: 'string' };
const BOOL: GoType = { kind: 'bool' };
/** Go's Proxy has an exported, untagged `Logger *zerolog.Logger`; it decodes (and prints) as `Logger`. */
const LOGGER: GoType = {
  kind: 'pointer',
  elem: { kind: 'struct', typeName: 'zerolog.Logger', structName: 'Logger', fields: [] },
};

function proxyFields(via?: readonly string[]): GoField[] {
  return [
    { name: 'name', type: STRING, via },
    { name: 'listen', type: STRING, via },
    { name: 'upstream', type: STRING, via },
    { name: 'enabled', type: BOOL, via },
    { name: 'Logger', type: LOGGER, via },
  ];
}

const PROXY: GoStruct = { kind: 'struct', typeName: 'toxiproxy.Proxy', structName: 'Proxy', fields: proxyFields() };

const POPULATE_ENTRY: GoStruct = {
  kind: 'struct',
  typeName: 'struct { toxiproxy.Proxy; Enabled *bool "json:\\"enabled\\"" }',
  structName: '',
  fields: [
    ...proxyFields(['Proxy']).filter((field) => field.name !== 'enabled'),
    // The outer field shadows the embedded Proxy.Enabled so that "absent" can be told from false.
    { name: 'enabled', type: { kind: 'pointer', elem: BOOL } },
  ],
};

const POPULATE: GoType = { kind: 'slice', typeName: `[]${POPULATE_ENTRY.typeName}`, elem: POPULATE_ENTRY };

/**
 * Reads a proxy body over `defaults` (Go decodes into a pre-filled struct).
 *
 * @throws ApiError `bad request body: ...`
 *
 * @example
 * ```ts
 * readProxyInput(body, { name: '', listen: '', upstream: '', enabled: true })
 * ```
 */
export function readProxyInput(body: Uint8Array, defaults: ProxyInput): ProxyInput {
  const fields = decode(body, PROXY);
  return {
    name: text(fields, 'name', defaults.name),
    listen: text(fields, 'listen', defaults.listen),
    upstream: text(fields, 'upstream', defaults.upstream),
    enabled: flag(fields, 'enabled', defaults.enabled),
  };
}

/**
 * Reads a `/populate` body: a JSON array of proxies (`null` is an empty one).
 *
 * @throws ApiError `bad request body: ...`
 */
export function readPopulateInput(body: Uint8Array): PopulateEntry[] {
  const entries = decode(body, POPULATE);
  if (!Array.isArray(entries)) return [];
  return entries.map((entry: Decoded) => {
    const fields = entry instanceof Map ? entry : new Map<string, Decoded>();
    const enabled = fields.get('enabled');
    return {
      name: text(fields, 'name', ''),
      listen: text(fields, 'listen', ''),
      upstream: text(fields, 'upstream', ''),
      enabled: typeof enabled === 'boolean' ? enabled : undefined,
    };
  });
}

function decode(body: Uint8Array, type: GoType): Decoded | undefined {
  const scanned = readGoJsonValue(body);
  if (!scanned.ok) throw ApiError.badRequestBody(scanned.error);
  const { value, error } = decodeGoValue(scanned.value, type);
  if (error !== undefined) throw ApiError.badRequestBody(error);
  return typeof value === 'symbol' ? undefined : value;
}

function text(fields: Decoded | undefined, name: string, fallback: string): string {
  const value = fields instanceof Map ? (fields as DecodedStruct).get(name) : undefined;
  return typeof value === 'string' ? value : fallback;
}

function flag(fields: Decoded | undefined, name: string, fallback: boolean): boolean {
  const value = fields instanceof Map ? (fields as DecodedStruct).get(name) : undefined;
  return typeof value === 'boolean' ? value : fallback;
}
