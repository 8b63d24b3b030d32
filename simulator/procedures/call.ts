import type { UsageJournal } from '../billing/usage-record.js';
import { RejectError } from '../causes.js';
import type { CallDirection } from '../signaling/ports.js';
import type { AttachAccept, AuthenticationChallenge, CallConnected } from '../signaling/vlr-messages.js';
import { UnknownCallError } from '../signaling/vlr-messages.js';
import type { PlmnId } from '../plmn.js';
import { StateMachine, type Transition } from '../state-machine.js';
import { answerChallenge } from './attach.js';
import { CALL_TRANSITIONS, type CallState } from './call-states.js';
import { CallNotConnectedError } from './call-errors.js';
import { ProcedureRecorder, failureOf, round, type ProcedureContext, type ProcedureFailure } from './procedure-recorder.js';
import type { ServingNetworkPort } from '../signaling/serving-network-port.js';

/** Everything a call needs. */
export interface CallContext extends ProcedureContext {
  /** How the phone reaches each visited network (by PLMN id): where the call starts, and where it is handed to. */
  readonly networks: (plmn: PlmnId) => ServingNetworkPort;
  readonly visited: PlmnId;
  /** The number called (MO) or calling (MT). */
  readonly otherParty: string;
  /** `mo` (default): the roamer calls; `mt`: the roamer is called. */
  readonly direction?: CallDirection;
  /** The phone is registered in `visited` already, so the call skips the HLR lookup and registration. */
  readonly registered?: boolean;
  /** Where the call's usage goes as ground truth, one record per network leg. */
  readonly journal?: UsageJournal;
}

/** One handoff of a call, with its outcome. */
export interface HandoffRecord {
  readonly fromNetwork: PlmnId;
  readonly toNetwork: PlmnId;
  readonly durationMs: number;
  readonly success: boolean;
  /** Why it failed, when it did. */
  readonly failure?: ProcedureFailure;
  /** When it started, ms since the epoch. */
  readonly at: number;
}

/** The timings of a call's set-up, in ms; null for a stage the call did not go through. */
export interface CallTimings {
  readonly hlrLookupMs: number | null;
  readonly vlrRegistrationMs: number | null;
  readonly callSetupMs: number | null;
}

const MAX_CHALLENGES = 2;
const HANDOFF_STATES: ReadonlySet<CallState> = new Set(['HANDOFF_INITIATED', 'HANDOFF_IN_PROGRESS', 'HANDOFF_COMPLETE']);

/**
 * A roaming call from the phone's side, driven by {@link CALL_TRANSITIONS}:
 * location request, HLR lookup (the VLR fetches vectors; the SIM answers the
 * challenge with its own K), VLR registration (UpdateLocation), call set-up,
 * connected; then handoffs to other visited networks and teardown. Network
 * outcomes (rejects, no answer) are states, never exceptions; asking for a
 * transition the table does not allow throws {@link IllegalTransitionError}.
 *
 * @example
 * ```ts
 * const call = await RoamingCall.setUp({ subscriber, visited: '208-01', otherParty: '+33612345678', networks, clock, hasher, correlationId: 'c1' });
 * if (call.state === 'CONNECTED') {
 *   await clock.sleep(60_000);
 *   await call.handOff('214-01');
 *   await call.hangUp();
 * }
 * ```
 */
