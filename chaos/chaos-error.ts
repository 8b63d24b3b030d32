/** A fault could not be put in effect, or a chaos backend misbehaved. */
export class ChaosError extends Error {
  /** A stable code, e.g. `ROAM_CHAOS_UNKNOWN_LINK`. */
  readonly code: string;

  constructor(code: string, failedTo: string, cause: string, hint: string, options?: { cause?: unknown }) {
    super(`[roam] Failed to ${failedTo}: ${cause}. ${hint}.`, options);
    this.name = 'ChaosError';
    this.code = code;
  }
}
