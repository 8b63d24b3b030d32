import { formatDuration } from '../../core/duration.js';
import { test, expect } from '../../fixtures/test.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import type { SpecDocumentSpec, StepSpec } from '../schema.js';
import { runLoadPhase } from './load-phase.js';
import { Procedures, type StepResult } from './procedures.js';
import type { RunState } from './run-state.js';

/** A step's title in the report, e.g. `attach travellers (50) in 208-01`. */
export function describeSpecStep(step: StepSpec, run?: RunState): string {
  const [kind, body] = Object.entries(step)[0] as [string, Record<string, unknown> | number];
  if (kind === 'wait') return `wait ${formatDuration(body as number)}`;
  const b = body as Record<string, unknown>;
  const who = typeof b['who'] === 'string' ? `${b['who']}${run ? ` (${run.members(b['who']).length})` : ''}` : '';
  switch (kind) {
    case 'attach':
      return `attach ${who} ${b['networks'] ? `trying ${(b['networks'] as string[]).join(', ')}` : `in ${String(b['visited'])}`}${b['sim'] === 'clone' ? ' with cloned SIMs' : ''}`;
    case 'call':
      return `call ${who} ${b['direction'] === 'mt' ? 'from' : 'to'} ${String(b['to'])}${b['duration'] !== undefined ? ` for ${formatDuration(b['duration'] as number)}` : ''}`;
    case 'handoff':
      return `hand off the calls of ${who} to ${String(b['to'])}`;
    case 'fault':
      return `fault on ${String(b['link'])}: ${describeFault(b)}`;
    case 'load':
      return `load ${who}: ${Object.keys(b['mix'] as object).join('+')} ${b['users'] !== undefined ? `from ${String(b['users'])} users` : `at ${round(b['rate'] as number)}/s${b['arrivals'] === 'poisson' ? ' (Poisson)' : ''}`} for ${formatDuration(b['for'] as number)}${b['background'] ? ' (background)' : ''}`;
    default:
      return `${kind} ${who}`;
  }
}

