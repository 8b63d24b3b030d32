import { LatencyModel } from '../../simulator/latency/latency-model.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { AttachOutcome } from '../../simulator/procedures/attach.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import type { RunState } from './run-state.js';

/** How one procedure ended for one subscriber, for step-level expectations. */
export interface StepResult {
  readonly outcome: 'success' | 'rejected' | 'failed';
  readonly cause?: string;
  /** Why, in words, when the network said (e.g. which element did not answer). */
  readonly reason?: string;
  /** Where the subscriber is registered afterwards. */
  readonly network?: string;
}

const failed = (cause: string): StepResult => ({ outcome: 'failed', cause });

function ofAttach(outcome: AttachOutcome): StepResult {
  if (outcome.state === 'REGISTERED') return { outcome: 'success', network: outcome.visited };
  return {
    outcome: outcome.state === 'REJECTED' ? 'rejected' : 'failed',
    ...(outcome.cause ? { cause: outcome.cause } : {}),
    ...(outcome.reason || outcome.error ? { reason: outcome.reason ?? outcome.error } : {}),
  };
}

function ofFailure(failure: { cause: string } | undefined): StepResult {
  if (!failure) return { outcome: 'success' };
  return { outcome: failure.cause === 'NETWORK_ERROR' ? 'failed' : 'rejected', cause: failure.cause };
}

/** Runs `fn`, turning a thrown error (e.g. not registered) into a failed result. */
async function guarded(fn: () => Promise<StepResult>): Promise<StepResult> {
  try {
    return await fn();
  } catch (error) {
    const code = (error as { code?: string }).code;
    return failed(code === 'ROAM_NOT_REGISTERED' ? 'NOT_REGISTERED' : error instanceof Error ? error.message : String(error));
  }
}

/** The procedures a spec step runs for one subscriber, each measured into the run's samples. */
export class Procedures {
  readonly #run: RunState;

  constructor(run: RunState) {
    this.#run = run;
  }

  #tags(sub: Subscriber, extra: Record<string, string | undefined>): Record<string, string | undefined> {
    return { group: this.#run.groupOf.get(sub.imsi), home: sub.home.id, ...extra };
  }

