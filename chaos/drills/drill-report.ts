/**
 * What a drill run reports: the verdict, the hypothesis before and after,
 * each fault's start, end and recovery time, load counts, rollbacks, and
 * the timeline of everything that happened.
 *
 * @module
 */
import type { ProbeValue } from './tolerance.js';

/** How a drill ended. */
export type DrillStatus =
  /** The hypothesis held before and after. */
  | 'passed'
  /** It held before, not after. */
  | 'deviated'
  /** It did not hold before; the method did not run. */
  | 'gate-failed'
  /** Something broke (a fault could not be injected, a probe crashed the run). */
  | 'failed'
  /** Aborted through its signal. */
  | 'aborted';

/** One probe's result. */
export interface ProbeResult {
  readonly name: string;
  readonly value: ProbeValue | undefined;
  readonly tolerance: string;
  readonly ok: boolean;
  /** Set when the probe threw. */
  readonly error?: string;
}

/** One check of the hypothesis. */
export interface HypothesisCheck {
  /** When the check began, ms after the drill began. */
  readonly atMs: number;
  readonly holds: boolean;
  readonly probes: readonly ProbeResult[];
}

/** A fault of the method, as it happened. */
export interface FaultRecord {
  readonly label: string;
  readonly link: string;
  readonly description: string;
  /** Ms after the drill began; undefined if it never started. */
  readonly startedAtMs: number | undefined;
  readonly endedAtMs: number | undefined;
  /**
   * Ms from the fault's end until a check of the hypothesis that began
   * after that end held; undefined if it did not within the recovery timeout.
   */
  readonly recoveryMs: number | undefined;
  /** Ms from the fault's end until that check finished: recovery as confirmed, probes' own time included. */
  readonly recoveryConfirmedMs: number | undefined;
  readonly recovered: boolean;
}

/** A load of the method, counted. */
export interface LoadRecord {
  readonly name: string;
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Calls due while `concurrency` calls were in flight, not made. */
  readonly skipped: number;
}

/** An event on the timeline. */
export interface TimelineEvent {
  readonly atMs: number;
  readonly event:
    | 'hypothesis-before'
    | 'method-started'
    | 'fault-started'
    | 'fault-retuned'
    | 'fault-ended'
    | 'recovered'
    | 'not-recovered'
    | 'load-started'
    | 'load-ended'
    | 'method-ended'
    | 'hypothesis-after'
    | 'rollback'
    | 'aborted'
    | 'error';
  readonly detail: string;
}

/** A rollback's outcome. */
export interface RollbackResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** The whole report. */
export interface DrillReport {
  readonly title: string;
  readonly status: DrillStatus;
  /** Wall-clock start, ms since the epoch. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly before: HypothesisCheck;
  readonly after: HypothesisCheck | undefined;
  readonly faults: readonly FaultRecord[];
  readonly loads: readonly LoadRecord[];
  readonly rollbacks: readonly RollbackResult[];
  readonly timeline: readonly TimelineEvent[];
  /** What broke, for `failed`. */
  readonly error?: string;
}

/**
 * A short text summary of a report, one fact per line.
 *
 * @example
 * ```ts
 * console.log(formatDrillReport(report));
 * ```
 */
export function formatDrillReport(report: DrillReport): string {
  const ms = (v: number | undefined): string => (v === undefined ? '—' : `${Math.round(v)} ms`);
  return [
    `drill "${report.title}": ${report.status} in ${ms(report.durationMs)}`,
    `  before: ${report.before.holds ? 'holds' : 'does not hold'} (${report.before.probes.map((p) => `${p.name}=${String(p.value)} ${p.tolerance}`).join(', ')})`,
    ...(report.after ? [`  after: ${report.after.holds ? 'holds' : 'does not hold'}`] : []),
    ...report.faults.map(
      (f) =>
        `  fault ${f.label} on ${f.link}: ${ms(f.startedAtMs)} → ${ms(f.endedAtMs)}, recovery ${f.recovered ? `${ms(f.recoveryMs)} (confirmed at ${ms(f.recoveryConfirmedMs)})` : 'not within the timeout'}`,
    ),
    ...report.loads.map((l) => `  load ${l.name}: ${l.succeeded}/${l.attempts} succeeded, ${l.skipped} skipped`),
    ...report.rollbacks.map((r) => `  rollback ${r.name}: ${r.ok ? 'ok' : `failed (${r.error})`}`),
    ...(report.error ? [`  error: ${report.error}`] : []),
  ].join('\n');
}
