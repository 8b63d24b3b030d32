import { RejectError, type RejectCause } from '../causes.js';
import type { Clock } from '../clock.js';
import type { EventResult, EventSink } from '../events.js';
import type { IdentityHasher } from '../identity-hasher.js';
import type { PlmnId } from '../plmn.js';
import { StateMachine, type Transition } from '../state-machine.js';
import type { Subscriber } from '../subscriber.js';
import type { AttachAccept, AuthenticationChallenge, ChallengeResponse } from '../elements/visitor-location-register.js';
import { ATTACH_TRANSITIONS, type AttachState } from './attach-states.js';
import type { SignalingStep } from './signaling-step.js';

/**
 * The subscriber's access to a visited VLR (the radio and NAS layer). The
 * VLR object itself is one (virtual clock); an HTTP client of the mock VLR
 * through a chaos proxy is another (networked).
 */
export interface AccessPort {
  attachRequest(imsi: string): Promise<AuthenticationChallenge>;
  authenticationResponse(transactionId: string, answer: ChallengeResponse): Promise<AttachAccept | AuthenticationChallenge>;
}

/** Runs one exchange of a procedure; reporters wrap it in a step. */
export type ExchangeRunner = <T>(title: string, exchange: () => Promise<T>) => Promise<T>;

/** Everything an attach needs. */
export interface AttachContext {
  readonly subscriber: Subscriber;
  readonly visited: PlmnId;
  readonly access: AccessPort;
  readonly clock: Clock;
  readonly hasher: IdentityHasher;
  readonly correlationId: string;
  readonly events?: EventSink;
  /** Wraps each exchange between subscriber and VLR, e.g. in a Playwright step. */
  readonly exchange?: ExchangeRunner;
}

/** How an attach ended, with everything needed to check and report it. */
export interface AttachOutcome {
  readonly procedure: 'attach';
  readonly correlationId: string;
  /** Pseudonym of the IMSI. */
  readonly subscriberId: string;
  readonly visited: PlmnId;
  /** `REGISTERED`, `REJECTED` or `FAILED`. */
  readonly state: AttachState;
  /** The states visited, starting with `IDLE`. */
  readonly path: readonly AttachState[];
  readonly transitions: readonly Transition<AttachState>[];
  /** From the attach request to the final state, in ms. */
  readonly latencyMs: number;
  /** The reject cause when `state` is `REJECTED`. */
  readonly cause?: RejectCause;
  /** The error message when `state` is `FAILED`. */
  readonly error?: string;
  /** Exchanges with the VLR and what the VLR did for each, in order. */
  readonly steps: readonly SignalingStep[];
}

const MAX_CHALLENGES = 2;

/**
 * Attaches a subscriber to a visited network, as the phone does: attach
 * request, authentication (the SIM checks AUTN and computes RES from its own
 * K), then waits while the VLR updates the location in the home HLR.
 * Never throws for a network outcome: rejects and failures are outcomes.
 */
export async function runAttach(context: AttachContext): Promise<AttachOutcome> {
  const { subscriber, clock, access } = context;
  const exchange: ExchangeRunner = context.exchange ?? ((_, fn) => fn());
  const machine = new StateMachine('attach', ATTACH_TRANSITIONS, 'IDLE', () => clock.now());
  const steps: SignalingStep[] = [];
  const start = clock.monotonic();
  const vlr = `vlr:${context.visited}`;
  const ue = 'ue';
  const subscriberId = context.hasher.subscriber(subscriber.imsi);
  const emit = (transition: Transition<AttachState>, result: EventResult, reason: string | null = null) =>
    context.events?.({
      event_type: 'attach',
      timestamp: new Date(transition.at).toISOString(),
      subscriber_id: subscriberId,
      visited_mcc_mnc: context.visited,
      latency_ms: round(clock.monotonic() - start),
      result,
      failure_reason: reason,
      correlation_id: context.correlationId,
      transition: { from: transition.from, to: transition.to },
    });
  const timed = async <T extends { steps: readonly SignalingStep[] }>(name: string, fn: () => Promise<T>): Promise<T> => {
    const startedAt = clock.now();
    const t0 = clock.monotonic();
    try {
      const reply = await exchange(name, fn);
      steps.push({ name, from: ue, to: vlr, startedAt, durationMs: clock.monotonic() - t0, result: 'ok' }, ...reply.steps);
      return reply;
    } catch (error) {
      const detail = error instanceof RejectError ? error.rejectCause : (error as Error)?.message;
      steps.push({
        name,
        from: ue,
        to: vlr,
        startedAt,
        durationMs: clock.monotonic() - t0,
        result: 'error',
        detail: detail ?? String(error),
      });
      throw error;
    }
  };

  try {
    emit(machine.moveTo('AUTHENTICATING'), 'in_progress');
    let reply: AttachAccept | AuthenticationChallenge = await timed('Attach Request', () => access.attachRequest(subscriber.imsi));
    for (let challenges = 1; reply.kind === 'challenge'; challenges++) {
      const answer = answerChallenge(subscriber, reply);
      if (answer.kind === 'response') emit(machine.moveTo('UPDATING_LOCATION'), 'in_progress');
      const challenge: AuthenticationChallenge = reply;
      reply = await timed(answer.kind === 'sync-failure' ? 'Authentication Failure (synch)' : 'Authentication Response', () =>
        access.authenticationResponse(challenge.transactionId, answer),
      );
      if (reply.kind === 'challenge' && challenges >= MAX_CHALLENGES) {
        throw new RejectError('attach', 'SYNCH_FAILURE', `the SIM refused ${challenges} challenges in a row`);
      }
    }
    emit(machine.moveTo('REGISTERED'), 'success');
    return outcome('REGISTERED');
  } catch (error) {
    if (error instanceof RejectError) {
      emit(machine.moveTo('REJECTED'), 'failure', error.rejectCause);
      return outcome('REJECTED', { cause: error.rejectCause });
    }
    const message = error instanceof Error ? error.message : String(error);
    emit(machine.moveTo('FAILED'), 'failure', 'NETWORK_ERROR');
    return outcome('FAILED', { error: message });
  }

  function outcome(state: AttachState, extra: { cause?: RejectCause; error?: string } = {}): AttachOutcome {
    return {
      procedure: 'attach',
      correlationId: context.correlationId,
      subscriberId,
      visited: context.visited,
      state,
      path: machine.path,
      transitions: [...machine.history],
      latencyMs: round(clock.monotonic() - start),
      steps,
      ...extra,
    };
  }
}

/** The subscriber's SIM answers a challenge: RES from its own K, or a MAC or synchronisation failure. */
export function answerChallenge(subscriber: Subscriber, challenge: AuthenticationChallenge): ChallengeResponse {
  const answer = subscriber.usim.authenticate(challenge.rand, challenge.autn);
  if (answer.kind === 'response') return { kind: 'response', res: answer.res };
  return answer;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
