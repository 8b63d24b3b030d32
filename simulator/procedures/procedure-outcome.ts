import type { PlmnId } from '../plmn.js';
import { ProcedureRecorder, failureOf, type ProcedureContext, type ProcedureFailure } from './procedure-recorder.js';
import type { SignalingStep } from '../signaling/signaling-step.js';

/** How a one-exchange procedure (location update, detach, short message, …) ended. */
export interface ProcedureOutcome<R = undefined> {
  /** The event type it logged, e.g. `location_update`. */
  readonly procedure: string;
  readonly correlationId: string;
  /** Pseudonym of the IMSI. */
  readonly subscriberId: string;
  readonly visited: PlmnId;
  readonly result: 'success' | 'failure';
  /** The network's answer when it succeeded. */
  readonly reply?: R;
  readonly failure?: ProcedureFailure;
  readonly latencyMs: number;
  readonly steps: readonly SignalingStep[];
}

/**
 * Runs a procedure that is one exchange with the serving network, logs its
 * outcome as one event, and never throws for a network outcome.
 *
 * @internal shared by the procedures in this folder.
 */
export async function runExchange<R extends { readonly steps: readonly SignalingStep[] }>(
  context: ProcedureContext,
  procedure: string,
  visited: PlmnId,
  message: string,
  fn: () => Promise<R>,
): Promise<ProcedureOutcome<R>> {
  const recorder = new ProcedureRecorder(context);
  const outcome = (result: 'success' | 'failure', extra: { reply: R } | { failure: ProcedureFailure }): ProcedureOutcome<R> => ({
    procedure,
    correlationId: context.correlationId,
    subscriberId: recorder.subscriberId,
    visited,
    steps: recorder.steps,
    result,
    latencyMs: recorder.elapsedMs(),
    ...extra,
  });
  try {
    const { reply } = await recorder.exchange(message, `vlr:${visited}`, fn);
    recorder.emit(procedure, visited, 'success');
    return outcome('success', { reply });
  } catch (error) {
    const failure = failureOf(error);
    recorder.emit(procedure, visited, 'failure', failure.cause);
    return outcome('failure', { failure });
  }
}
