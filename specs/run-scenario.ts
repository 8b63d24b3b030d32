import { test } from '../fixtures/test.js';
import { labelScenario } from '../reporters/scenario-labels.js';
import type { LoadedScenario } from './loader.js';
import { stepsOf, titleOf, type SpecDocumentSpec } from './schema.js';
import { checkExpectations } from './runner/expectations.js';
import { RunState } from './runner/run-state.js';
import { runSteps } from './runner/run-steps.js';
import { createGroups, networkedWorld, virtualWorld, type ScenarioWorld } from './runner/worlds.js';
import { attachRunSamples } from '../fixtures/run-samples.js';
import { reportScenario } from './runner/run-report.js';
import type { Reconciliation } from '../simulator/billing/reconcile.js';
import { SeededRandom } from '../simulator/random/seeded-random.js';
import { segmentFromEnv } from './segment.js';
import { clockOf } from './scenario-clock.js';

/**
 * The body of the public `runScenario` (specs.ts), which loads this module
 * on its first call: the world, the steps, the rollbacks and the checks.
 */
export async function runScenario({ spec, file }: LoadedScenario): Promise<void> {
  const segment = segmentFromEnv();
  // Labelled once, at the start: a scenario that fails or times out half way is still found by its labels.
  await labelScenario({
    tags: spec.tags,
    partnerCases: Object.values(spec.references),
    severity: spec.severity,
    file,
    ...(spec.id ? { id: spec.id } : {}),
    ...(spec.epic ? { epic: spec.epic } : {}),
    ...(spec.feature ? { feature: spec.feature } : {}),
    ...(spec.story ? { story: spec.story } : {}),
    ...(spec.owner ? { owner: spec.owner } : {}),
    ...(segment.whole ? {} : { segment: segment.toString() }),
  });
  const clock = clockOf(spec);
  test.info().annotations.push({ type: 'roam:clock', description: clock });
  if (!segment.whole) test.info().annotations.push({ type: 'roam:segment', description: segment.toString() });
  for (const [programme, ref] of Object.entries(spec.references))
    test.info().annotations.push({ type: `ref:${programme}`, description: ref });
  const world: ScenarioWorld = await test.step(
    `bring up the world (${clock} clock)`,
    () => (clock === 'virtual' ? Promise.resolve(virtualWorld(spec)) : networkedWorld(spec)),
    { box: true },
  );
  const startedAt = world.sim.clock.now();
  // Reconciled once: the expectation checks it, and the report shows the same result.
  let reconciled: Promise<Reconciliation> | undefined;
  const reconcile = () => (reconciled ??= world.reconcile());
  let run: RunState | undefined;
  try {
    run = new RunState({
      sim: world.sim,
      faults: world.faults,
      random: new SeededRandom(spec.seed ?? 1).fork('run'),
      concurrency: world.concurrency,
      segment,
    });
    const state = run;
    await test.step(segment.whole ? 'provision subscribers' : `provision subscribers (segment ${segment})`, () => provision(state, spec), {
      box: true,
    });
    await test.step(
      'link conditions',
      async () => {
        for (const [link, conditions] of Object.entries(spec.links)) {
          for (const condition of Array.isArray(conditions) ? conditions : [conditions]) await world.faults.apply(link, condition);
        }
      },
      { box: true },
    );
    if ('drill' in spec) state.phaseOf = drillPhases(spec, state.now());
    try {
      await runSteps(state, spec, stepsOf(spec));
    } finally {
      if ('drill' in spec) await rollback(state, spec);
    }
    await checkExpectations(state, spec, {
      reconcile,
      events: world.events,
      billingRetries: () => world.billingRetries(),
    });
    await attachRunSamples(state.samples);
  } finally {
    // An element process that died (osmo-hlr killed, crashed) explains the failures after it: said in the report.
    const exits = world.elementExits?.() ?? [];
    if (exits.length) {
      await test.info().attach('element exits', { body: `${exits.join('\n')}\n`, contentType: 'text/plain' });
      for (const exit of exits) test.info().annotations.push({ type: 'roam:element-exit', description: exit });
    }
    // Pass or fail, the report shows what happened: charts, faults, billing, events.
    await reportScenario({ spec, file, clock, world, run, startedAt, reconcile });
    await world.close();
  }
}

async function provision(run: RunState, spec: SpecDocumentSpec): Promise<void> {
  for (const [name, made] of createGroups(run.sim, spec, run.segment)) {
    run.groups.set(name, made);
    for (const s of made) run.groupOf.set(s.imsi, name);
  }
  await run.sim.settled();
}

async function rollback(run: RunState, spec: SpecDocumentSpec & { rollbacks: readonly string[] }): Promise<void> {
  await test.step(
    `rollbacks: ${spec.rollbacks.join(', ') || 'none'}`,
    async () => {
      if (spec.rollbacks.includes('reset-faults')) await run.faults.clear();
      if (spec.rollbacks.includes('detach-all')) {
        const registered = [...run.groups.values()].flat().filter((s) => run.sim.servingNetworkOf(s));
        await run.sim.run(Promise.all(registered.map((s) => run.sim.detach(s).catch(() => undefined))));
      }
    },
    { box: true },
  );
}

// before: until the first timed fault starts; during: until the last ends plus the recovery allowance; after: then.
function drillPhases(spec: SpecDocumentSpec, start: number): (at: number) => string {
  const timed = stepsOf(spec)
    .flatMap((s) => (s.fault && s.fault.for !== undefined ? [{ from: s.fault.at ?? 0, until: (s.fault.at ?? 0) + s.fault.for }] : []))
    .concat(
      Object.values(spec.links)
        .flat()
        .flatMap((f) => (f.for !== undefined ? [{ from: f.at ?? 0, until: (f.at ?? 0) + f.for }] : [])),
    );
  if (timed.length === 0) return () => 'steady';
  const first = start + Math.min(...timed.map((t) => t.from));
  const last = start + Math.max(...timed.map((t) => t.until)) + (spec.expect.recovery?.within ?? 0);
  return (at) => (at < first ? 'before' : at < last ? 'during' : 'after');
}
