/**
 * Runs a drill: checks it, gates on the steady-state hypothesis, plays the
 * method's faults and load on the timeline, measures each fault's recovery,
 * checks the hypothesis again, and always rolls back.
 *
 * @module
 */
import type { ActiveFault } from '../fault.js';
import type { TunableFault } from '../link-faults.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import { realClock, type Clock } from '../../core/clock.js';
import type { DrillDefinition, DrillTarget } from './drill-definition.js';
import type { DrillReport, DrillStatus, FaultRecord, HypothesisCheck, LoadRecord, RollbackResult, TimelineEvent } from './drill-report.js';
import { checkDrill, type CheckedFaultStep } from './drill-schema.js';
import { checkHypothesis, RecoveryWatch } from './hypothesis.js';
import { runLoad } from './load-runner.js';

/** How to run a drill. */
export interface RunDrillOptions {
  /** Where faults go: a `ChaosNetwork`, or anything with `checkFault` and `inject`. */
  readonly target: DrillTarget;
  /** Default the real clock; a `VirtualClock` makes unit tests instant. */
  readonly clock?: Clock;
  /** Aborting stops the method at once; rollbacks still run. */
  readonly signal?: AbortSignal;
}

/**
 * Runs a drill and reports what happened. Never throws for what happens
 * during the run (that is in the report's status); throws before anything
 * is injected if the definition is invalid.
 *
 * @throws {ChaosError} `ROAM_CHAOS_BAD_DRILL` naming the field (unknown link, negative duration, percent over 100...)
 * @example
 * ```ts
 * const report = await runDrill(drill, { target: world.chaos });
 * expect(report.faults[0].recoveryMs).toBeLessThan(2000);
 * ```
 */
