/**
 * What every proxy of one server shares: the toxic types it accepts, its
 * limits, how it binds a listen address without a host, which upstreams it
 * may reach, its dice and its traffic counters.
 *
 * @module
 */
import { DEFAULT_EMBEDDED_LIMITS, type EmbeddedToxiproxyLimits } from '../limits.js';
import type { ToxicRandom } from '../link/toxic-random.js';
import type { TrafficMeter } from '../metrics/traffic-meter.js';
import type { ToxicTypeRegistry } from '../toxics/registry.js';
import type { UpstreamAllowList } from './upstream-allow-list.js';

/** The settings of one server that its proxies and toxic chains read. */
export interface ProxyContext {
  readonly types: ToxicTypeRegistry;
  readonly limits: EmbeddedToxiproxyLimits;
  /** What a listen address without a host binds: 127.0.0.1 (`loopback`) or every interface (`any`, as Go does). */
  readonly emptyHost: 'loopback' | 'any';
  /** The upstreams proxies may reach; undefined: any, as in Toxiproxy. */
  readonly upstreams?: UpstreamAllowList | undefined;
  /** The dice of the toxics (seeded with `-seed`); default `Math.random`. */
  readonly random?: ToxicRandom | undefined;
  /** Counts proxied bytes for `/metrics`; undefined: not measured. */
  readonly traffic?: TrafficMeter | undefined;
}

/**
 * A context with the defaults for whatever is not given.
 *
 * @example
 * ```ts
 * const context = proxyContext({ types: createDefaultToxicTypes() });
 * ```
 */
export function proxyContext(given: Partial<ProxyContext> & Pick<ProxyContext, 'types'>): ProxyContext {
  return { limits: DEFAULT_EMBEDDED_LIMITS, emptyHost: 'loopback', ...given };
}
