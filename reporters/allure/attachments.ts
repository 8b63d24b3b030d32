import * as allure from 'allure-js-commons';
import type { RoamingEvent } from '../../simulator/roaming-events.js';
import type { SignalingStep } from '../../simulator/signaling/signaling-step.js';
import {
  reconciliationCsv,
  reconciliationHtml,
  type ReconciliationReport,
  type ReconciliationTableOptions,
} from '../billing/reconciliation-report.js';
import { chaosTimelineSvg, type ChaosWindow, type RunWindow } from '../charts/chaos-timeline.js';
import { latencyChartSvg, type LatencyChartOptions } from '../charts/latency-chart.js';
import { sequenceChartSvg } from '../charts/sequence-chart.js';
import { eventLogExcerpt } from '../event-log-excerpt.js';

const SVG = { contentType: 'image/svg+xml', fileExtension: 'svg' } as const;

/**
 * Attaches the message sequence chart of a procedure to the running test.
 *
 * @example
 * ```ts
 * const outcome = await world.attach(roamer, { visited: '208-01' });
 * await attachSequenceChart(outcome.steps, `attach ${outcome.subscriberId} in ${outcome.visited}`);
 * ```
 */
export async function attachSequenceChart(steps: readonly SignalingStep[], title?: string): Promise<void> {
  await allure.attachment(
    title ? `Message sequence chart: ${title}` : 'Message sequence chart',
    sequenceChartSvg(steps, title ? { title } : {}),
    SVG,
  );
}

/**
 * Attaches a latency histogram and CDF with the SLO line to the running test.
 *
 * @example
 * ```ts
 * await attachLatencyChart(attaches.map((a) => a.latencyMs), { metric: 'attach_latency', slo: 'p(95)<450ms' });
 * ```
 */
export async function attachLatencyChart(samplesMs: readonly number[], options: LatencyChartOptions = {}): Promise<void> {
  const slo = typeof options.slo === 'string' ? options.slo : options.slo?.source;
  const name = ['Latency', options.metric, slo].filter(Boolean).join(' ');
  await allure.attachment(name, await latencyChartSvg(samplesMs, options), SVG);
}

/**
 * Attaches the chaos timeline (when each fault was on) to the running test.
 *
 * @example
 * ```ts
 * await attachChaosTimeline(faultWindows, { startedAt, endedAt: Date.now() });
 * ```
 */
export async function attachChaosTimeline(faults: readonly ChaosWindow[], run: RunWindow): Promise<void> {
  await allure.attachment('Chaos timeline', await chaosTimelineSvg(faults, run), SVG);
}

/**
 * Attaches a billing reconciliation as an HTML table and as CSV.
 *
 * @example
 * ```ts
 * await attachReconciliation(reconcile(ledger, groundTruth), { identities: world.hasher });
 * ```
 */
export async function attachReconciliation(report: ReconciliationReport, options: ReconciliationTableOptions = {}): Promise<void> {
  await allure.attachment('Billing reconciliation', reconciliationHtml(report, options), {
    contentType: 'text/html',
    fileExtension: 'html',
  });
  await allure.attachment('Billing reconciliation (CSV)', reconciliationCsv(report, options), {
    contentType: 'text/csv',
    fileExtension: 'csv',
  });
}

/**
 * Attaches an excerpt of the event log (JSON Lines, failures first when it is long), as plain text so the report shows it.
 *
 * @example
 * ```ts
 * await attachEventLogExcerpt(world.events.events);
 * ```
 */
export async function attachEventLogExcerpt(events: readonly RoamingEvent[], limit = 200): Promise<void> {
  // text/plain, not application/x-ndjson: Allure previews plain text and has no file extension for ndjson.
  await allure.attachment(
    `Event log excerpt, JSON Lines (${Math.min(events.length, limit)} of ${events.length} events)`,
    eventLogExcerpt(events, limit),
    {
      contentType: 'text/plain',
      fileExtension: 'jsonl',
    },
  );
}