/** A fault in words: `latency 40ms, loss 5% for 10s`. */
export function describeFault(fault: Record<string, unknown>): string {
  const parts: string[] = [];
  if (fault['latency'] !== undefined)
    parts.push(
      `latency ${formatDuration(fault['latency'] as number)}${fault['jitter'] ? ` ±${formatDuration(fault['jitter'] as number)}` : ''}`,
    );
  if (fault['loss'] !== undefined) parts.push(`loss ${round(fault['loss'] as number)}%`);
  if (fault['partition']) parts.push(fault['partition'] === 'refused' ? 'partition (refused)' : 'partition');
  if (fault['bandwidth'] !== undefined) parts.push(`bandwidth ${String(fault['bandwidth'])} KB/s`);
  if (fault['throttle'] !== undefined) parts.push(`throttle ${round(fault['throttle'] as number)}/s`);
  const when = `${fault['at'] !== undefined ? ` at +${formatDuration(fault['at'] as number)}` : ''}${fault['for'] !== undefined ? ` for ${formatDuration(fault['for'] as number)}` : ''}`;
  return `${parts.join(', ') || 'none'}${when}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Runs one spec step against the run's simulator, then checks the step's
 * own `expect` for every subscriber it ran for. On the virtual clock the
 * whole step runs inside `sim.run`, so time advances as it needs.
 */
export async function runSpecStep(run: RunState, spec: SpecDocumentSpec, step: StepSpec, index: number): Promise<void> {
  const procedures = new Procedures(run);
  const name = String(index + 1);
  const results: { sub: Subscriber; result: StepResult }[] = [];
  const kind = Object.keys(step)[0]!;
  // One subscriber at a time (small networked runs): each subscriber's exchanges grouped under a step of its own.
  const each = (who: string, work: (sub: Subscriber) => Promise<StepResult>) =>
    run.forEach(run.members(who), async (sub) => {
      const result =
        run.concurrency === 1
          ? await test.step(`${kind} ${run.sim.hasher.subscriber(sub.imsi)}`, () => work(sub), { box: true })
          : await work(sub);
      results.push({ sub, result });
    });
  const visitedAll = spec.world.visited.map((v) => v.plmn as string);

  const work = async (): Promise<void> => {
    if (step.attach) {
      const a = step.attach;
      const target = {
        ...(a.visited ? { visited: a.visited } : {}),
        ...(a.networks ? { networks: a.networks } : {}),
        clone: a.sim === 'clone',
      };
      if (a.rate !== undefined) {
        const gap = 1000 / a.rate;
        const start = run.now();
        await Promise.all(
          run.members(a.who).map(async (sub, i) => {
            await run.sim.clock.sleep(start + i * gap - run.now());
            results.push({ sub, result: await procedures.attach(sub, target, name) });
          }),
        );
      } else await each(a.who, (sub) => procedures.attach(sub, target, name));
    } else if (step.locationUpdate) {
      const lu = step.locationUpdate;
      await each(lu.who, (sub) =>
        procedures.locationUpdate(sub, { kind: lu.kind, ...(lu.lac !== undefined ? { lac: lu.lac } : {}) }, name),
      );
    } else if (step.call) {
      const c = step.call;
      await each(c.who, async (sub) => {
        const setUp = await procedures.call(sub, { to: c.to, direction: c.direction, ...(c.visited ? { visited: c.visited } : {}) }, name);
        if (setUp.outcome !== 'success') return setUp;
        let last = setUp;
        let spent = 0;
        for (const h of c.handoff ?? []) {
          await run.sim.elapse(h.after);
          spent += h.after;
          const handed = await procedures.handoff(sub, h.to, name);
          if (handed.outcome !== 'success') last = handed;
        }
        if (c.duration !== undefined) {
          await run.sim.elapse(Math.max(0, c.duration - spent));
          await procedures.hangup(sub);
        }
        return last;
      });
    } else if (step.hangup) {
      await each(step.hangup.who, (sub) => procedures.hangup(sub));
    } else if (step.handoff) {
      const h = step.handoff;
      await each(h.who, (sub) => procedures.handoff(sub, h.to, name));
    } else if (step.data) {
      const d = step.data;
      await each(d.who, (sub) => procedures.data(sub, { bytes: d.bytes, reports: d.reports, ...(d.apn ? { apn: d.apn } : {}) }, name));
    } else if (step.sms) {
      const s = step.sms;
      await each(s.who, (sub) => procedures.sms(sub, { to: s.to, direction: s.direction, segments: s.segments }, name));
    } else if (step.detach) {
      await each(step.detach.who, (sub) => procedures.detach(sub, name));
    } else if (step.wait !== undefined) {
      await run.sim.elapse(step.wait);
    } else if (step.fault) {
      const { link, ...fault } = step.fault;
      await run.faults.apply(link, fault);
    } else if (step.load) {
      const phase = runLoadPhase(run, procedures, step.load, visitedAll, name);
      if (step.load.background) run.background.push(phase);
      else await phase;
    }
  };
  await run.sim.run(work());
  const expected = stepExpectation(step);
  if (expected) checkStepResults(results, expected, run);
}

function stepExpectation(step: StepSpec): { outcome: string; cause?: string; network?: string } | undefined {
  const body = Object.values(step)[0] as { expect?: { outcome: string; cause?: string; network?: string } } | number | undefined;
  return typeof body === 'object' ? body.expect : undefined;
}

function checkStepResults(
  results: readonly { sub: Subscriber; result: StepResult }[],
  expected: { outcome: string; cause?: string; network?: string },
  run: RunState,
): void {
  const wrong = results.filter(
    ({ result }) =>
      result.outcome !== expected.outcome ||
      (expected.cause !== undefined && result.cause !== expected.cause) ||
      (expected.network !== undefined && result.network !== expected.network),
  );
  const want = `${expected.outcome}${expected.cause ? ` (${expected.cause})` : ''}${expected.network ? ` in ${expected.network}` : ''}`;
  const seen = wrong
    .slice(0, 5)
    .map(
      ({ sub, result }) =>
        `${run.sim.hasher.subscriber(sub.imsi)}: ${result.outcome}${result.cause ? ` (${result.cause})` : ''}${result.network ? ` in ${result.network}` : ''}${result.reason ? `: ${result.reason}` : ''}`,
    );
  expect(wrong.length, `every subscriber's outcome is ${want}; ${wrong.length} of ${results.length} differ:\n  ${seen.join('\n  ')}`).toBe(
    0,
  );
}

/** Runs every step of a scenario (or a drill's method) as a boxed Playwright step. */
export async function runSteps(run: RunState, spec: SpecDocumentSpec, steps: readonly StepSpec[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    await test.step(describeSpecStep(step, run), () => runSpecStep(run, spec, step, i), { box: true });
  }
  if (run.background.length) {
    await test.step('wait for background load', () => run.sim.run(Promise.all(run.background)).then(() => undefined), { box: true });
  }
}
