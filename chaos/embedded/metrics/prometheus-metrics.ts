/**
 * `/metrics` in Prometheus' text format, as toxiproxy-server serves it with
 * `-proxy-metrics` and `-runtime-metrics`: the proxy byte counters under
 * Toxiproxy's names and labels, and the process' runtime metrics.
 *
 * prom-client does the exposition (escaping, ordering, content type) and
 * supplies the runtime metrics (`process_*`, shared with Go's process
 * collector, and `nodejs_*` where Go has `go_*`); it is loaded only when a
 * server asks for metrics.
 *
 * @module
 */
import type { Reply } from '../http/responses.js';
import type { LinkTraffic } from '../link/toxic-link.js';
import type { TrafficLabels, TrafficMeter } from './traffic-meter.js';

/** Which metrics a server exposes; with neither, it has no `/metrics` (404, as Toxiproxy). */
export interface MetricsSettings {
  /** `toxiproxy_proxy_received_bytes_total` and `toxiproxy_proxy_sent_bytes_total` (`-proxy-metrics`). */
  readonly proxy?: boolean;
  /**
   * The process' metrics (`-runtime-metrics`). They start process-wide
   * monitors (event loop delay, garbage collections) that stay for the life
   * of the process: meant for a standalone server.
   */
  readonly runtime?: boolean;
}

/** The metrics of one server. */
export interface ServerMetrics {
  /** The proxy byte counters, when proxy metrics are on. */
  readonly traffic: TrafficMeter | undefined;
  /** The `/metrics` answer. */
  scrape(): Promise<Reply>;
}

/**
 * The metrics a server was asked for, or undefined for none.
 *
 * @example
 * ```ts
 * const metrics = await createServerMetrics({ proxy: true });
 * metrics?.traffic?.link({ direction: 'upstream', proxy: 'hlr', listener: '127.0.0.1:8666', upstream: 'hlr:3868' }).received(12);
 * ```
 */
export async function createServerMetrics(settings: MetricsSettings = {}): Promise<ServerMetrics | undefined> {
  if (settings.proxy !== true && settings.runtime !== true) return undefined;
  const { Counter, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  if (settings.runtime === true) collectDefaultMetrics({ register: registry });
  let traffic: TrafficMeter | undefined;
  if (settings.proxy === true) {
    // Sorted by name, as Go's client writes label pairs.
    const labelNames = ['direction', 'listener', 'proxy', 'upstream'] as const;
    const received = new Counter({
      name: 'toxiproxy_proxy_received_bytes_total',
      help: 'Bytes a proxy read: from clients (direction upstream) or from its upstream (direction downstream).',
      labelNames,
      registers: [registry],
    });
    const sent = new Counter({
      name: 'toxiproxy_proxy_sent_bytes_total',
      help: 'Bytes a proxy wrote: to its upstream (direction upstream) or to clients (direction downstream).',
      labelNames,
      registers: [registry],
    });
    traffic = {
      link(labels: TrafficLabels): LinkTraffic {
        // Children are looked up once per link, not once per chunk.
        const values = { direction: labels.direction, listener: labels.listener, proxy: labels.proxy, upstream: labels.upstream };
        const receivedChild = received.labels(values);
        const sentChild = sent.labels(values);
        return { received: (bytes) => receivedChild.inc(bytes), sent: (bytes) => sentChild.inc(bytes) };
      },
    };
  }
  return {
    traffic,
    async scrape() {
      return { status: 200, body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
