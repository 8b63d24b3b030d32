import { RunSegment } from '../segment.js';
import { RoamError } from '../../core/errors.js';
import type { WorldOptions } from '../../world/world-options.js';
import { faultSpecsOf } from '../link-faults.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import type { EventLog } from '../../simulator/roaming-events.js';
import type { Reconciliation } from '../../simulator/billing/reconcile.js';
import { TARIFFS } from '../../simulator/policy/agreements.js';
import { SeededRandom } from '../../simulator/random/seeded-random.js';
import { NetworkRegistry } from '../../simulator/simulation/network-registry.js';
import { RoamingSimulator } from '../../simulator/simulation/roaming-simulator.js';
import type { StartedRoamingWorld } from '../../world/roaming-world.js';
import { elementExitsOf } from '../../world/element-exits.js';
import { signalingSteps } from '../../fixtures/steps.js';
import type { ActiveFault } from '../../chaos/fault.js';
import type { LinkFaultSpec, SpecDocumentSpec } from '../schema.js';
import { FaultyLatencyModel, VirtualLinks } from './virtual-links.js';
import type { AnySimulator, FaultControl } from './run-state.js';

/** The simulator a scenario runs on, how to fault its links, and how to take it down. */
export interface ScenarioWorld {
  readonly sim: AnySimulator;
  readonly faults: FaultControl;
  readonly events: EventLog | undefined;
  /** How many subscribers a step runs at once. */
  readonly concurrency: number;
  reconcile(): Promise<Reconciliation>;
  /** Charging events that billing did not take at first and that were retried; undefined when the world cannot tell. */
  billingRetries(): number | undefined;
  /** Elements whose process died during the run, e.g. `hlr:262-01: osmo-hlr exited (signal SIGKILL) at ...`. */
  elementExits?(): string[];
  close(): Promise<void>;
}

/** Networked runs with at most this many subscribers report every exchange as a step. */
export const SMALL_NETWORKED_RUN = 20;

/** A spec asks for something its clock cannot do. */
export class UnsupportedOnClockError extends RoamError {
  constructor(what: string, clock: string, hint?: string) {
    super('ROAM_SPEC_UNSUPPORTED', `run the scenario on the ${clock} clock`, `${what} is not supported there`, {
      hint: hint ?? (clock === 'networked' ? 'Run it with clock: virtual (or unset ROAM_CLOCK)' : 'Remove it from the spec'),
    });
  }
}

/** The seed of a scenario: its own, else the first group's, else 1. */
export function seedOf(spec: SpecDocumentSpec): number {
  return spec.seed ?? Object.values(spec.subscribers).find((g) => g.seed !== undefined)?.seed ?? 1;
}

/** An in-memory world on the virtual clock, its links faultable through {@link VirtualLinks}. */
export function virtualWorld(spec: SpecDocumentSpec): ScenarioWorld {
  const external = slotsGivenByUrl(spec);
  if (external.length > 0) {
    throw new UnsupportedOnClockError(`an element given by URL (${external.join(', ')})`, 'virtual', 'Run it with clock: networked');
  }
  const seed = seedOf(spec);
  const random = new SeededRandom(seed);
  const home = spec.world.home;
  let links: VirtualLinks | undefined;
  const hashKey = process.env['ROAM_HASH_KEY'];
  const sim = new RoamingSimulator({
    seed,
    agreements: 'explicit',
    ...(hashKey ? { pseudonymKey: hashKey } : {}),
    topology: ({ clock, agreements }) => {
      links = new VirtualLinks(clock, random.fork('links'));
      return new NetworkRegistry({
        clock,
        random: random.fork('networks'),
        latency: new FaultyLatencyModel({ random: random.fork('latency'), links: () => links, home: home.plmn }),
        agreements,
      });
    },
  });
  sim.registerHomeNetwork(
    { plmn: home.plmn, ...(home.name ? { name: home.name } : {}) },
    home.steering
      ? {
          steering: {
            preferred: home.steering.preferred,
            ...(home.steering.maxRejects !== undefined ? { maxRejects: home.steering.maxRejects } : {}),
          },
        }
      : {},
  );
  for (const v of spec.world.visited) {
    sim.registerVisitedNetwork({ plmn: v.plmn, ...(v.name ? { name: v.name } : {}), ...(v.latency ? { latency: v.latency } : {}) });
    if (v.agreement !== 'none') sim.agreements.add(home.plmn, v.plmn, TARIFFS[v.agreement.tariff]!);
  }
  const control = links!;
  return {
    sim,
    events: sim.eventLog,
    concurrency: Number.POSITIVE_INFINITY,
    faults: {
      apply: async (link, fault) => void control.add(link, fault),
      clear: async () => control.clear(),
      windows: () => control.faultEnds,
    },
    reconcile: () => sim.reconcile(),
    billingRetries: () => control.billingRetries.events,
    close: async () => {},
  };
}

/**
 * The world a scenario or drill describes, as options of `startRoamingWorld`.
 *
 * @example
 * ```ts
 * const world = await startRoamingWorld(worldOptionsOf(spec));
 * ```
 */
export function worldOptionsOf(spec: SpecDocumentSpec): WorldOptions {
  const home = spec.world.home.plmn;
  return {
    home: [home],
    visited: spec.world.visited.map((v) => v.plmn),
    agreements: spec.world.visited.flatMap((v) => (v.agreement === 'none' ? [] : [{ home, visited: v.plmn, tariff: v.agreement.tariff }])),
    seed: seedOf(spec),
    hlr: spec.world.hlr,
    ...(spec.world.billing !== undefined ? { billing: spec.world.billing } : {}),
    ...(spec.world.visited.some((v) => v.vlr !== undefined)
      ? { vlr: Object.fromEntries(spec.world.visited.flatMap((v) => (v.vlr !== undefined ? [[v.plmn, v.vlr]] : []))) }
      : {}),
    ...(spec.world.provisioning !== undefined ? { provisioning: spec.world.provisioning } : {}),
  };
}

