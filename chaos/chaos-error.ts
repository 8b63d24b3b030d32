import { RoamError } from '../core/errors.js';

/** A fault could not be put in effect, or a chaos backend misbehaved. */
export class ChaosError extends RoamError {
  /** What went wrong, without the `Failed to ...` frame, e.g. `percent is 120, over 100`. */
  readonly reason: string;
  /** What to do about it. */
  declare readonly hint: string;

  constructor(code: string, failedTo: string, reason: string, hint: string, options: { cause?: unknown } = {}) {
    super(code, failedTo, reason, { hint, cause: options.cause });
    this.reason = reason;
  }
}
