import * as allure from 'allure-js-commons';
import type { Slo } from '../metrics/slo.js';
import { test } from '@playwright/test';
import type { RoamingEvent } from '../simulator/roaming-events.js';
import type { SignalingStep } from '../simulator/signaling/signaling-step.js';
import {
  attachChaosTimeline,
  attachEventLogExcerpt,
  attachLatencyChart,
  attachReconciliation,
  attachSequenceChart,
} from './allure/attachments.js';
import type { ReconciliationReport } from './billing/reconciliation-report.js';
import type { IdentityPseudonyms } from './billing/report-fields.js';
import { labelScenario, type ScenarioMetadata } from './scenario-labels.js';

/** What a scenario says about itself: the labels {@link labelScenario} writes. */
export type ScenarioReportMetadata = ScenarioMetadata;

/** One latency series, e.g. every attach of the scenario, with the SLO it is held to. */
export interface ScenarioLatency {
  /** The metric, e.g. `attach_latency`. */
  readonly name: string;
  readonly samplesMs: readonly number[];
  /** A latency SLO such as `p(95)<300ms` (or one already parsed), drawn as a line on the chart. */
  readonly slo?: string | Slo;
}

/** A fault as it was in effect. The chaos layer's `ActiveFault` fits. */
export interface ScenarioFault {
  readonly link: string;
  readonly description: string;
  /** Ms since the epoch. */
  readonly startedAt: number;
  /** Ms since the epoch; undefined or null while still in effect. */
  readonly endedAt?: number | null | undefined;
}

/** A procedure run and its signaling. `AttachOutcome` and `ProcedureOutcome` fit. */
export interface ScenarioProcedure {
  /** e.g. `attach`. */
  readonly procedure?: string;
  /** Pseudonym of the subscriber. */
  readonly subscriberId?: string;
  readonly visited?: string;
  /** `REGISTERED`, `REJECTED`, `FAILED`... */
  readonly state?: string;
  /** `success` or `failure`. */
  readonly result?: string;
  readonly steps: readonly SignalingStep[];
}

/** Everything the report of one scenario can show. Only `title` and `events` are required. */
export interface ScenarioReport {
  readonly title: string;
  readonly metadata?: ScenarioReportMetadata;
  /** Seed, clock, HLR backend, chaos backend, active faults... shown as Allure parameters. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The scenario's event log (already pseudonymous). */
  readonly events: readonly RoamingEvent[];
  /** Procedures with their signaling, for the message sequence charts. Without them, charts are drawn from the events' state transitions. */
  readonly procedures?: readonly ScenarioProcedure[];
  readonly latencies?: readonly ScenarioLatency[];
  /** Faults with when they were on, for the chaos timeline. */
  readonly faults?: readonly ScenarioFault[];
  /** The billing reconciliation; the simulator's `Reconciliation` fits. */
  readonly reconciliation?: ReconciliationReport;
  /** Pseudonyms for IMSIs in the reconciliation (the world's `IdentityHasher`); without it they show as `[redacted]`. */
  readonly identities?: IdentityPseudonyms;
  /** When the scenario ran, ms since the epoch; default: from its events and faults to now. */
  readonly run?: { readonly startedAt: number; readonly endedAt: number };
}

/** How {@link attachScenarioReport} reports. */
export interface ScenarioReportOptions {
  /** Partner test-case URL template with `{id}`; default `$ROAM_PARTNER_TC_URL`. */
  readonly partnerCaseUrl?: string;
  /** How many procedures get a sequence chart: the first ones, plus the first failed one. Default 1. */
  readonly sequenceCharts?: number;
  /** The most events in the excerpt. Default 200. */
  readonly eventLimit?: number;
}

/** Parameters that differ between reruns of the same scenario and so stay out of Allure's history id. */
const EXCLUDED_PARAMETERS = new Set(['seed', 'active faults']);

/** The annotation type under which a part of the report that could not be made is noted. */
export const REPORT_PROBLEM_ANNOTATION = 'roam:report-problem';

