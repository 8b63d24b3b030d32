import { RejectError, type RejectCause } from '../causes.js';
import type { Clock } from '../../core/clock.js';
import type { EventResult, EventSink } from '../roaming-events.js';
import type { IdentityHasher } from '../identity-hasher.js';
import type { PlmnId } from '../plmn.js';
import { StateMachine, type Transition } from '../state-machine.js';
import type { Subscriber } from '../subscriber.js';
import type { AttachAccept, AuthenticationChallenge, ChallengeResponse } from '../signaling/vlr-messages.js';
import type { AccessPort } from '../signaling/serving-network-port.js';
import { ATTACH_TRANSITIONS, type AttachState } from './attach-states.js';
import type { SignalingStep } from '../signaling/signaling-step.js';
import { ProcedureRecorder } from './procedure-recorder.js';

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
  /** Why, in words, when `state` is `REJECTED`: e.g. which element did not answer, and why. */
  readonly reason?: string;
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
  const machine = new StateMachine('attach', ATTACH_TRANSITIONS, 'IDLE', () => clock.now());
  const recorder = new ProcedureRecorder(context);
  const vlr = `vlr:${context.visited}`;
  const emit = (transition: Transition<AttachState>, result: EventResult, reason: string | null = null) =>
    recorder.emit('attach', context.visited, result, reason, transition);
  const timed = async <T extends { readonly steps: readonly SignalingStep[] }>(name: string, fn: () => Promise<T>): Promise<T> =>
    (await recorder.exchange(name, vlr, fn)).reply;

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
      return outcome('REJECTED', { cause: error.rejectCause, reason: error.reason });
    }
    const message = error instanceof Error ? error.message : String(error);
    emit(machine.moveTo('FAILED'), 'failure', 'NETWORK_ERROR');
    return outcome('FAILED', { error: message });
  }

  function outcome(state: AttachState, extra: { cause?: RejectCause; reason?: string; error?: string } = {}): AttachOutcome {
    return {
      procedure: 'attach',
      correlationId: context.correlationId,
      subscriberId: recorder.subscriberId,
      visited: context.visited,
      state,
      path: machine.path,
      transitions: [...machine.history],
      latencyMs: recorder.elapsedMs(),
      steps: recorder.steps,
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