export class RoamingCall {
  readonly #context: CallContext;
  readonly #machine: StateMachine<CallState>;
  readonly #recorder: ProcedureRecorder;
  readonly #handoffs: HandoffRecord[] = [];
  readonly #startedAt: number;
  #visited: PlmnId;
  #timings: { hlrLookupMs: number | null; vlrRegistrationMs: number | null; callSetupMs: number | null } = {
    hlrLookupMs: null,
    vlrRegistrationMs: null,
    callSetupMs: null,
  };
  #connected: CallConnected | undefined;
  #legStartedAt = 0;
  /** When the network could have started this leg's count: the exchange that opened the leg, sent to answered. */
  #legWindow: readonly [number, number] = [0, 0];
  #connectedAt: number | null = null;
  #endedAt: number | null = null;
  #failure: ProcedureFailure | undefined;

  private constructor(context: CallContext) {
    this.#context = context;
    this.#visited = context.visited;
    this.#machine = new StateMachine('call', CALL_TRANSITIONS, 'IDLE', () => context.clock.now());
    this.#recorder = new ProcedureRecorder(context);
    this.#startedAt = context.clock.now();
  }

  /** Sets up a call. Resolves in `CONNECTED` or `FAILED`; never rejects for a network outcome. */
  static async setUp(context: CallContext): Promise<RoamingCall> {
    const call = new RoamingCall(context);
    await call.#setUp();
    return call;
  }

  get state(): CallState {
    return this.#machine.state;
  }
  /** The states visited, starting with `IDLE`. */
  get path(): CallState[] {
    return this.#machine.path;
  }
  get transitions(): readonly Transition<CallState>[] {
    return this.#machine.history;
  }
  /** The network serving the call now. */
  get visited(): PlmnId {
    return this.#visited;
  }
  /** The call id the network gave, once set up. */
  get callId(): string | undefined {
    return this.#connected?.callId;
  }
  get correlationId(): string {
    return this.#context.correlationId;
  }
  get subscriberId(): string {
    return this.#recorder.subscriberId;
  }
  get timings(): CallTimings {
    return { ...this.#timings };
  }
  get handoffs(): readonly HandoffRecord[] {
    return this.#handoffs;
  }
  get failure(): ProcedureFailure | undefined {
    return this.#failure;
  }
  get steps() {
    return this.#recorder.steps;
  }
  /** When set-up began, and when the call connected and ended (ms since the epoch; null until then). */
  get times(): { readonly startedAt: number; readonly connectedAt: number | null; readonly endedAt: number | null } {
    return { startedAt: this.#startedAt, connectedAt: this.#connectedAt, endedAt: this.#endedAt };
  }

  /**
   * Hands the live call over to `target`. On a refusal the call stays
   * connected where it was; if the call drops, it ends `FAILED`.
   *
   * @throws {IllegalTransitionError} when the call is not `CONNECTED`.
   */
  async handOff(target: PlmnId): Promise<HandoffRecord> {
    const from = this.#visited;
    const at = this.#context.clock.now();
    this.#move('HANDOFF_INITIATED', 'in_progress');
    this.#move('HANDOFF_IN_PROGRESS', 'in_progress');
    const port = this.#context.networks(from);
    const callId = this.#connected!.callId;
    try {
      const { reply, durationMs } = await this.#recorder.exchange('Handover Required', `vlr:${from}`, () =>
        port.handover({ callId, targetPlmn: target }),
      );
      // Both networks read their clocks during the handover exchange: one leg ends, the next starts.
      const handedAt: [number, number] = [at, this.#context.clock.now()];
      this.#closeLeg(handedAt);
      this.#connected = { ...this.#connected!, legId: reply.legId };
      this.#visited = reply.toPlmn;
      this.#legStartedAt = handedAt[1];
      this.#legWindow = handedAt;
      this.#move('HANDOFF_COMPLETE', 'in_progress');
      this.#move('CONNECTED', 'success');
      return this.#recordHandoff({ fromNetwork: from, toNetwork: target, durationMs: round(durationMs), success: true, at });
    } catch (error) {
      const failure = failureOf(error);
      const durationMs = round(this.#context.clock.now() - at);
      if (error instanceof RejectError) {
        this.#move('CONNECTED', 'failure', failure.cause);
      } else {
        this.#closeLeg([at, this.#context.clock.now()]);
        this.#fail(failure);
      }
      return this.#recordHandoff({ fromNetwork: from, toNetwork: target, durationMs, success: false, failure, at });
    }
  }

  /**
   * Ends the call: the network releases it and closes the last leg's charging.
   * A call that has ended already (it failed to set up, it dropped, or it was
   * hung up) has nothing left to release: hanging it up changes nothing.
   *
   * @throws {CallNotConnectedError} while the call is still being set up or handed over.
   */
  async hangUp(): Promise<void> {
    const state = this.#state();
    if (state === 'FAILED' || (state === 'IDLE' && this.#endedAt !== null)) return;
    if (state !== 'CONNECTED') throw new CallNotConnectedError(this.correlationId, state);
    this.#move('CALL_TEARDOWN', 'in_progress');
    const port = this.#context.networks(this.#visited);
    const callId = this.#connected!.callId;
    const sentAt = this.#context.clock.now();
    let endedEarlier = false;
    try {
      await this.#recorder.exchange('Disconnect', `vlr:${this.#visited}`, () => port.releaseCall(callId));
    } catch (error) {
      // The network already ended it (e.g. the subscriber registered elsewhere): the call is over all the same.
      endedEarlier = error instanceof UnknownCallError || error instanceof RejectError;
      if (!endedEarlier) this.#failure = failureOf(error);
    }
    // A call the network ended on its own ended at a time the phone cannot know: any time since the leg began.
    this.#closeLeg([endedEarlier ? this.#legWindow[0] : sentAt, this.#context.clock.now()]);
    this.#move('IDLE', 'success');
  }

  async #setUp(): Promise<void> {
    const { subscriber, clock } = this.#context;
    const port = this.#context.networks(this.#visited);
    const vlr = `vlr:${this.#visited}`;
    try {
      this.#move('LOCATION_REQUEST', 'in_progress');
      if (!this.#context.registered) {
        this.#move('HLR_LOOKUP', 'in_progress');
        const first = await this.#recorder.exchange('Location Request', vlr, () => port.attachRequest(subscriber.imsi));
        let lookupMs = first.durationMs;
        let reply: AttachAccept | AuthenticationChallenge = first.reply;
        for (let challenges = 1; reply.kind === 'challenge'; challenges++) {
          const answer = answerChallenge(subscriber, reply);
          const challenge: AuthenticationChallenge = reply;
          const name = answer.kind === 'sync-failure' ? 'Authentication Failure (synch)' : 'Authentication Response';
          if (answer.kind === 'response') this.#move('VLR_REGISTRATION', 'in_progress');
          const next = await this.#recorder.exchange(name, vlr, () => port.authenticationResponse(challenge.transactionId, answer));
          if (answer.kind === 'response') this.#timings.vlrRegistrationMs = round(next.durationMs);
          else lookupMs += next.durationMs;
          reply = next.reply;
          if (reply.kind === 'challenge' && challenges >= MAX_CHALLENGES) {
            throw new RejectError('set up call', 'SYNCH_FAILURE', `the SIM refused ${challenges} challenges in a row`);
          }
        }
        this.#timings.hlrLookupMs = round(lookupMs);
      }
      this.#move('CALL_SETUP', 'in_progress');
      const request = { imsi: subscriber.imsi, otherParty: this.#context.otherParty };
      const setupSentAt = clock.now();
      const setup = await this.#recorder.exchange(this.#context.direction === 'mt' ? 'Call Confirmed' : 'Setup', vlr, () =>
        this.#context.direction === 'mt' ? port.deliverCall(request) : port.originateCall(request),
      );
      this.#timings.callSetupMs = round(setup.durationMs);
      this.#connected = setup.reply;
      this.#connectedAt = this.#legStartedAt = clock.now();
      this.#legWindow = [setupSentAt, this.#legStartedAt];
      this.#move('CONNECTED', 'success');
    } catch (error) {
      this.#fail(failureOf(error));
    }
  }

  #fail(failure: ProcedureFailure): void {
    this.#failure = failure;
    this.#endedAt = this.#context.clock.now();
    this.#move('FAILED', 'failure', failure.cause);
  }

  // The ground truth of the leg in the network serving the call until now; `end` spans the exchange that ended it.
  #closeLeg(end: readonly [number, number]): void {
    const now = this.#context.clock.now();
    if (this.#state() === 'CALL_TEARDOWN') this.#endedAt = now;
    const connected = this.#connected;
    if (!connected || !this.#context.journal) return;
    const subscriber = this.#context.subscriber;
    this.#context.journal.add({
      sessionId: connected.legId,
      imsi: subscriber.imsi,
      homePlmn: subscriber.home.id,
      visitedPlmn: this.#visited,
      service: 'voice',
      startedAt: this.#legStartedAt,
      seconds: Math.round(now - this.#legStartedAt) / 1000,
      direction: this.#context.direction ?? 'mo',
      correlationId: this.#context.correlationId,
      window: { start: this.#legWindow, end },
    });
  }

  #state(): CallState {
    return this.#machine.state;
  }

  #move(to: CallState, result: 'in_progress' | 'success' | 'failure', reason: string | null = null): void {
    const from = this.#machine.state;
    const transition = this.#machine.moveTo(to);
    const eventType = HANDOFF_STATES.has(to) || HANDOFF_STATES.has(from) ? 'handoff' : 'call';
    this.#recorder.emit(eventType, this.#visited, result, reason, transition);
  }

  #recordHandoff(record: HandoffRecord): HandoffRecord {
    this.#handoffs.push(record);
    return record;
  }
}
