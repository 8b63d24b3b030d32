/**
 * The one error root of roaming-harness.
 *
 * Every error the harness raises on purpose is a {@link RoamError}: it has a
 * stable `code` a caller can switch on and a `hint` that says what to do. Messages read
 * `[roam] Failed to <verb> <object>: <reason>. <what to do>.`
 *
 * @module
 */

/** Options shared by every {@link RoamError}. */
export interface RoamErrorOptions {
  /** What to do about it, one sentence. */
  readonly hint?: string;
  /** The lower-level error that caused this one, if any. */
  readonly cause?: unknown;
  /** Lines printed under the message, e.g. one per problem found. */
  readonly details?: readonly string[];
}

/**
 * Base class of every error raised by roaming-harness on purpose.
 *
 * @example
 * ```ts
 * try { parsePlmn('2620-1') } catch (e) { if (e instanceof RoamError) console.log(e.code) }
 * ```
 */
export class RoamError extends Error {
  /** A stable, machine-readable code, e.g. `ROAM_INVALID_PLMN`. */
  readonly code: string;
  /** What the user can do about it. */
  readonly hint: string | undefined;

  /**
   * @param code a stable code, `ROAM_` and upper-case words
   * @param failedTo what was being done, e.g. `parse PLMN "2620-1"`
   * @param reason why it failed, e.g. `the MCC has four digits`
   */
  constructor(code: string, failedTo: string, reason: string, options: RoamErrorOptions = {}) {
    const hint = options.hint ? ` ${withStop(options.hint)}` : '';
    const details = options.details?.length ? `\n${options.details.join('\n')}` : '';
    super(`[roam] Failed to ${failedTo}: ${withStop(reason)}${hint}${details}`, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/**
 * Ends a sentence with a full stop unless it already ends with `.`, `!` or `?`.
 *
 * @example
 * ```ts
 * withStop('no such link') // 'no such link.'
 * ```
 */
export function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
