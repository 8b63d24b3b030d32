/**
 * A drill document of the spec language, run without the test runner: the
 * `roam drill` command. The document is the same one `roam run` and
 * `specs()` run inside Playwright; here it is compiled onto the chaos layer's
 * drill engine, which adds live progress, a steady-state gate checked by
 * probes, and a recovery time per fault.
 *
 * @module
 */
import { RoamError } from '../core/errors.js';
import type { DrillDefinition, DrillProbe, FaultStep, LoadStep } from '../chaos/drills/drill-definition.js';
import { parseMetricSelector } from '../metrics/metric-samples.js';
import { evaluateSlo, type Slo } from '../metrics/slo.js';
import { SeededRandom } from '../simulator/random/seeded-random.js';
import type { Subscriber } from '../simulator/subscriber.js';
import type { StartedRoamingWorld } from '../world/roaming-world.js';
import { faultSpecsOf } from './link-faults.js';
import { createGroups, seedOf } from './runner/worlds.js';
import type { DrillSpec, StepSpec } from './schema.js';

/** The metrics a standalone drill's probes can measure: each probe attaches a few fresh subscribers. */
export const PROBE_METRICS = ['attach_success', 'attach_latency'] as const;

/** Probe attaches per check of the steady state, unless the caller says otherwise. */
export const DEFAULT_PROBE_SAMPLES = 3;

/** A part of a drill document that `roam drill` cannot run on its own; `roam run` runs the whole language. */
export class StandaloneDrillError extends RoamError {
  constructor(drill: string, where: string, why: string) {
    super('ROAM_DRILL_UNSUPPORTED', `run drill "${drill}" on its own`, `${where}: ${why}`, {
      hint: 'roam drill runs attach load, timed faults and attach probes; run this drill with "roam run <file>" instead',
    });
  }
}

/** What a running standalone drill reports as it goes. */
export interface DrillProgressSink {
  /** One procedure of the load finished. */
  procedure(ok: boolean): void;
}

/** A drill document compiled for the chaos layer's engine on a running world. */
export interface CompiledDrill {
  readonly definition: DrillDefinition;
  /** Makes the subscribers, puts the standing link conditions on, and runs the setup steps (attaches), before the timeline. */
  prepare(): Promise<void>;
}

/**
 * Compiles a drill document: timed faults become fault steps, the load an
 * attach load at its rate, the steady state probes (a few fresh attaches
 * each check), the rollbacks rollbacks.
 *
 * @throws {StandaloneDrillError} for a step or metric only `roam run` runs.
 */
