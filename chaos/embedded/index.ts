/**
 * The embedded Toxiproxy: a pure-Node server that speaks Toxiproxy's HTTP
 * API (as Shopify's Toxiproxy 2.12 does, byte for byte where it matters) and
 * proxies TCP through the same toxics. Drive it with `toxiproxy-node-client`.
 *
 * @example
 * ```ts
 * import { startEmbeddedToxiproxy } from './chaos/embedded/index.js';
 * await using toxiproxy = await startEmbeddedToxiproxy();
 * ```
 *
 * @module
 */
export { startEmbeddedToxiproxy, type EmbeddedToxiproxyOptions, type StartedEmbeddedToxiproxy } from './embedded-toxiproxy.js';
export { EmbeddedToxiproxyError } from './embedded-toxiproxy-error.js';
export { DEFAULT_EMBEDDED_LIMITS, type EmbeddedToxiproxyLimits } from './limits.js';
export type { MetricsSettings } from './metrics/prometheus-metrics.js';
export { EMBEDDED_TOXIPROXY_VERSION } from './version.js';
export { ToxicTypeRegistry, createDefaultToxicTypes } from './toxics/registry.js';
export { EMBEDDED_ONLY_TOXIC_TYPES, createExtendedToxicTypes } from './toxics/embedded-only/registry.js';
export { defineToxicType, type ToxicType, type AttributeKind } from './toxics/toxic-type.js';
export { INTERRUPTED, TIMED_OUT, type ToxicStub } from './link/toxic-stub.js';
export type { StreamChunk } from './link/stream-chunk.js';
