/**
 * The users' peak: 10,000 subscribers attached and held, then 2,000
 * handoffs per minute and calls on top for a bounded period, through the
 * RoamingSimulator on the real clock: attach and handoff latency
 * percentiles, success rate, billing reconciliation, peak RSS.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { startRoamingWorld, type NetworkedSimulator } from '../world/roaming-world.js';
import { RoamingSimulator } from '../simulator/simulation/roaming-simulator.js';
import type { Subscriber } from '../simulator/subscriber.js';
import { childMain, runChild } from './child.js';
import { elementHostKindOf, type ElementHostKind } from '../world/element-host/element-host.js';
import { enableExchangeTiming, timeProcedure } from '../mocks/http/exchange-timing.js';
import { arrivalGapMs, seededUniform } from '../chaos/drills/arrivals.js';
import { percentile, type Benchmark, type BenchMode, type BenchRow, type BenchTarget } from './harness.js';

const SCRIPT = fileURLToPath(import.meta.url);
const CHILD = '--users-peak-child';
const HOME = '262-01';
const VISITED = ['208-01', '214-01'] as const;
/** Subscribers provisioned at a time. */
const PROVISION_BATCH = 250;

interface PeakSettings {
  readonly subscribers: number;
  /** Attach attempts per second, Poisson arrivals (an open model: subscribers do not wait for each other). */
  readonly attachRatePerSecond: number;
  /** Where the world runs its elements. */
  readonly elementHost: ElementHostKind;
  readonly seconds: number;
  /** Calls that are each handed over once, per minute: the handoff rate. */
  readonly handoffsPerMinute: number;
  /** Calls without a handoff, per minute, on top. */
  readonly plainCallsPerMinute: number;
  /** How long a call is held before its handoff (and after it), as [min, max] ms. */
  readonly holdMs: readonly [number, number];
  readonly afterHandoffMs: readonly [number, number];
  /** `networked`: the roaming world's `world.simulator`; `in-memory`: a RoamingSimulator with no sockets, for comparison. */
  readonly world: 'networked' | 'in-memory';
}

interface Percentiles {
  readonly count: number;
  readonly ok: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** At the p95 (the procedures within a percentile of it): the harness's and the elements' ms. */
  readonly atP95?: { readonly harnessMs: number; readonly elementMs: number };
}

interface PeakRun {
  readonly world: string;
  readonly attach: Percentiles & { readonly seconds: number };
  readonly handoff: Percentiles;
  readonly callSetUp: Percentiles;
  readonly callsEnded: number;
  readonly trafficSeconds: number;
  readonly provisionSeconds: number;
  readonly reconciliation: {
    readonly clean: boolean;
    readonly matched: number;
    readonly missing: number;
    readonly duplicated: number;
    readonly misRated: number;
    readonly unexpected: number;
    readonly summary: string;
  };
  readonly errors: readonly string[];
}

const SETTINGS: Record<BenchMode, PeakSettings> = {
  quick: {
    subscribers: 150,
    attachRatePerSecond: 60,
    elementHost: 'in-process',
    seconds: 3,
    handoffsPerMinute: 600,
    plainCallsPerMinute: 300,
    holdMs: [200, 800],
    afterHandoffMs: [100, 300],
    world: 'networked',
  },
  full: {
    subscribers: 10_000,
    attachRatePerSecond: 150,
    // The end-to-end benchmark measures the element hosts side by side; ROAM_ELEMENT_HOST runs the peak on another.
    elementHost: elementHostKindOf(undefined),
    seconds: 60,
    handoffsPerMinute: 2_000,
    plainCallsPerMinute: 500,
    holdMs: [500, 3_000],
    afterHandoffMs: [200, 1_000],
    world: 'networked',
  },
};

const TARGETS = { attachP95Ms: 300, handoffP95Ms: 450, successPercent: 99.5, rssMb: 1024 };

/** The simulator the peak runs on: the networked world's, or an in-memory one on the real clock. */
interface PeakWorld {
  readonly kind: string;
  readonly sim: NetworkedSimulator | RoamingSimulator;
  close(): Promise<void>;
}

async function openWorld(settings: PeakSettings): Promise<PeakWorld> {
  if (settings.world === 'networked') {
    const world = await startRoamingWorld({ home: [HOME], visited: [...VISITED], elementHost: settings.elementHost });
    return {
      kind: `networked (world.simulator: HTTP elements behind embedded Toxiproxy proxies, real clock; elements ${settings.elementHost === 'in-process' ? "in the phones' thread" : `in a ${settings.elementHost === 'worker' ? 'worker thread' : 'child process'}`})`,
      sim: world.simulator,
      close: () => world.close(),
    };
  }
  const sim = new RoamingSimulator({ clock: 'real', latency: false, retainSessions: false, retainChargingEvents: false });
  sim.registerHomeNetwork(HOME);
  for (const v of VISITED) sim.registerVisitedNetwork(v);
  return {
    kind: 'in-memory RoamingSimulator on the real clock, no modelled latency',
    sim,
    close: async () => undefined,
  };
}