export function compileDrill(
  spec: DrillSpec,
  world: StartedRoamingWorld,
  options: { readonly progress?: DrillProgressSink; readonly probeSamples?: number; readonly rate?: number } = {},
): CompiledDrill {
  const refuse = (where: string, why: string): never => {
    throw new StandaloneDrillError(spec.drill, where, why);
  };
  const firstVisited = spec.world.visited[0]!.plmn;
  const groups = new Map<string, Subscriber[]>();
  const setup: { who: string; visited: string }[] = [];
  const method: (FaultStep | LoadStep)[] = [];
  const random = new SeededRandom(seedOf(spec)).fork('drill-load');
  const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)]!;

  spec.method.forEach((step: StepSpec, index) => {
    const where = `method[${index}]`;
    if (step.attach) {
      if (!step.attach.visited) refuse(`${where}.attach`, 'steering over several networks runs only under "roam run"');
      setup.push({ who: step.attach.who, visited: step.attach.visited! });
    } else if (step.fault) {
      const { link, ...fault } = step.fault;
      if (fault.for === undefined) refuse(`${where}.fault`, 'a drill\'s fault needs "for", so that recovery can be measured');
      if (fault.throttle !== undefined) refuse(`${where}.fault.throttle`, 'a throttle has no Toxiproxy equivalent on real sockets');
      for (const chaosFault of faultSpecsOf(link, fault)) method.push({ at: fault.at ?? 0, for: fault.for!, fault: chaosFault });
    } else if (step.load) {
      const load = step.load;
      const procedures = Object.entries(load.mix)
        .filter(([, weight]) => (weight ?? 0) > 0)
        .map(([name]) => name);
      if (procedures.some((p) => p !== 'attach')) refuse(`${where}.load.mix`, `${procedures.join(', ')}: only attach load runs on its own`);
      const networks = load.visited ?? spec.world.visited.map((v) => v.plmn);
      method.push({
        at: 0,
        for: load.for,
        load: {
          name: `attaches of ${load.who} in ${networks.join(', ')}`,
          ratePerSecond: options.rate ?? load.rate,
          run: async () => {
            const outcome = await world.attach(pick(groups.get(load.who) ?? []), { visited: pick(networks) });
            const ok = outcome.state === 'REGISTERED';
            options.progress?.procedure(ok);
            // The engine counts a false result as a failed run of the load.
            return ok;
          },
        },
      });
    } else {
      refuse(where, `a ${Object.keys(step).join(', ')} step runs only under "roam run"`);
    }
  });
  if (!method.some((s) => 'fault' in s)) refuse('method', 'a drill needs at least one fault with "at" and "for"');

  const probeSubscribers: Subscriber[] = [];
  const probes: DrillProbe[] = Object.entries(spec['steady-state'] ?? {}).flatMap(([selector, slos]) =>
    slos.map((slo) => probeOf(selector, slo, firstVisited, probeSubscribers, world, refuse)),
  );
  if (probes.length === 0) refuse('steady-state', `give at least one SLO on ${PROBE_METRICS.join(' or ')} to probe`);

  return {
    definition: {
      title: spec.drill,
      steadyState: { title: spec.hypothesis, probes },
      method,
      rollbacks: spec.rollbacks.map((name) => ({
        name,
        run: name === 'reset-faults' ? () => world.chaos.clearFaults() : () => detachAll(world, [...groups.values()].flat()),
      })),
      recovery: { pollEvery: 200, timeout: spec.expect.recovery?.within ?? 10_000 },
    },
    prepare: async () => {
      for (const [name, made] of createGroups(world.simulator, spec)) groups.set(name, made);
      await world.simulator.settled();
      probeSubscribers.push(...(await world.subscribers.createMany({ count: options.probeSamples ?? DEFAULT_PROBE_SAMPLES })));
      for (const [link, conditions] of Object.entries(spec.links)) {
        for (const condition of Array.isArray(conditions) ? conditions : [conditions]) {
          for (const fault of faultSpecsOf(link, condition)) await world.chaos.inject(fault);
        }
      }
      for (const { who, visited } of setup) {
        await Promise.all((groups.get(who) ?? []).map((s) => world.attach(s, { visited })));
      }
    },
  };
}

function probeOf(
  selector: string,
  slo: Slo,
  fallbackVisited: string,
  subscribers: readonly Subscriber[],
  world: StartedRoamingWorld,
  refuse: (where: string, why: string) => never,
): DrillProbe {
  const parsed = parseMetricSelector(selector);
  if (!(PROBE_METRICS as readonly string[]).includes(parsed.metric)) {
    refuse(`steady-state.${selector}`, `probes measure ${PROBE_METRICS.join(' and ')}`);
  }
  const visited = parsed.tags['visited'] ?? fallbackVisited;
  return {
    name: `${selector} ${slo.source}`,
    probe: async () => {
      const outcomes = await Promise.all(subscribers.map((s) => world.attach(s, { visited })));
      const sample =
        parsed.metric === 'attach_success'
          ? outcomes.map((o) => o.state === 'REGISTERED')
          : outcomes.filter((o) => o.state === 'REGISTERED').map((o) => o.latencyMs);
      return evaluateSlo(slo, sample).measured;
    },
    // The SLO's own comparison, in its base unit (a fraction for a rate, ms for a latency).
    tolerance: `${slo.operator} ${slo.threshold}`,
  };
}

async function detachAll(world: StartedRoamingWorld, subscribers: readonly Subscriber[]): Promise<void> {
  await Promise.all(subscribers.map((s) => world.simulator.detach(s).catch(() => undefined)));
}
