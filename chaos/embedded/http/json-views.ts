/**
 * The JSON bodies of the API, written field by field in the order Go's
 * `json.Marshal` emits them (struct field order; map keys sorted), with no
 * trailing newline.
 *
 * @module
 */
import { goFloat32, goJsonString } from '../go-json/encode.js';
import type { Proxy } from '../proxy/proxy.js';
import type { ConfiguredToxic } from '../toxics/configured-toxic.js';

/**
 * A toxic: `{"attributes":{...},"name","type","stream","toxicity"}`.
 *
 * @example
 * ```ts
 * toxicJson(toxic) // '{"attributes":{"latency":100,"jitter":0},"name":"latency_downstream",...}'
 * ```
 */
export function toxicJson(toxic: ConfiguredToxic): string {
  const attributes = [...toxic.attributes].map(([name, value]) => `${goJsonString(name)}:${value}`).join(',');
  return (
    `{"attributes":{${attributes}},"name":${goJsonString(toxic.name)},"type":${goJsonString(toxic.type.name)},` +
    `"stream":${goJsonString(toxic.stream)},"toxicity":${goFloat32(toxic.toxicity)}}`
  );
}

/** A list of toxics, `[]` when empty. */
export function toxicsJson(toxics: readonly ConfiguredToxic[]): string {
  return `[${toxics.map(toxicJson).join(',')}]`;
}

/**
 * A proxy with its toxics. `"Logger":{}` is really there in Toxiproxy's
 * output: an exported zerolog field without a JSON tag.
 */
export function proxyJson(proxy: Proxy): string {
  return (
    `{"name":${goJsonString(proxy.name)},"listen":${goJsonString(proxy.listen)},` +
    `"upstream":${goJsonString(proxy.upstream)},"enabled":${proxy.enabled},"Logger":{},` +
    `"toxics":${toxicsJson(proxy.toxics.list())}}`
  );
}

/** `GET /proxies`: an object keyed by name, keys in the order given (sort first). */
export function proxyIndexJson(proxies: readonly Proxy[]): string {
  return `{${proxies.map((proxy) => `${goJsonString(proxy.name)}:${proxyJson(proxy)}`).join(',')}}`;
}

/** A list of proxies as `/populate` reports it: `null` when there are none (a nil Go slice). */
export function proxyListJson(proxies: readonly Proxy[]): string {
  return proxies.length === 0 ? 'null' : `[${proxies.map(proxyJson).join(',')}]`;
}
