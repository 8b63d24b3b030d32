import { RatingEngine } from '../billing/rating.js';
import { StreamingReconciler } from '../billing/streaming-reconciler.js';
import type { Clock } from '../../core/clock.js';
import { VirtualClock } from '../../core/virtual-clock.js';
import { EventDigest } from '../event-digest.js';
import type { EventSink } from '../roaming-events.js';
import type { PlmnId } from '../plmn.js';
import { TARIFFS } from '../policy/agreements.js';
import type { SeededRandom, Seed } from '../random/seeded-random.js';
import type { SimulatorStatistics } from '../statistics/call-statistics.js';
import type { Subscriber } from '../subscriber.js';
import { RoamingSimulator } from './roaming-simulator.js';
import { trafficProfile, type TrafficProfile } from './traffic-profile.js';

/** The world a roaming day runs in: home networks, and the visited networks of each destination country. */
export const ROAMING_DAY_WORLD = {
  homes: ['262-01', '234-15'] as PlmnId[],
  destinations: {
    FR: ['208-01', '208-10', '208-20'],
    ES: ['214-01', '214-03', '214-07'],
    IT: ['222-01', '222-10', '222-88'],
  } as Record<string, PlmnId[]>,
} as const;

/** How to run a day. */
export interface RoamingDayOptions {
  readonly seed: Seed;
  readonly subscribers: number;
  /** Simulated time; 24 hours when omitted. */
  readonly durationMs?: number;
  readonly traffic?: Partial<TrafficProfile>;
  /** Where events go; an {@link EventDigest} (kept in the report) when omitted. */
  readonly events?: EventSink;
  /** The virtual clock (default), or another clock (the real one, for a short slice). */
  readonly clock?: Clock;
}

/** What a day did, and how long it took. */
export interface RoamingDayReport {
  readonly subscribers: number;
  /** Virtual time the clock covered: the day, and the sessions still running at its end finishing. */
  readonly simulatedMs: number;
  readonly wallMs: number;
  /** The day asked for (`durationMs`, not counting the overrun) over wall time. */
  readonly speedUp: number;
  /** Timers the virtual clock fired (0 on another clock). */
  readonly firedTimers: number;
  readonly events: number;
  /** SHA-256 of the event log, when the report kept the events. */
  readonly eventDigest: string | undefined;
  /** Procedures run, by kind. */
  readonly procedures: Readonly<Record<string, number>>;
  readonly statistics: SimulatorStatistics;
  /** Ground truth against billing at the end of the day. */
  readonly reconciliation: { readonly records: number; readonly billed: number; readonly clean: boolean; readonly summary: string };
}

/**
 * A simulated day of roaming: `subscribers` phones of two home networks
 * travel to France, Spain or Italy, attach with steering through their
 * preferred networks, and live a day at realistic rates: periodic location
 * updates, calls (some handed over to another network), data sessions with
 * interim volumes, SMS both ways, network changes. Each phone is one
 * sequential life on the clock; on the virtual clock the day passes in
 * seconds and the same seed gives the same event log.
 *
 * Nothing is kept that grows with the day: events are hashed (or go to
 * `events`), and billing is reconciled against ground truth as records
 * close. For a memory-bounded run of 10,000 subscribers give node
 * `--max-old-space-size=320` (the live heap peaks around 140 MB; without a
 * limit V8 lets garbage grow the heap to several hundred MB).
 *
 * @example
 * ```ts
 * const report = await runRoamingDay({ seed: 1, subscribers: 10_000 });
 * report.speedUp // the simulated day over wall time
 * report.reconciliation.clean // billing matched what the phones did
 * ```
 */
