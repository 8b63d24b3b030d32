import { test, expect } from '../fixtures/test.js';
import { startRoamingWorld, type StartedRoamingWorld } from '../fixtures/world/roaming-world.js';
import type { AttachOutcome } from '../simulator/procedures/attach.js';
import type { Subscriber } from '../simulator/subscriber.js';
import { signalingSteps } from '../fixtures/steps.js';
import { labelScenario } from '../reporters/scenario-labels.js';
import type { LoadedScenario } from './loader.js';
import type { ScenarioSpec } from './schema.js';

/**
 * Runs one validated scenario inside the current Playwright test: brings up
 * its world, applies its link conditions, runs its steps (each a step in the
 * report) and checks its expectations.
 */
export async function runScenario({ spec, file }: LoadedScenario): Promise<void> {
  await labelScenario({ title: spec.scenario, tags: spec.tags, severity: spec.severity, file, ...(spec.id ? { id: spec.id } : {}) });
  await using world = await test.step('bring up the world', () => startRoamingWorld(worldOptionsOf(spec)), { box: true });
  const groups = await test.step('provision subscribers', () => provision(world, spec), { box: true });
  for (const [link, condition] of Object.entries(spec.links)) {
    if (condition.latency !== undefined) {
      await world.chaos
        .link(link)
        .latency({ ms: Math.round(condition.latency), jitterMs: Math.round(condition.jitter ?? 0), direction: condition.direction });
    }
  }
  const attaches: AttachOutcome[] = [];
  for (const step of spec.steps) {
    const { who, visited } = step.attach;
    const members = groups.get(who)!;
    await test.step(`attach ${who} (${members.length}) in ${visited}`, async () => {
      // One subscriber's attach at a time keeps the signaling steps readable; load phases come later.
      for (const subscriber of members) {
        const name = `attach ${world.hasher.subscriber(subscriber.imsi)} in ${visited}`;
        attaches.push(await test.step(name, () => world.attach(subscriber, { visited, exchange: signalingSteps }), { box: true }));
      }
    });
  }
  await checkExpectations(spec, attaches);
}

function worldOptionsOf(spec: ScenarioSpec) {
  const home = spec.world.home.plmn;
  const seed = Object.values(spec.subscribers).find((g) => g.seed !== undefined)?.seed ?? 1;
  return {
    home: [home],
    visited: spec.world.visited.map((v) => v.plmn),
    agreements: spec.world.visited.flatMap((v) => (v.agreement === 'none' ? [] : [{ home, visited: v.plmn, tariff: v.agreement.tariff }])),
    seed,
  };
}

async function provision(world: StartedRoamingWorld, spec: ScenarioSpec): Promise<Map<string, Subscriber[]>> {
  const groups = new Map<string, Subscriber[]>();
  for (const [name, group] of Object.entries(spec.subscribers)) {
    groups.set(
      name,
      await world.subscribers.createMany({ count: group.count, home: group.home ?? spec.world.home.plmn, profile: group.profile }),
    );
  }
  return groups;
}

async function checkExpectations(spec: ScenarioSpec, attaches: AttachOutcome[]): Promise<void> {
  const expected = spec.expect.transitions?.attach;
  if (expected) {
    for (const outcome of attaches) expect(outcome, `attach of ${outcome.subscriberId} in ${outcome.visited}`).toHaveTransitioned(expected);
  }
  for (const [metric, slos] of Object.entries(spec.expect.slo ?? {})) {
    const sample =
      metric === 'attach_latency'
        ? attaches.filter((a) => a.state === 'REGISTERED').map((a) => a.latencyMs)
        : attaches.map((a) => a.state === 'REGISTERED');
    for (const slo of Array.isArray(slos) ? slos : [slos]) {
      await test.step(`SLO ${metric} ${slo}`, async () => {
        expect(sample, `${metric} ${slo}`).toMeetSlo(slo);
      });
    }
  }
}
