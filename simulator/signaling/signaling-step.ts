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
  try {
    const value = await fn();
    steps.push({ ...step, startedAt, durationMs: clock.monotonic() - start, result: 'ok' });
    return value;
  } catch (error) {
    const detail = (error as { rejectCause?: string }).rejectCause ?? (error as Error).message ?? String(error);
    steps.push({ ...step, startedAt, durationMs: clock.monotonic() - start, result: 'error', detail });
    throw error;
  }
}
