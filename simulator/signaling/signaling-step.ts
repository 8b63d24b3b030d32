import { withWireMessages } from './wire-messages.js';

/**
 * One signaling transaction inside a procedure (e.g. SendAuthInfo to the
 * home HLR), with its timing, for reports and sequence charts.
 */
export interface SignalingStep {
  /** The message, e.g. `SendAuthInfo`, `UpdateLocation`, `ChargingStart`. */
  readonly name: string;
  /** Who sent it, e.g. `vlr:208-01`. */
  readonly from: string;
  /** Who answered, e.g. `hlr:262-01`. */
  readonly to: string;
  /** Clock time it started (ms since the epoch). */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly result: 'ok' | 'error';
  /** A reject cause or error summary when `result` is `error`. */
  readonly detail?: string;
  /**
   * The protocol messages of the transaction as they crossed the wire (a
   * Diameter AIR and its AIA...), when the link's protocol reports them.
   */
  readonly messages?: readonly SignalingMessage[];
}

/** A file a report attaches to a step: the decoded message, as text. */
export interface StepAttachment {
  /** e.g. `AIR (decoded AVPs)`. */
  readonly name: string;
  /** e.g. `application/json`. */
  readonly contentType: string;
  /** Identities as pseudonyms, key material never. */
  readonly body: string;
}

/**
 * One protocol message of a transaction (a Diameter request or answer) as a
 * step of its own: `AIR vlr:208-01 → hlr:262-01`, then `AIA hlr:262-01 →
 * vlr:208-01` with the time since its request, `error` when its result is
 * a failure, and the decoded message as an attachment.
 */
export interface SignalingMessage extends Omit<SignalingStep, 'messages'> {
  readonly attachment: StepAttachment;
}

/**
 * Runs `fn` and records it as a {@link SignalingStep}, success or failure.
 * The error is rethrown after recording.
 */
export async function recordStep<T>(
  steps: SignalingStep[],
  clock: { now(): number; monotonic(): number },
  step: { name: string; from: string; to: string },
  fn: () => Promise<T>,
): Promise<T> {
  const startedAt = clock.now();
  const start = clock.monotonic();
  // The port may report the messages it put on the wire for this transaction (see wire-messages.ts).
  const outcome = await withWireMessages(fn);
  const durationMs = clock.monotonic() - start;
  if (!outcome.failed) {
    steps.push(stepOf(step, startedAt, durationMs, 'ok', undefined, outcome.messages));
    return outcome.value as T;
  }
  const error = outcome.error;
  const detail = (error as { rejectCause?: string } | undefined)?.rejectCause ?? (error as Error | undefined)?.message ?? String(error);
  steps.push(stepOf(step, startedAt, durationMs, 'error', detail, outcome.messages));
  throw error;
}

/** A step built property by property: spreading objects on every transaction showed in profiles of busy worlds. */
function stepOf(
  step: { name: string; from: string; to: string },
  startedAt: number,
  durationMs: number,
  result: SignalingStep['result'],
  detail: string | undefined,
  messages: readonly SignalingMessage[],
): SignalingStep {
  const made: { -readonly [K in keyof SignalingStep]: SignalingStep[K] } = {
    name: step.name,
    from: step.from,
    to: step.to,
    startedAt,
    durationMs,
    result,
  };
  if (detail !== undefined) made.detail = detail;
  if (messages.length) made.messages = messages;
  return made;
}
