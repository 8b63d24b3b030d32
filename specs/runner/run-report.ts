import { attachScenarioReport, type ScenarioLatency } from '../../reporters/scenario-report.js';
import type { Reconciliation } from '../../simulator/billing/reconcile.js';
import type { RoamingEvent } from '../../simulator/roaming-events.js';
import { titleOf, type SpecDocumentSpec } from '../schema.js';
import type { RunState } from './run-state.js';
import type { ScenarioWorld } from './worlds.js';

/** What the runner knows at the end of a scenario, pass or fail. */
export interface ScenarioOutcome {
  readonly spec: SpecDocumentSpec;
  readonly file: string;
  readonly clock: string;
  readonly world: ScenarioWorld;
  /** Undefined when the scenario failed before its steps started. */
  readonly run: RunState | undefined;
  /** The scenario's billing reconciliation (shared with its expectations, so it is computed once). */
  readonly reconcile: () => Promise<Reconciliation>;
  /** When it started: `now()` of the simulator's clock (ms since the epoch, or the virtual calendar). */
  readonly startedAt: number;
}

/**
 * Reports a scenario in Allure with its charts and tables: sequence chart
 * of its first attach, latency histograms and CDFs with the SLO line, the
 * chaos timeline, the billing reconciliation (when the spec checks billing)
 * and an excerpt of its event log. Never throws: a report is not a reason to
 * fail a scenario.
 */
export async function reportScenario({ spec, file, clock: clockName, world, run, startedAt, reconcile }: ScenarioOutcome): Promise<void> {
  const events = (world.events?.events ?? eventLogOf(run)) as readonly RoamingEvent[];
  const reconciliation: Reconciliation | undefined = spec.expect.billing ? await reconcile().catch(() => undefined) : undefined;
  // Fault windows are on the run's monotonic clock; the report wants wall-clock (or virtual calendar) time.
  const clock = world.sim.clock;
  const offset = clock.now() - clock.monotonic();
  const endedAt = clock.now();
  await attachScenarioReport({
    title: titleOf(spec),
    parameters: {
      seed: String(spec.seed ?? 1),
      clock: clockName,
      'hlr backend': spec.world.hlr ?? 'mock',
    },
    events,
    procedures: run?.attaches.map((a) => a.outcome) ?? [],
    latencies: run ? latenciesOf(spec, run) : [],
    faults: (run?.faults.windows() ?? []).map((w) => ({
      link: w.link,
      description: w.link,
      startedAt: w.from + offset,
      endedAt: w.until + offset,
    })),
    ...(reconciliation ? { reconciliation } : {}),
    ...(run ? { identities: run.sim.hasher } : {}),
    run: { startedAt, endedAt: Math.max(endedAt, startedAt) },
  });
}

/** Every latency metric measured, with the spec's first SLO on that metric (untagged) as the line on its chart. */
function latenciesOf(spec: SpecDocumentSpec, run: RunState): ScenarioLatency[] {
  return run.samples.metrics
    .filter((metric) => metric.endsWith('_latency'))
    .map((metric) => {
      const slo = spec.expect.slo?.[metric];
      const first = slo?.[0];
      const samplesMs = run.samples.select(metric).filter((v): v is number => typeof v === 'number');
      return { name: metric, samplesMs, ...(first ? { slo: first } : {}) };
    })
    .filter((l) => l.samplesMs.length > 0);
}

function eventLogOf(run: RunState | undefined): readonly RoamingEvent[] {
  return (run?.sim as { eventLog?: { events: readonly RoamingEvent[] } } | undefined)?.eventLog?.events ?? [];
}