export async function runRoamingDay(options: RoamingDayOptions): Promise<RoamingDayReport> {
  const traffic = trafficProfile(options.traffic);
  const durationMs = options.durationMs ?? 24 * 3600_000;
  const clock = options.clock ?? new VirtualClock();
  const digest = options.events ? undefined : new EventDigest();
  const sim = new RoamingSimulator({
    seed: options.seed,
    clock,
    events: options.events ?? digest!.sink,
    retainSessions: false,
    retainChargingEvents: false,
    retainUsage: false,
  });
  const plans = buildWorld(sim, options.subscribers);
  // Billing is reconciled against ground truth as records close, so a day keeps no records.
  const rating = new RatingEngine(sim.agreements);
  const reconciler = new StreamingReconciler({ rating, doneLimit: 50_000 });
  let cdrNumber = 0;
  sim.journal.onRecord = (record) => reconciler.addTruth(record);
  for (const home of sim.homeNetworks)
    home.cdrs.onRecord = (record) => reconciler.addBilled({ ...rating.rate(record), recordId: `cdr-${++cdrNumber}` });
  const counts = new Map<string, number>();
  const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const wallStart = performance.now();
  const startMs = clock.monotonic();
  const endMs = startMs + durationMs;
  const firedBefore = clock instanceof VirtualClock ? clock.firedTimers : 0;
  const random = sim.random.fork('traffic');
  const lives = plans.map((plan, i) => live(sim, plan, traffic, random.fork(String(i)), endMs, count));
  if (clock instanceof VirtualClock) await clock.run();
  await Promise.all(lives);
  await sim.settled();
  const wallMs = performance.now() - wallStart;
  const simulatedMs = clock.monotonic() - startMs;
  // Sessions billing still holds open at the end of the day are findings too.
  const report = reconciler.finish({ open: sim.homeNetworks.flatMap((home) => home.cdrs.openUsage) });
  return {
    subscribers: plans.length,
    simulatedMs,
    wallMs,
    speedUp: durationMs / wallMs,
    firedTimers: clock instanceof VirtualClock ? clock.firedTimers - firedBefore : 0,
    events: digest?.count ?? 0,
    eventDigest: digest?.hex(),
    procedures: Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    statistics: sim.getSimulatorStatistics(),
    reconciliation: { records: sim.journal.size, billed: cdrNumber, clean: report.clean, summary: report.summary.split('\n')[0]! },
  };
}

interface Plan {
  readonly subscriber: Subscriber;
  /** The destination's networks in the order this phone prefers them. */
  readonly networks: readonly PlmnId[];
  /** A network across the border, for the odd cross-border handoff. */
  readonly neighbour: PlmnId;
}

function buildWorld(sim: RoamingSimulator, subscribers: number): Plan[] {
  const world = ROAMING_DAY_WORLD;
  const countries = Object.keys(world.destinations);
  for (const home of world.homes) sim.registerHomeNetwork(home);
  for (const networks of Object.values(world.destinations)) for (const v of networks) sim.registerVisitedNetwork(v);
  // EU homes roam at the regulated wholesale rate; one partner is barred, so some phones are steered.
  for (const networks of Object.values(world.destinations))
    for (const v of networks) sim.agreements.add('262-01', v, TARIFFS['eu-regulated']!);
  sim.agreements.bar('234-15', '208-20');
  const random = sim.random.fork('world');
  const plans: Plan[] = [];
  for (let i = 0; i < subscribers; i++) {
    const home = world.homes[i % world.homes.length]!;
    const country = countries[random.int(0, countries.length - 1)]!;
    const networks = shuffle([...world.destinations[country]!], random);
    const other = world.destinations[countries[(countries.indexOf(country) + 1) % countries.length]!]!;
    const [subscriber] = sim.createSubscribers({ home, count: 1 });
    plans.push({ subscriber: subscriber!, networks, neighbour: other[random.int(0, other.length - 1)]! });
  }
  return plans;
}

type Activity = 'call' | 'incoming-call' | 'data' | 'sms' | 'incoming-sms' | 'move';

