import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BillingClient } from '../../../mocks/billing/client.js';

/** How an attach seen by the lab ended. */
export interface ObservedAttach {
  readonly visited: string;
  readonly result: 'success' | 'failure';
  /** A reject cause, `NETWORK_ERROR` or `HTTP <status>` on failure. */
  readonly reason?: string;
  readonly latencySeconds: number;
}

/**
 * The lab's Prometheus metrics (prom-client, its own registry):
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `roam_attach_attempts_total` | counter | `visited` |
 * | `roam_attach_success_total` | counter | `visited` |
 * | `roam_attach_failure_total` | counter | `visited`, `reason` |
 * | `roam_attach_latency_seconds` | histogram | `visited`, `result` |
 * | `roam_billing_charging_events` | gauge (read from billing at each scrape) | `home` |
 * | `roam_billing_cdrs` | gauge: closed CDRs | `home` |
 * | `roam_billing_open_sessions` | gauge | `home` |
 * | `roam_billing_up` | gauge: 1 when billing answered the scrape | `home` |
 *
 * plus prom-client's default process metrics (`process_*`, `nodejs_*`).
 */
export class LabMetrics {
  readonly registry = new Registry();
  readonly #attempts: Counter<'visited'>;
  readonly #success: Counter<'visited'>;
  readonly #failure: Counter<'visited' | 'reason'>;
  readonly #latency: Histogram<'visited' | 'result'>;

  /** @param billing the home networks' billing clients, read at each scrape. */
  constructor(billing: ReadonlyMap<string, BillingClient>) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#attempts = new Counter({
      name: 'roam_attach_attempts_total',
      help: 'Attach requests received by the lab access points.',
      labelNames: ['visited'],
      registers,
    });
    this.#success = new Counter({
      name: 'roam_attach_success_total',
      help: 'Attaches that ended registered.',
      labelNames: ['visited'],
      registers,
    });
    this.#failure = new Counter({
      name: 'roam_attach_failure_total',
      help: 'Attaches that ended rejected or failed, by reject cause or error.',
      labelNames: ['visited', 'reason'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'roam_attach_latency_seconds',
      help: 'From the attach request to the final answer, as the lab access point saw it.',
      labelNames: ['visited', 'result'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const billingGauge = (name: string, help: string, read: (client: BillingClient) => Promise<number>) =>
      new Gauge({
        name,
        help,
        labelNames: ['home'],
        registers,
        async collect() {
          for (const [home, client] of billing) {
            const value = await read(client).catch(() => undefined);
            if (value !== undefined) this.set({ home }, value);
          }
        },
      });
    const listings = new Map<BillingClient, Promise<{ events: number; cdrs: number; open: number } | undefined>>();
    // One read of billing per scrape, shared by the gauges below.
    const snapshot = (client: BillingClient) => {
      let pending = listings.get(client);
      if (!pending) {
        pending = Promise.all([client.list(), client.cdrs()]).then(
          ([events, cdrs]) => ({ events: events.length, cdrs: cdrs.records.length, open: cdrs.open.length }),
          () => undefined,
        );
        listings.set(client, pending);
        void pending.finally(() => setTimeout(() => listings.delete(client), 0));
      }
      return pending;
    };
    const field = (key: 'events' | 'cdrs' | 'open') => async (client: BillingClient) => {
      const s = await snapshot(client);
      if (!s) throw new Error('billing did not answer');
      return s[key];
    };
    billingGauge('roam_billing_charging_events', 'Charging events the home billing system holds.', field('events'));
    billingGauge('roam_billing_cdrs', 'Closed usage records (CDRs) the home billing system holds.', field('cdrs'));
    billingGauge('roam_billing_open_sessions', 'Charging sessions still open in the home billing system.', field('open'));
    billingGauge('roam_billing_up', 'Whether the home billing system answered this scrape (1) or not (0).', async (client) =>
      (await snapshot(client)) ? 1 : 0,
    );
  }

  /** Shows a visited network's attach counters at 0 before its first attach. */
  watch(visited: string): void {
    this.#attempts.inc({ visited }, 0);
    this.#success.inc({ visited }, 0);
  }

  /** Counts an attach request as it arrives. */
  attempted(visited: string): void {
    this.#attempts.inc({ visited });
  }

  /** Counts how an attach ended. */
  ended(attach: ObservedAttach): void {
    if (attach.result === 'success') this.#success.inc({ visited: attach.visited });
    else this.#failure.inc({ visited: attach.visited, reason: attach.reason ?? 'UNKNOWN' });
    this.#latency.observe({ visited: attach.visited, result: attach.result }, attach.latencySeconds);
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