  /** Attaches to `visited`, or tries `networks` in order (steering, failover). A `clone` SIM has other keys. */
  async attach(
    sub: Subscriber,
    target: { visited?: string; networks?: readonly string[]; clone?: boolean },
    step: string,
  ): Promise<StepResult> {
    const run = this.#run;
    const sim = run.sim;
    const sim_ = target.clone ? sub.cloneWithKeys(run.random.hex(32), run.random.hex(32)) : sub;
    const startedAt = run.now();
    let outcome: AttachOutcome;
    let latency: number;
    if (target.networks) {
      const steered = await sim.attachWithSteering(sim_, target.networks);
      outcome = steered.attempts[steered.attempts.length - 1]!;
      latency = steered.attempts.reduce((sum, a) => sum + a.latencyMs, 0);
    } else {
      outcome = await sim.attach(sim_, target.visited!);
      latency = outcome.latencyMs;
    }
    const group = run.groupOf.get(sub.imsi) ?? '';
    run.attaches.push({ group, outcome });
    run.measure('attach', startedAt, outcome.state === 'REGISTERED', latency, this.#tags(sub, { visited: outcome.visited, step }));
    return ofAttach(outcome);
  }

  /** A periodic or moving location update in the serving network. */
  locationUpdate(sub: Subscriber, options: { kind: 'periodic' | 'moving'; lac?: number }, step: string): Promise<StepResult> {
    return guarded(async () => {
      const startedAt = this.#run.now();
      const outcome = await this.#run.sim.updateLocation(sub, options);
      const ok = outcome.result === 'success';
      this.#run.measure('location_update', startedAt, ok, outcome.latencyMs, this.#tags(sub, { visited: outcome.visited, step }));
      return ofFailure(outcome.failure);
    });
  }

  /** Sets up a call (MO or MT); it stays live until hung up. */
  async call(sub: Subscriber, options: { to: string; direction: 'mo' | 'mt'; visited?: string }, step: string): Promise<StepResult> {
    const run = this.#run;
    return guarded(async () => {
      const startedAt = run.now();
      const call =
        options.direction === 'mt'
          ? await run.sim.receiveCall({ subscriber: sub, callingParty: options.to })
          : await run.sim.initiateCall({
              subscriber: sub,
              calledParty: options.to,
              ...(options.visited ? { visited: options.visited } : {}),
            });
      run.calls.push(call);
      const ok = call.state === 'CONNECTED';
      const setup = [call.timings.hlrLookupMs, call.timings.vlrRegistrationMs, call.timings.callSetupMs].reduce<number>(
        (s, v) => s + (v ?? 0),
        0,
      );
      run.measure('call', startedAt, ok, setup, this.#tags(sub, { visited: call.visited, step }), 'call_setup_latency');
      if (!ok) return failed(call.failure?.cause ?? 'FAILED');
      run.liveCalls.set(sub.imsi, call);
      return { outcome: 'success', network: call.visited };
    });
  }

  /** Hands the subscriber's live call over to `to`. */
  async handoff(sub: Subscriber, to: string, step: string): Promise<StepResult> {
    const run = this.#run;
    const call = run.liveCalls.get(sub.imsi);
    if (!call) return failed('NO_LIVE_CALL');
    const from = call.visited;
    const startedAt = run.now();
    const record = await run.sim.handoff(call.correlationId, to);
    const crossBorder = LatencyModel.handoffLeg(from as PlmnId, record.toNetwork) === 'handoff-cross-border';
    run.measure(
      'handoff',
      startedAt,
      record.success,
      record.durationMs,
      this.#tags(sub, { visited: to, step, cross_border: String(crossBorder) }),
    );
    if (call.state === 'FAILED') run.liveCalls.delete(sub.imsi);
    return record.success ? { outcome: 'success', network: to } : ofFailure(record.failure ?? { cause: 'NETWORK_ERROR' });
  }

  /** Hangs up the subscriber's live call, if any. */
  async hangup(sub: Subscriber): Promise<StepResult> {
    const call = this.#run.liveCalls.get(sub.imsi);
    if (!call) return { outcome: 'success' };
    this.#run.liveCalls.delete(sub.imsi);
    return guarded(async () => {
      await this.#run.sim.terminateCall(call.correlationId);
      return { outcome: 'success' };
    });
  }

  /** A data session using `bytes` (a tenth of it up), with `reports` interim reports. */
  data(sub: Subscriber, options: { bytes: number; reports: number; apn?: string }, step: string): Promise<StepResult> {
    const run = this.#run;
    return guarded(async () => {
      const startedAt = run.now();
      const session = await run.sim.openDataSession(sub, options.apn ? { apn: options.apn } : {});
      let ok = session.open;
      const parts = options.reports + 1;
      const down = Math.floor(options.bytes / parts);
      const up = Math.floor(down / 10);
      for (let i = 0; ok && i < options.reports; i++) ok = await session.report(up, down);
      if (ok) ok = await session.close(up, options.bytes - down * options.reports);
      run.measure('data', startedAt, ok, undefined, this.#tags(sub, { visited: session.visited, step }));
      return ok ? { outcome: 'success' } : ofFailure(session.failure ?? { cause: 'NETWORK_ERROR' });
    });
  }

  /** A short message from (mo) or to (mt) the roamer. */
  sms(sub: Subscriber, options: { to: string; direction: 'mo' | 'mt'; segments: number }, step: string): Promise<StepResult> {
    const run = this.#run;
    return guarded(async () => {
      const startedAt = run.now();
      const outcome =
        options.direction === 'mt' ? await run.sim.deliverSms(sub, options.to) : await run.sim.sendSms(sub, options.to, options.segments);
      run.measure('sms', startedAt, outcome.result === 'success', outcome.latencyMs, this.#tags(sub, { visited: outcome.visited, step }));
      return ofFailure(outcome.failure);
    });
  }

  /** IMSI detach. */
  detach(sub: Subscriber, step: string): Promise<StepResult> {
    const run = this.#run;
    return guarded(async () => {
      run.liveCalls.delete(sub.imsi);
      const startedAt = run.now();
      const outcome = await run.sim.detach(sub);
      run.measure(
        'detach',
        startedAt,
        outcome.result === 'success',
        outcome.latencyMs,
        this.#tags(sub, { visited: outcome.visited, step }),
      );
      return ofFailure(outcome.failure);
    });
  }

  /** Where the subscriber is registered now. */
  servingNetwork(sub: Subscriber): string | undefined {
    return this.#run.sim.servingNetworkOf(sub);
  }
}