export async function runDrill(definition: DrillDefinition, options: RunDrillOptions): Promise<DrillReport> {
  const drill = checkDrill(definition, options.target);
  const clock = options.clock ?? realClock;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = stop.signal;
  const start = clock.monotonic();
  const startedAt = Date.now();
  const elapsed = (): number => clock.monotonic() - start;
  const timeline: TimelineEvent[] = [];
  const note = (event: TimelineEvent['event'], detail: string): void => void timeline.push({ atMs: elapsed(), event, detail });
  const active = new Set<ActiveFault>();
  const faults: FaultRecord[] = [];
  const loads: LoadRecord[] = [];
  let status: DrillStatus;
  let after: HypothesisCheck | undefined;
  let error: string | undefined;
  let before: HypothesisCheck = { atMs: 0, holds: false, probes: [] };

  try {
    before = await checkHypothesis(drill.probes, clock, start, signal);
    note('hypothesis-before', before.holds ? 'holds' : 'does not hold: the method is skipped');
    if (!before.holds) {
      status = 'gate-failed';
    } else {
      const watch = new RecoveryWatch({
        probes: drill.probes,
        clock,
        startMs: start,
        pollEveryMs: drill.pollEveryMs,
        timeoutMs: drill.recoveryTimeoutMs,
        signal,
      });
      const methodStart = clock.monotonic();
      const until = (atMs: number): Promise<void> => clock.sleep(methodStart + atMs - clock.monotonic(), signal);
      note('method-started', `${drill.faults.length} fault(s), ${drill.loads.length} load(s)`);
      const runFault = async (step: CheckedFaultStep): Promise<void> => {
        const record = {
          label: step.label ?? step.fault.type,
          link: step.fault.link,
          description: '',
          startedAtMs: undefined,
          endedAtMs: undefined,
          recoveryMs: undefined,
          recovered: false,
        } as {
          -readonly [K in keyof FaultRecord]: FaultRecord[K];
        };
        faults.push(record);
        await until(step.atMs);
        const first = step.ramp ? ({ ...step.fault, [step.ramp.field]: step.ramp.from } as FaultSpec) : step.fault;
        const fault = await options.target.inject(first);
        active.add(fault);
        record.description = fault.description;
        record.label = step.label ?? fault.description;
        // The fault lasts its full duration from when it was in effect, however long injecting took.
        const began = clock.monotonic();
        const after = (offsetMs: number): Promise<void> => clock.sleep(began + offsetMs - clock.monotonic(), signal);
        record.startedAtMs = began - start;
        note('fault-started', `${record.label} on ${record.link}`);
        try {
          if (step.ramp) {
            const { field, from, to, steps } = step.ramp;
            for (let k = 1; k < steps; k++) {
              await after((step.forMs * k) / steps);
              const value = from + ((to - from) * k) / (steps - 1);
              await (fault as TunableFault).retune({ [field]: Number.isInteger(from) && Number.isInteger(to) ? Math.round(value) : value });
              note('fault-retuned', `${record.label}: ${field} ${value}`);
            }
          }
          await after(step.forMs);
        } finally {
          await fault.remove();
          active.delete(fault);
          record.endedAtMs = elapsed();
          note('fault-ended', `${record.label} on ${record.link}`);
        }
        const heldAt = await watch.waitUntilHolds(record.endedAtMs);
        record.recovered = heldAt !== undefined;
        record.recoveryMs = heldAt === undefined ? undefined : Math.max(0, heldAt.startedAtMs - record.endedAtMs);
        record.recoveryConfirmedMs = heldAt === undefined ? undefined : heldAt.confirmedAtMs - record.endedAtMs;
        note(
          record.recovered ? 'recovered' : 'not-recovered',
          `${record.label}${record.recovered ? ` after ${Math.round(record.recoveryMs!)} ms` : ''}`,
        );
      };
      const runLoadStep = async (step: (typeof drill.loads)[number]): Promise<void> => {
        await until(step.atMs);
        note('load-started', step.load.name);
        loads.push(await runLoad(step, clock, signal));
        note('load-ended', step.load.name);
      };
      const tasks = [...drill.faults.map(runFault), ...drill.loads.map(runLoadStep)].map((task) =>
        task.catch((failure: unknown) => {
          // The first failure stops every other step; rollbacks follow.
          if (!signal.aborted) stop.abort(failure);
          throw failure;
        }),
      );
      const outcomes = await Promise.allSettled(tasks);
      await watch.settled();
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
      note('method-ended', '');
      after = await checkHypothesis(drill.probes, clock, start, signal);
      note('hypothesis-after', after.holds ? 'holds' : 'does not hold');
      status = after.holds ? 'passed' : 'deviated';
    }
  } catch (failure) {
    if (options.signal?.aborted) {
      status = 'aborted';
      note('aborted', String(options.signal.reason ?? 'aborted'));
    } else {
      status = 'failed';
      error = (failure as Error)?.message ?? String(failure);
      note('error', error);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  const rollbacks = await rollBack(active, faults, drill.rollbacks, note, elapsed);
  return {
    title: drill.title,
    status,
    startedAt,
    durationMs: elapsed(),
    before,
    after,
    faults,
    loads,
    rollbacks,
    timeline,
    ...(error ? { error } : {}),
  };
}

/** Removes faults still in effect, then runs every rollback; each failure is recorded, none stops the rest. */
async function rollBack(
  active: Set<ActiveFault>,
  faults: FaultRecord[],
  rollbacks: readonly { name: string; run: () => unknown }[],
  note: (event: TimelineEvent['event'], detail: string) => void,
  elapsed: () => number,
): Promise<RollbackResult[]> {
  const results: RollbackResult[] = [];
  for (const fault of active) {
    const name = `remove ${fault.description} on ${fault.link}`;
    try {
      await fault.remove();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: (error as Error).message });
    }
    const record = faults.find((f) => f.description === fault.description && f.endedAtMs === undefined) as
      { endedAtMs?: number } | undefined;
    if (record) record.endedAtMs = elapsed();
    note('rollback', name);
  }
  for (const rollback of rollbacks) {
    try {
      await rollback.run();
      results.push({ name: rollback.name, ok: true });
    } catch (error) {
      results.push({ name: rollback.name, ok: false, error: (error as Error).message });
    }
    note('rollback', rollback.name);
  }
  return results;
}
