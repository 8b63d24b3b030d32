/** A fault could not be put in effect, or a chaos backend misbehaved. */
export class ChaosError extends Error {
  /** A stable code, e.g. `ROAM_CHAOS_UNKNOWN_LINK`. */
  readonly code: string;
  /** What went wrong, without the `Failed to ...` frame, e.g. `percent is 120, over 100`. */
  readonly reason: string;
  /** What to do about it. */
  readonly hint: string;

  constructor(code: string, failedTo: string, cause: string, hint: string, options?: { cause?: unknown }) {
    super(`[roam] Failed to ${failedTo}: ${cause}. ${hint}.`, options);
    this.name = 'ChaosError';
    this.code = code;
    this.reason = cause;
    this.hint = hint;
  }
}