/**
 * Reports one scenario in Allure at its end: labels (epic, feature, story,
 * severity, owner, tags), parameters, partner test-case links, and the
 * attachments: message sequence chart(s), latency histogram + CDF with the
 * SLO line per series, chaos timeline, billing reconciliation (HTML and CSV)
 * and an event-log excerpt (JSON Lines).
 *
 * Safe to call with any field missing, and to call from a `finally` after a
 * failure: it never throws. A part that cannot be made (a malformed SLO, a
 * bad link template) is skipped, noted in a `Scenario report problems`
 * attachment and a `roam:report-problem` annotation, and the rest is still
 * reported. Labels are written only when `metadata` is given: a caller that
 * labelled the test with `labelScenario` at its start (as the spec runner
 * does) leaves `metadata` out.
 * Identities appear only as pseudonyms; K and OPc are never read.
 *
 * @example
 * ```ts
 * try { ... } finally {
 *   await attachScenarioReport({
 *     title: spec.scenario, metadata: { id: spec.id, severity: spec.severity, tags: spec.tags, file },
 *     parameters: { seed: '7', clock: 'real', 'HLR backend': 'mock', 'chaos backend': world.chaosBackend.kind },
 *     events: world.events.events, procedures: attaches,
 *     latencies: [{ name: 'attach_latency', samplesMs: attaches.map((a) => a.latencyMs), slo: 'p(95)<450ms' }],
 *     faults: chaos.active(), identities: world.hasher,
 *   });
 * }
 * ```
 * @see reporters/allure/attachments.ts
 */
