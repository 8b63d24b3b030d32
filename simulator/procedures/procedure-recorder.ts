import { RejectError, type RejectCause } from '../causes.js';
import type { Clock } from '../../core/clock.js';
import type { EventResult, EventSink } from '../roaming-events.js';
import type { IdentityHasher } from '../identity-hasher.js';
import type { PlmnId } from '../plmn.js';
import type { Subscriber } from '../subscriber.js';
import type { ExchangeRunner } from './attach.js';
import type { SignalingStep } from '../signaling/signaling-step.js';

/** What every subscriber-side procedure needs besides its ports. */
export interface ProcedureContext {
  readonly subscriber: Subscriber;
  readonly clock: Clock;
  readonly hasher: IdentityHasher;
  /** The same for every event of one procedure run (one call, with its handoffs, is one run). */
  readonly correlationId: string;
  readonly events?: EventSink;
  /** Wraps each exchange between subscriber and network, e.g. in a Playwright step. */
  readonly exchange?: ExchangeRunner;
}

/** How a failed procedure failed: a reject cause from the network, or an error (no answer, a bug). */
export interface ProcedureFailure {
  readonly cause: RejectCause | 'NETWORK_ERROR';
  readonly message: string;
}

/** Turns whatever a procedure caught into a {@link ProcedureFailure}. */
export function failureOf(error: unknown): ProcedureFailure {
  if (error instanceof RejectError) return { cause: error.rejectCause, message: error.message };
  return { cause: 'NETWORK_ERROR', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Records one procedure run: its events (the users' schema, IMSI as a
 * pseudonym, never K or OPc) and the signalling steps of its exchanges with
 * the network, timed on the procedure's clock.
 *
 * @internal shared by the procedures in this folder.
 */
export class ProcedureRecorder {
  readonly steps: SignalingStep[] = [];
  readonly subscriberId: string;
  readonly #context: ProcedureContext;
  readonly #start: number;
  // Time spent reporting (e.g. Playwright steps around an exchange), kept out of latencies.
  #reportingMs = 0;

  constructor(context: ProcedureContext) {
    this.#context = context;
    this.#start = context.clock.monotonic();
    this.subscriberId = context.hasher.subscriber(context.subscriber.imsi);
  }

  /**
   * Milliseconds since the procedure started, to the microsecond, without the
   * time spent reporting its exchanges: what the subscriber experienced.
   */
  elapsedMs(): number {
    return round(this.#context.clock.monotonic() - this.#start - this.#reportingMs);
  }

  /** Emits one event. `at` is the clock time it happened (now when omitted). */
  emit(
    eventType: string,
    visited: PlmnId | null,
    result: EventResult,
    reason: string | null = null,
    transition: { readonly from: string; readonly to: string; readonly at?: number } | null = null,
  ): void {
    const events = this.#context.events;
    if (!events) return;
    events({
      event_type: eventType,
      timestamp: new Date(transition?.at ?? this.#context.clock.now()).toISOString(),
      subscriber_id: this.subscriberId,
      visited_mcc_mnc: visited,
      latency_ms: this.elapsedMs(),
      result,
      failure_reason: reason,
      correlation_id: this.#context.correlationId,
      transition: transition ? { from: transition.from, to: transition.to } : null,
    });
  }

  /**
   * Runs one exchange with the network (`name`, from the phone to `to`),
   * records it and the network's own steps, and returns the answer with its
   * duration on the clock.
   */
  async exchange<T extends { readonly steps: readonly SignalingStep[] }>(
    name: string,
    to: string,
    fn: () => Promise<T>,
  ): Promise<{ reply: T; durationMs: number }> {
    const { clock } = this.#context;
    const run: ExchangeRunner | undefined = this.#context.exchange;
    const outer = clock.monotonic();
    let startedAt = clock.now();
    let t0 = outer;
    let t1: number | undefined;
    // Only the network exchange itself is timed; a runner's own work (steps) is not.
    const timed = async () => {
      startedAt = clock.now();
      t0 = clock.monotonic();
      try {
        return await fn();
      } finally {
        t1 = clock.monotonic();
      }
    };
    const settle = () => {
      const end = t1 ?? clock.monotonic();
      this.#reportingMs += clock.monotonic() - outer - (end - t0);
      return end - t0;
    };
    try {
      const reply = run ? await run(name, timed) : await timed();
      const durationMs = settle();
      this.steps.push({ name, from: 'ue', to, startedAt, durationMs, result: 'ok' }, ...reply.steps);
      return { reply, durationMs };
    } catch (error) {
      const durationMs = settle();
      const detail = error instanceof RejectError ? error.rejectCause : error instanceof Error ? error.message : String(error);
      this.steps.push({ name, from: 'ue', to, startedAt, durationMs, result: 'error', detail });
      throw error;
    }
  }
}

/** Rounds to the microsecond, so logs do not carry floating-point noise. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