// One phone's day, one thing at a time.
async function live(
  sim: RoamingSimulator,
  plan: Plan,
  traffic: TrafficProfile,
  random: SeededRandom,
  endMs: number,
  count: (kind: string) => void,
): Promise<void> {
  const clock = sim.clock;
  const until = (at: number) => clock.sleep(at - clock.monotonic());
  const day = 24 * 3600_000;
  const rates: [Activity, number][] = [
    ['call', traffic.callsPerDay],
    ['incoming-call', traffic.incomingCallsPerDay],
    ['data', traffic.dataSessionsPerDay],
    ['sms', traffic.smsPerDay],
    ['incoming-sms', traffic.incomingSmsPerDay],
    ['move', traffic.networkChangesPerDay],
  ];
  const total = rates.reduce((sum, [, r]) => sum + r, 0);
  await clock.sleep(random.between(0, traffic.attachWindowMinutes * 60_000));
  count('attach');
  const attached = await sim.attachWithSteering(plan.subscriber, plan.networks);
  if (!attached.registered) return;
  let nextUpdate = clock.monotonic() + traffic.periodicUpdateMinutes * 60_000;
  for (let step = 0; step < 100_000; step++) {
    const next = total > 0 ? clock.monotonic() + random.exponential(day / total) : Infinity;
    if (nextUpdate <= next) {
      if (nextUpdate >= endMs) return;
      await until(nextUpdate);
      count('location-update');
      const outcome = await sim.updateLocation(plan.subscriber);
      if (outcome.failure?.cause === 'IMSI_UNKNOWN_IN_VLR') await sim.attachWithSteering(plan.subscriber, plan.networks);
      nextUpdate += traffic.periodicUpdateMinutes * 60_000;
      continue;
    }
    if (next >= endMs) return;
    await until(next);
    await act(pick(rates, total, random), sim, plan, traffic, random, count);
  }
}

async function act(
  activity: Activity,
  sim: RoamingSimulator,
  plan: Plan,
  traffic: TrafficProfile,
  random: SeededRandom,
  count: (kind: string) => void,
): Promise<void> {
  const { subscriber } = plan;
  const here = sim.servingNetworkOf(subscriber);
  if (!here) return;
  const number = () => `+4915${random.int(10_000_000, 99_999_999)}`;
  count(activity);
  switch (activity) {
    case 'call':
    case 'incoming-call': {
      const call =
        activity === 'call'
          ? await sim.initiateCall({ subscriber, calledParty: number(), visited: here })
          : await sim.receiveCall({ subscriber, callingParty: number() });
      if (call.state !== 'CONNECTED') return;
      const holdMs = random.exponential(traffic.meanCallSeconds * 1000);
      if (random.chance(traffic.handoffProbability)) {
        const split = random.next();
        await sim.elapse(holdMs * split);
        const others = plan.networks.filter((n) => n !== here);
        const target = random.chance(0.1) || others.length === 0 ? plan.neighbour : others[random.int(0, others.length - 1)]!;
        count('handoff');
        await sim.handoff(call.correlationId, target);
        if (call.state !== 'CONNECTED') return;
        await sim.elapse(holdMs * (1 - split));
      } else {
        await sim.elapse(holdMs);
      }
      await sim.terminateCall(call.correlationId);
      return;
    }
    case 'data': {
      const session = await sim.openDataSession(subscriber);
      if (!session.open) return;
      const minutes = random.exponential(traffic.meanDataSessionMinutes);
      const bytes = Math.round(random.exponential(traffic.meanDataSessionMegabytes * 1e6));
      const reports = Math.floor(minutes / traffic.interimReportMinutes);
      const share = Math.floor(bytes / (reports + 1));
      for (let i = 0; i < reports; i++) {
        await sim.elapse(traffic.interimReportMinutes * 60_000);
        if (!(await session.report(Math.floor(share / 10), share - Math.floor(share / 10)))) return;
      }
      await sim.elapse((minutes - reports * traffic.interimReportMinutes) * 60_000);
      const last = bytes - share * reports;
      await session.close(Math.floor(last / 10), last - Math.floor(last / 10));
      return;
    }
    case 'sms':
      await sim.sendSms(subscriber, number(), random.chance(0.1) ? 2 : 1);
      return;
    case 'incoming-sms':
      await sim.deliverSms(subscriber, number());
      return;
    case 'move': {
      const others = plan.networks.filter((n) => n !== here);
      if (others.length > 0) await sim.moveTo(subscriber, others[random.int(0, others.length - 1)]!);
      return;
    }
  }
}

function pick(rates: readonly [Activity, number][], total: number, random: SeededRandom): Activity {
  let x = random.next() * total;
  for (const [activity, rate] of rates) {
    x -= rate;
    if (x < 0) return activity;
  }
  return rates[rates.length - 1]![0];
}

function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