/** Where a spec gives an element by URL: on the virtual clock there is no socket to reach it through. */
function slotsGivenByUrl(spec: SpecDocumentSpec): string[] {
  const given = (value: string | undefined) => value !== undefined && value.includes('://');
  return [
    ...(given(spec.world.hlr) ? ['world.hlr'] : []),
    ...(given(spec.world.billing) ? ['world.billing'] : []),
    ...spec.world.visited.flatMap((v, i) => (given(v.vlr) ? [`world.visited[${i}].vlr`] : [])),
  ];
}

/** A networked world: elements on real sockets behind chaos proxies, driven through `world.simulator` on the real clock. */
export async function networkedWorld(spec: SpecDocumentSpec): Promise<ScenarioWorld> {
  if (spec.world.home.steering) throw new UnsupportedOnClockError('steering of roaming (world.home.steering)', 'networked');
  // The world loads with the first networked scenario: a suite that imports the spec language need not pay for it.
  const { startRoamingWorld } = await import('../../world/roaming-world.js');
  const world: StartedRoamingWorld = await startRoamingWorld(worldOptionsOf(spec));
  const sim = world.simulator;
  // A small world shows every exchange as a report step, one subscriber at a time; a large one runs 32 at a time, unreported.
  const small = Object.values(spec.subscribers).reduce((n, g) => n + g.count, 0) <= SMALL_NETWORKED_RUN;
  if (small) sim.exchange = signalingSteps;
  const active = new Set<ActiveFault>();
  const windows: { link: string; from: number; until: number }[] = [];
  // Timed faults wait on the run's clock, as drills' faults do; clearing the run aborts what is still waiting.
  let pending = new AbortController();
  const later = (ms: number, fn: () => Promise<void>) => {
    void sim.clock
      .sleep(ms, pending.signal)
      .then(fn, () => undefined)
      .catch(() => undefined);
  };
  const applyNow = async (link: string, fault: LinkFaultSpec) => {
    if (fault.throttle !== undefined) throw new UnsupportedOnClockError('a throttle fault', 'networked');
    const made: ActiveFault[] = [];
    for (const spec of faultSpecsOf(link, fault)) made.push(await world.chaos.inject(spec));
    for (const f of made) active.add(f);
    if (fault.for !== undefined) {
      const now = sim.clock.monotonic();
      windows.push({ link, from: now, until: now + fault.for });
      later(fault.for, async () => {
        for (const f of made) {
          active.delete(f);
          await f.remove();
        }
      });
    }
  };
  return {
    sim,
    events: world.events,
    concurrency: small ? 1 : 32,
    faults: {
      apply: async (link, fault) => {
        if (fault.at) later(fault.at, () => applyNow(link, fault));
        else await applyNow(link, fault);
      },
      clear: async () => {
        pending.abort();
        pending = new AbortController();
        active.clear();
        await world.chaos.clearFaults();
      },
      windows: () => windows,
    },
    reconcile: async () => {
      await world.drainCharging(10_000);
      return sim.reconcile();
    },
    billingRetries: () => undefined,
    elementExits: () => elementExitsOf(world, [spec.world.home.plmn]),
    close: async () => {
      pending.abort();
      await world.close();
    },
  };
}

/**
 * The subscribers a run of `spec` provisions, group by group, made again
 * without running anything: virtual and networked runs both draw them from
 * a `RoamingSimulator` seeded with the spec's seed, in group order, so this
 * gives the same IMSIs and MSISDNs (e.g. to check that a report holds none
 * of them in clear).
 */
export function subscribersOf(spec: SpecDocumentSpec): Map<string, Subscriber[]> {
  return createGroups(virtualWorld(spec).sim, spec);
}

/**
 * Makes (and, unless a group says not, provisions) the subscribers of every
 * group of `spec` in `sim`, in group order. In a segment of a run, every
 * group's subscribers are made (so identities are those of the whole run)
 * and only the segment's slice of each is provisioned and kept.
 */
export function createGroups(sim: AnySimulator, spec: SpecDocumentSpec, segment: RunSegment = RunSegment.WHOLE): Map<string, Subscriber[]> {
  const groups = new Map<string, Subscriber[]>();
  for (const [name, group] of Object.entries(spec.subscribers)) {
    const options = {
      home: group.home ?? spec.world.home.plmn,
      roamingAllowed: group.roaming,
      ...(group.allowedNetworks ? { allowedNetworks: group.allowedNetworks } : {}),
    };
    if (segment.whole) {
      groups.set(name, sim.createSubscribers({ ...options, count: group.count, profile: group.profile, provision: group.provisioned }));
      continue;
    }
    const all = sim.createSubscribers({ ...options, count: group.count, profile: group.profile, provision: false });
    const [start, end] = segment.range(all.length);
    const mine = all.slice(start, end);
    if (group.provisioned === false) {
      groups.set(name, mine);
      continue;
    }
    groups.set(
      name,
      mine.map((s) => {
        const { k, opc } = s.credentials.reveal();
        return sim.registerSubscriber({ ...options, imsi: s.imsi, msisdn: s.msisdn, k, opc, profile: group.profile });
      }),
    );
  }
  return groups;
}