export async function attachScenarioReport(report: ScenarioReport, options: ScenarioReportOptions = {}): Promise<void> {
  const problems: string[] = [];
  const attempt = async (what: string, part: () => Promise<void>) => {
    try {
      await part();
    } catch (error) {
      problems.push(`${what}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
  if (report.metadata) {
    const metadata = report.metadata;
    await attempt('labels', () => labelScenario(metadata, options.partnerCaseUrl ? { partnerTestCaseUrl: options.partnerCaseUrl } : {}));
  }
  await attempt('parameters', () => parameters(report.parameters ?? {}));
  const events = report.events ?? [];
  for (const chart of sequenceChartsOf(report, events, options.sequenceCharts ?? 1)) {
    await attempt(`sequence chart "${chart.title}"`, () => attachSequenceChart(chart.steps, chart.title));
  }
  for (const series of report.latencies ?? []) {
    await attempt(`latency chart ${series.name}`, () =>
      attachLatencyChart(series.samplesMs ?? [], { metric: series.name, ...(series.slo ? { slo: series.slo } : {}) }),
    );
  }
  const faults = report.faults ?? [];
  if (faults.length) {
    await attempt('chaos timeline', () =>
      attachChaosTimeline(
        faults.map((f) => ({ link: f.link, description: f.description, startedAt: f.startedAt, endedAt: f.endedAt ?? null })),
        report.run ?? runWindowOf(events, faults),
      ),
    );
  }
  if (report.reconciliation) {
    const reconciliation = report.reconciliation;
    await attempt('billing reconciliation', () =>
      attachReconciliation(reconciliation, {
        title: `Billing reconciliation: ${report.title}`,
        ...(report.identities ? { identities: report.identities } : {}),
      }),
    );
  }
  if (events.length) await attempt('event log excerpt', () => attachEventLogExcerpt(events, options.eventLimit ?? 200));
  if (problems.length) await noteProblems(report.title, problems);
}

async function parameters(values: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    await allure.parameter(name, String(value), EXCLUDED_PARAMETERS.has(name.toLowerCase()) ? { excluded: true } : undefined);
  }
}

/** The procedures to chart: the first `count`, then the first failed one if not among them. */
function sequenceChartsOf(
  report: ScenarioReport,
  events: readonly RoamingEvent[],
  count: number,
): { title: string; steps: readonly SignalingStep[] }[] {
  const procedures = (report.procedures ?? []).filter((p) => p && Array.isArray(p.steps));
  if (procedures.length) {
    const chosen = procedures.slice(0, Math.max(0, count));
    const failed = procedures.find(isFailed);
    if (failed && !chosen.includes(failed)) chosen.push(failed);
    return chosen.map((p) => ({ title: procedureTitle(p), steps: p.steps }));
  }
  return transitionChartsOf(events, count);
}

function isFailed(p: ScenarioProcedure): boolean {
  return p.result === 'failure' || p.state === 'REJECTED' || p.state === 'FAILED' || p.steps.some((s) => s.result === 'error');
}

function procedureTitle(p: ScenarioProcedure): string {
  const title = [p.procedure ?? 'procedure', p.subscriberId, p.visited ? `in ${p.visited}` : undefined].filter(Boolean).join(' ');
  return isFailed(p) ? `${title} (${p.state ?? p.result ?? 'failed'})` : title;
}

/**
 * Without signaling, a procedure's chart shows its state transitions from
 * the event log: one self-message per transition on the procedure's
 * lifeline, timed from the procedure's start.
 */
function transitionChartsOf(events: readonly RoamingEvent[], count: number): { title: string; steps: SignalingStep[] }[] {
  const byCorrelation = new Map<string, RoamingEvent[]>();
  for (const event of events) {
    if (!event.transition) continue;
    const list = byCorrelation.get(event.correlation_id);
    if (list) list.push(event);
    else byCorrelation.set(event.correlation_id, [event]);
  }
  const procedures = [...byCorrelation.values()];
  const failed = procedures.find((list) => list.some((e) => e.result === 'failure'));
  const chosen = procedures.slice(0, Math.max(0, count));
  if (failed && !chosen.includes(failed)) chosen.push(failed);
  return chosen.map((list) => {
    const first = list[0]!;
    const lifeline = `${first.event_type} ${first.visited_mcc_mnc ?? ''}`.trim();
    const start = Date.parse(first.timestamp) - first.latency_ms;
    let previous = 0;
    const steps = list.map((event): SignalingStep => {
      const step: SignalingStep = {
        name: `${event.transition!.from} → ${event.transition!.to}`,
        from: lifeline,
        to: lifeline,
        startedAt: (Number.isFinite(start) ? start : 0) + previous,
        durationMs: Math.max(0, event.latency_ms - previous),
        result: event.result === 'failure' ? 'error' : 'ok',
        ...(event.failure_reason ? { detail: event.failure_reason } : {}),
      };
      previous = event.latency_ms;
      return step;
    });
    return {
      title: `${first.event_type} ${first.subscriber_id}${first.visited_mcc_mnc ? ` in ${first.visited_mcc_mnc}` : ''} (state transitions)`,
      steps,
    };
  });
}

/**
 * The run's window: from the first fault (or event) to the last end; an open
 * fault ends now. Events on another clock (a virtual one, hours away from the
 * faults' wall clock) are left out so they cannot stretch the timeline.
 */
function runWindowOf(events: readonly RoamingEvent[], faults: readonly ScenarioFault[]): { startedAt: number; endedAt: number } {
  const now = Date.now();
  const faultStart = Math.min(...faults.map((f) => f.startedAt));
  const faultEnd = Math.max(...faults.map((f) => f.endedAt ?? now));
  const HOUR = 3_600_000;
  const times = events
    .map((e) => Date.parse(e.timestamp))
    .filter((t) => Number.isFinite(t) && t >= faultStart - HOUR && t <= faultEnd + HOUR);
  const startedAt = Math.min(faultStart, ...times);
  return { startedAt, endedAt: Math.max(startedAt, faultEnd, ...times) };
}

async function noteProblems(title: string, problems: readonly string[]): Promise<void> {
  const text = `[roam] Failed to report part of scenario "${title}":\n${problems.map((p) => `  - ${p}`).join('\n')}\nThe rest of the report was attached. Fix the input named above (an SLO such as p(95)<450ms, a URL template with {id}).\n`;
  try {
    test.info().annotations.push({ type: REPORT_PROBLEM_ANNOTATION, description: problems.join('; ') });
  } catch {
    // Outside a test: nothing to annotate.
  }
  try {
    await allure.attachment('Scenario report problems', text, { contentType: 'text/plain', fileExtension: 'txt' });
  } catch {
    // The report must never break the scenario it reports.
  }
}
