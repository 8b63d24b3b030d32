import type { Subscriber } from '../../simulator/subscriber.js';
import type { StepSpec } from '../schema.js';
import type { Procedures, StepResult } from './procedures.js';
import type { RunState } from './run-state.js';
import { arrivalGapMs } from '../../chaos/drills/arrivals.js';

type LoadSpec = NonNullable<StepSpec['load']>;

/**
 * A load phase. Open model (`rate`): arrivals at `rate` for `for`, evenly
 * spaced or Poisson (`arrivals`), whatever the answers. Closed model
 * (`users`): that many users, each starting its next procedure once the last
 * is answered and `think` has passed. Each arrival is a procedure drawn from
 * `mix` for a random member of the group. Procedures refused (CONGESTION, or
 * any failure) are retried with exponential backoff when `retry` says so.
 * Handoffs need a call: each handoff arrival sets one up where the
 * subscriber is, hands it to another network and hangs up.
 */
export async function runLoadPhase(
  run: RunState,
  procedures: Procedures,
  load: LoadSpec,
  visitedAll: readonly string[],
  step: string,
): Promise<void> {
  const members = run.members(load.who);
  const networks = load.visited ?? visitedAll;
  const mix = Object.entries(load.mix).filter(([, w]) => (w ?? 0) > 0) as [string, number][];
  const total = mix.reduce((s, [, w]) => s + w, 0);
  const clock = run.sim.clock;
  const random = run.random.fork(`load:${step}`);
  const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)]!;
  const next = () => {
    let draw = random.next() * total;
    const procedure = mix.find(([, w]) => (draw -= w) < 0)?.[0] ?? mix[0]![0];
    const member = pick(members);
    return withRetry(run, load.retry, () => arrival(run, procedures, procedure, member, networks, pick, step));
  };
  const startedAt = run.now();
  // A segment of a run carries its share of the load: 1/n of the rate, its slice of the users.
  const users = load.users === undefined ? undefined : run.segment.share(load.users);
  if (users !== undefined) {
    const user = async () => {
      while (run.now() - startedAt < load.for) {
        await next();
        const left = load.for - (run.now() - startedAt);
        if (left <= 0) break;
        await clock.sleep(Math.min(load.think, left));
      }
    };
    await Promise.all(Array.from({ length: users }, user));
    return;
  }
  const rate = run.segment.rate(load.rate!);
  const arrivals = random.fork('arrivals');
  const started: Promise<void>[] = [];
  // Arrival times are drawn ahead, from the phase's start: lateness of one does not push the others.
  for (let at = 0; ;) {
    if (load.arrivals === 'poisson') at += arrivalGapMs(rate, 'poisson', () => arrivals.next());
    else if (started.length > 0) at += arrivalGapMs(rate, 'uniform', () => 0);
    if (load.arrivals === 'poisson' ? at >= load.for : started.length >= Math.round((rate * load.for) / 1000)) break;
    const due = startedAt + at - run.now();
    if (due > 0) await clock.sleep(due);
    started.push(next());
  }
  await Promise.all(started);
}

async function withRetry(run: RunState, retry: LoadSpec['retry'], work: () => Promise<StepResult>): Promise<void> {
  let backoff = retry?.backoff ?? 0;
  for (let attempt = 1; ; attempt++) {
    const result = await work();
    if (result.outcome === 'success' || !retry || attempt >= retry.attempts) return;
    await run.sim.clock.sleep(backoff);
    backoff *= 2;
  }
}

async function arrival(
  run: RunState,
  procedures: Procedures,
  procedure: string,
  member: Subscriber,
  networks: readonly string[],
  pick: <T>(list: readonly T[]) => T,
  step: string,
): Promise<StepResult> {
  const serving = procedures.servingNetwork(member);
  const ensureAttached = async (): Promise<StepResult | undefined> => {
    if (serving) return undefined;
    const attached = await procedures.attach(member, { visited: pick(networks) }, step);
    return attached.outcome === 'success' ? undefined : attached;
  };
  switch (procedure) {
    case 'attach': {
      const others = networks.filter((n) => n !== serving);
      return procedures.attach(member, { visited: others.length ? pick(others) : pick(networks) }, step);
    }
    case 'handoff': {
      if (run.liveCalls.has(member.imsi)) return { outcome: 'success' }; // busy in another arrival's call
      const notAttached = await ensureAttached();
      if (notAttached) return notAttached;
      const setUp = await procedures.call(member, { to: '+33100000000', direction: 'mo' }, step);
      if (setUp.outcome !== 'success') return setUp;
      const here = procedures.servingNetwork(member);
      const targets = networks.filter((n) => n !== here);
      const result = targets.length ? await procedures.handoff(member, pick(targets), step) : setUp;
      await procedures.hangup(member);
      return result;
    }
    case 'call': {
      const notAttached = await ensureAttached();
      if (notAttached) return notAttached;
      if (run.liveCalls.has(member.imsi)) return { outcome: 'success' };
      const result = await procedures.call(member, { to: '+33100000000', direction: 'mo' }, step);
      if (result.outcome === 'success') {
        await run.sim.clock.sleep(30_000);
        await procedures.hangup(member);
      }
      return result;
    }
    case 'locationUpdate': {
      const notAttached = await ensureAttached();
      return notAttached ?? procedures.locationUpdate(member, { kind: 'periodic' }, step);
    }
    case 'sms': {
      const notAttached = await ensureAttached();
      return notAttached ?? procedures.sms(member, { to: '+33100000000', direction: 'mo', segments: 1 }, step);
    }
    default: {
      const notAttached = await ensureAttached();
      return notAttached ?? procedures.data(member, { bytes: 1_000_000, reports: 0 }, step);
    }
  }
}