/** One timed procedure: its wall time and the harness's part of it. */
interface Timed {
  readonly wallMs: number;
  readonly harnessMs: number;
}

function summarise(latencies: readonly number[], count: number, ok: number, timed: readonly Timed[] = []): Percentiles {
  const p95 = percentile(latencies, 95);
  // The procedures around the p95 (from p94 to p96): how their time splits between the harness and the elements.
  const [low, high] = [percentile(latencies, 94), percentile(latencies, 96)];
  const around = timed.filter((t) => t.wallMs >= low && t.wallMs <= high);
  const mean = (f: (t: Timed) => number) => around.reduce((s, t) => s + f(t), 0) / Math.max(1, around.length);
  return {
    count,
    ok,
    p50: percentile(latencies, 50),
    p95,
    p99: percentile(latencies, 99),
    ...(around.length ? { atP95: { harnessMs: mean((t) => t.harnessMs), elementMs: mean((t) => t.wallMs - t.harnessMs) } } : {}),
  };
}

/** A progress line on stderr, so a long full run shows where it is. */
const progress = (line: string) => process.stderr.write(`  … users-peak: ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const between = ([min, max]: readonly [number, number]) => min + Math.random() * (max - min);

// In the child: attach everyone, hold them, run handoffs and calls for the period, reconcile.
childMain<PeakSettings, PeakRun>(CHILD, async (settings) => {
  // Each exchange reports its element time, so the harness's own share of each latency is known.
  enableExchangeTiming();
  const world = await openWorld(settings);
  const errors = new Set<string>();
  const note = (e: unknown) => {
    if (errors.size < 8) errors.add(e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200));
  };
  try {
    const { sim } = world;
    // Provisioned in batches: the networked HLR's admin API is HTTP, and 10,000 provisioning requests
    // at once would outlast the client's request timeout.
    const subscribers: Subscriber[] = [];
    const provisionStart = performance.now();
    for (let left = settings.subscribers; left > 0; left -= PROVISION_BATCH) {
      subscribers.push(...sim.createSubscribers({ home: HOME, count: Math.min(PROVISION_BATCH, left) }));
      await sim.settled();
    }
    const provisionSeconds = (performance.now() - provisionStart) / 1000;
    progress(`${subscribers.length} subscribers provisioned in ${provisionSeconds.toFixed(0)} s; attaching`);

    // Attach and hold: every subscriber registers in one of the visited networks, attempts arriving as a Poisson process.
    const attachLatencies: number[] = [];
    const attachTimed: Timed[] = [];
    let attached = 0;
    const attachStart = performance.now();
    const random = seededUniform(24);
    const attaching: Promise<void>[] = [];
    for (let i = 0, at = 0; i < subscribers.length; i++) {
      if (i > 0 && i % 2_000 === 0) progress(`${i} attaches started, ${attached} registered`);
      at += arrivalGapMs(settings.attachRatePerSecond, 'poisson', random);
      const wait = attachStart + at - performance.now();
      if (wait > 1) await sleep(wait);
      attaching.push(
        timeProcedure(() => sim.attach(subscribers[i]!, VISITED[i % VISITED.length]!)).then(({ result: outcome, wallMs, harnessMs }) => {
          attachLatencies.push(wallMs);
          attachTimed.push({ wallMs, harnessMs });
          if (outcome.state === 'REGISTERED') attached++;
          else note(`attach ${outcome.state}: ${outcome.cause ?? outcome.error ?? ''}`);
        }, note),
      );
    }
    await Promise.all(attaching);
    const attachSeconds = (performance.now() - attachStart) / 1000;
    progress(`${attached} attached in ${attachSeconds.toFixed(0)} s; calls and handoffs for ${settings.seconds} s`);

    // Traffic on top of the held subscribers: calls with one handoff each (the handoff rate) and plain calls.
    const free = subscribers.filter((s) => sim.servingNetworkOf(s) !== undefined);
    const handoffLatencies: number[] = [];
    const handoffTimed: Timed[] = [];
    const setUpLatencies: number[] = [];
    let handoffs = 0;
    let handoffsOk = 0;
    let calls = 0;
    let callsOk = 0;
    let ended = 0;
    const call = async (withHandoff: boolean) => {
      const subscriber = free.pop();
      if (!subscriber) return note('no idle subscriber left to call from');
      try {
        calls++;
        const t0 = performance.now();
        const session = await sim.initiateCall({ subscriber, calledParty: '+33612345678' });
        setUpLatencies.push(performance.now() - t0);
        if (session.state !== 'CONNECTED') return note(`call ${session.state}`);
        callsOk++;
        await sleep(between(settings.holdMs));
        if (withHandoff) {
          const from = sim.servingNetworkOf(subscriber);
          const target = from === VISITED[0] ? VISITED[1] : VISITED[0];
          handoffs++;
          const { result: record, wallMs, harnessMs } = await timeProcedure(() => sim.handoff(session.correlationId, target));
          handoffLatencies.push(wallMs);
          handoffTimed.push({ wallMs, harnessMs });
          if (record.success) handoffsOk++;
          else note(`handoff failed: ${JSON.stringify(record).slice(0, 160)}`);
          await sleep(between(settings.afterHandoffMs));
        }
        await sim.terminateCall(session.correlationId);
        ended++;
      } catch (e) {
        note(e);
      } finally {
        free.unshift(subscriber);
      }
    };
    const inFlight = new Set<Promise<void>>();
    const start = (withHandoff: boolean) => {
      const p = call(withHandoff).finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    const trafficStart = performance.now();
    let startedHandoffCalls = 0;
    let startedPlainCalls = 0;
    while (performance.now() - trafficStart < settings.seconds * 1000) {
      const minutes = (performance.now() - trafficStart) / 60_000;
      while (startedHandoffCalls < minutes * settings.handoffsPerMinute) (startedHandoffCalls++, start(true));
      while (startedPlainCalls < minutes * settings.plainCallsPerMinute) (startedPlainCalls++, start(false));
      await sleep(10);
    }
    await Promise.all(inFlight);
    const trafficSeconds = (performance.now() - trafficStart) / 1000;
    progress(`${handoffs} handoffs, ${calls} calls; reconciling billing`);
    const reconciliation = await sim.reconcile();
    return {
      world: world.kind,
      attach: { ...summarise(attachLatencies, subscribers.length, attached, attachTimed), seconds: attachSeconds },
      handoff: summarise(handoffLatencies, handoffs, handoffsOk, handoffTimed),
      callSetUp: summarise(setUpLatencies, calls, callsOk),
      callsEnded: ended,
      trafficSeconds,
      provisionSeconds,
      reconciliation: {
        clean: reconciliation.clean,
        matched: reconciliation.matched,
        missing: reconciliation.missing.length,
        duplicated: reconciliation.duplicated.length,
        misRated: reconciliation.misRated.length,
        unexpected: reconciliation.unexpected.length,
        // The head line, and the first findings when there are any.
        summary: reconciliation.summary.split('\n').slice(0, 4).join(' / '),
      },
      errors: [...errors],
    };
  } finally {
    await world.close();
  }
});

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

/** The users' peak, held for a bounded period. */
export const benchmark: Benchmark = {
  name: 'users-peak',
  title: "The users' peak: 10,000 attached, 2,000 handoffs per minute, calls on top",
  method:
    'In a child process of its own (so peak RSS is its own), a roaming world with home 262-01 and visited 208-01 and 214-01 is started and its ' +
    'RoamingSimulator (`world.simulator`, on the real clock over the networked elements, in the element host the end-to-end benchmark found fastest here) provisions the subscribers and attaches every one ' +
    '(attempts arriving as a Poisson process at a fixed mean rate: an open model, as subscribers do not wait for each other), alternating between the visited networks; they stay attached. Then, for a bounded period, ' +
    'calls start at a steady rate from idle attached subscribers: each handoff call is set up, held 0.5–3 s, handed over to the other visited ' +
    'network, held 0.2–1 s more and hung up (so handoffs run at the call rate), and plain calls are set up, held and hung up. Latencies are wall ' +
    "time around each simulator call; with exchange timing on, every element reports its own time (Server-Timing), so each latency splits into the elements' work and the harness's (phone, clients, proxies, sockets, queues), shown for the procedures around the p95. At the end the simulator reconciles billing’s CDRs against the ground truth of what the phones did. " +
    'The world note under the table says which simulator ran.',
  async run(mode) {
    const settings = SETTINGS[mode];
    const report = await runChild<PeakSettings, PeakRun>(SCRIPT, CHILD, settings, { timeoutMs: mode === 'quick' ? 90_000 : 900_000 });
    const r = report.result;
    const successOk = r.attach.ok + r.handoff.ok + r.callSetUp.ok;
    const successAll = r.attach.count + r.handoff.count + r.callSetUp.count;
    const success = (100 * successOk) / Math.max(1, successAll);
    const unreconciled = r.reconciliation.missing + r.reconciliation.duplicated + r.reconciliation.misRated + r.reconciliation.unexpected;
    const row = (what: string, p: Percentiles, rate: string): BenchRow => ({
      procedure: what,
      count: p.count,
      'success %': ((100 * p.ok) / Math.max(1, p.count)).toFixed(2),
      rate,
      'p50 ms': ms(p.p50),
      'p95 ms': ms(p.p95),
      'p99 ms': ms(p.p99),
      'at p95: harness / elements ms': p.atP95 ? `${ms(p.atP95.harnessMs)} / ${ms(p.atP95.elementMs)}` : '—',
    });
    const rows: BenchRow[] = [
      row(`attach (Poisson arrivals, ${settings.attachRatePerSecond}/s)`, r.attach, `${(r.attach.count / r.attach.seconds).toFixed(0)}/s`),
      row('call set-up', r.callSetUp, `${((60 * r.callSetUp.count) / r.trafficSeconds).toFixed(0)}/min`),
      row('handoff', r.handoff, `${((60 * r.handoff.count) / r.trafficSeconds).toFixed(0)}/min`),
    ];
    const targets: BenchTarget[] = [
      {
        name: 'p95 attach',
        target: `< ${TARGETS.attachP95Ms} ms`,
        measured: `${ms(r.attach.p95)} ms`,
        met: r.attach.p95 < TARGETS.attachP95Ms,
        ...(r.attach.p95 >= TARGETS.attachP95Ms
          ? {
              note: `over by ${(r.attach.p95 - TARGETS.attachP95Ms).toFixed(0)} ms (${(r.attach.p95 / TARGETS.attachP95Ms).toFixed(1)}×)${r.attach.atP95 ? `; at the p95 the harness (phone, clients, proxies, sockets, queues) took ${ms(r.attach.atP95.harnessMs)} ms and the elements ${ms(r.attach.atP95.elementMs)} ms` : ''}`,
            }
          : {}),
      },
      {
        name: 'p95 handoff',
        target: `< ${TARGETS.handoffP95Ms} ms`,
        measured: `${ms(r.handoff.p95)} ms`,
        met: r.handoff.p95 < TARGETS.handoffP95Ms,
        ...(r.handoff.p95 >= TARGETS.handoffP95Ms
          ? {
              note: `over by ${(r.handoff.p95 - TARGETS.handoffP95Ms).toFixed(0)} ms with a p50 of ${ms(r.handoff.p50)} ms${r.handoff.atP95 ? `; at the p95 the harness took ${ms(r.handoff.atP95.harnessMs)} ms and the elements ${ms(r.handoff.atP95.elementMs)} ms` : ''}`,
            }
          : {}),
      },
      {
        name: 'success (attach, call set-up, handoff)',
        target: `>= ${TARGETS.successPercent}%`,
        measured: `${success.toFixed(2)}%`,
        met: success >= TARGETS.successPercent,
      },
      { name: 'unreconciled billing records', target: '0', measured: String(unreconciled), met: unreconciled === 0 },
      {
        name: 'peak RSS',
        target: `< ${TARGETS.rssMb} MB`,
        measured: `${report.peakRssMb.toFixed(0)} MB`,
        met: report.peakRssMb < TARGETS.rssMb,
      },
    ];
    return {
      rows,
      targets,
      notes: [
        `World: ${r.world}.`,
        `${settings.subscribers.toLocaleString('en')} subscribers provisioned in ${r.provisionSeconds.toFixed(1)} s (${PROVISION_BATCH} at a time), attached in ${r.attach.seconds.toFixed(1)} s and held; traffic for ${r.trafficSeconds.toFixed(1)} s (the configured ${settings.seconds} s, plus the calls still up at the end finishing), at ${settings.handoffsPerMinute.toLocaleString('en')} handoff calls and ${settings.plainCallsPerMinute.toLocaleString('en')} plain calls per minute; ${r.callsEnded} calls hung up.`,
        `Billing reconciliation: ${r.reconciliation.summary} (matched ${r.reconciliation.matched}, missing ${r.reconciliation.missing}, duplicated ${r.reconciliation.duplicated}, mis-rated ${r.reconciliation.misRated}, unexpected ${r.reconciliation.unexpected}).`,
        `Child process: peak RSS ${report.peakRssMb.toFixed(0)} MB, CPU ${report.cpuSeconds.toFixed(1)} s.`,
        ...(r.errors.length ? [`First errors: ${r.errors.join('; ')}.`] : []),
      ],
    };
  },
};
