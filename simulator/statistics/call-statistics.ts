import type { PlmnId } from '../plmn.js';
import type { CallState } from '../procedures/call-states.js';
import type { AttachOutcome } from '../procedures/attach.js';
import type { HandoffRecord, RoamingCall } from '../procedures/call.js';
import { SampleSeries, type LatencySummary } from '../../metrics/sample-series.js';

/** The statistics of one call session. */
export interface SessionStatistics {
  readonly sessionId: string;
  /** Pseudonym of the IMSI. */
  readonly subscriberId: string;
  readonly state: CallState;
  readonly hlrLookupMs: number | null;
  readonly vlrRegistrationMs: number | null;
  readonly callSetupMs: number | null;
  /** From connect to teardown (or now, for a live call), in seconds; null when it never connected. */
  readonly totalDurationS: number | null;
  /** Networks the call was served by, in order. */
  readonly networks: readonly PlmnId[];
  readonly handoffs: readonly HandoffRecord[];
  readonly failureReason: string | null;
}

/** Statistics over every call session, with percentiles. */
export interface SimulatorStatistics {
  readonly totalSessions: number;
  readonly successfulSessions: number;
  readonly failedSessions: number;
  /** Percent of sessions that connected, 0 to 100 (NaN with no sessions). */
  readonly successRate: number;
  readonly totalHandoffs: number;
  readonly successfulHandoffs: number;
  readonly avgHlrLookupMs: number;
  readonly avgVlrLookupMs: number;
  readonly hlrLookupMs: LatencySummary;
  readonly vlrRegistrationMs: LatencySummary;
  readonly callSetupMs: LatencySummary;
  readonly handoffMs: LatencySummary;
  /** Failed sessions by reason, e.g. `{ IMSI_UNKNOWN: 1 }`. */
  readonly failuresByReason: Readonly<Record<string, number>>;
}

/** The statistics of one call now. */
export function sessionStatistics(call: RoamingCall, now: number): SessionStatistics {
  const { connectedAt, endedAt } = call.times;
  const networks: PlmnId[] = [call.handoffs.find((h) => h.success)?.fromNetwork ?? call.visited];
  for (const h of call.handoffs) if (h.success) networks.push(h.toNetwork);
  return {
    sessionId: call.correlationId,
    subscriberId: call.subscriberId,
    state: call.state,
    ...call.timings,
    totalDurationS: connectedAt === null ? null : Math.round((endedAt ?? now) - connectedAt) / 1000,
    networks,
    handoffs: call.handoffs,
    failureReason: call.failure?.cause ?? null,
  };
}

/**
 * Simulator-wide statistics, fed as calls set up and hand off: totals,
 * success rate, and the HLR lookup, VLR registration, set-up and handoff
 * latencies with their mean and p50/p95/p99.
 *
 * @example
 * ```ts
 * const stats = new RoamingStatistics();
 * stats.recordSetUp(call);
 * stats.recordHandoff(await call.handOff('214-01'));
 * stats.summary().hlrLookupMs.p95
 * ```
 */
export class RoamingStatistics {
  readonly #hlr = new SampleSeries();
  readonly #vlr = new SampleSeries();
  readonly #setup = new SampleSeries();
  readonly #handoff = new SampleSeries();
  readonly #failures = new Map<string, number>();
  #sessions = 0;
  #successful = 0;
  #handoffs = 0;
  #successfulHandoffs = 0;

  /** Counts a call once its set-up has ended (connected or failed). */
  recordSetUp(call: RoamingCall): void {
    this.#sessions++;
    const { hlrLookupMs, vlrRegistrationMs, callSetupMs } = call.timings;
    if (hlrLookupMs !== null) this.#hlr.add(hlrLookupMs);
    if (vlrRegistrationMs !== null) this.#vlr.add(vlrRegistrationMs);
    if (callSetupMs !== null) this.#setup.add(callSetupMs);
    if (call.state === 'CONNECTED') this.#successful++;
    else this.#countFailure(call.failure?.cause ?? 'UNKNOWN');
  }

  /**
   * Adds an attach's HLR lookup (the attach request, answered after the VLR's
   * SendAuthInfo) and VLR registration (the authentication response, answered
   * after UpdateLocation) to the latency samples. Attaches are not sessions.
   */
  recordAttach(outcome: AttachOutcome): void {
    const lookup = outcome.steps.find((s) => s.from === 'ue' && s.name === 'Attach Request' && s.result === 'ok');
    const registration = outcome.steps.find((s) => s.from === 'ue' && s.name === 'Authentication Response' && s.result === 'ok');
    if (lookup) this.#hlr.add(lookup.durationMs);
    if (registration && outcome.state === 'REGISTERED') this.#vlr.add(registration.durationMs);
  }

  /** Counts one handoff. */
  recordHandoff(handoff: HandoffRecord): void {
    this.#handoffs++;
    if (handoff.success) {
      this.#successfulHandoffs++;
      this.#handoff.add(handoff.durationMs);
    }
  }

  summary(): SimulatorStatistics {
    const hlr = this.#hlr.summary();
    const vlr = this.#vlr.summary();
    return {
      totalSessions: this.#sessions,
      successfulSessions: this.#successful,
      failedSessions: this.#sessions - this.#successful,
      successRate: this.#sessions === 0 ? NaN : (100 * this.#successful) / this.#sessions,
      totalHandoffs: this.#handoffs,
      successfulHandoffs: this.#successfulHandoffs,
      avgHlrLookupMs: hlr.avg,
      avgVlrLookupMs: vlr.avg,
      hlrLookupMs: hlr,
      vlrRegistrationMs: vlr,
      callSetupMs: this.#setup.summary(),
      handoffMs: this.#handoff.summary(),
      failuresByReason: Object.fromEntries(this.#failures),
    };
  }

  #countFailure(reason: string): void {
    this.#failures.set(reason, (this.#failures.get(reason) ?? 0) + 1);
  }
}
