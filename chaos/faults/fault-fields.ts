/**
 * Checks of fault options, field by field. A bad value fails before anything
 * is injected, with a {@link ChaosError} that names the field, what is wrong
 * with it, and a value that would do.
 *
 * @module
 */
import { ChaosError } from '../chaos-error.js';

/** The stable code of every invalid-fault error. */
export const BAD_FAULT = 'ROAM_CHAOS_BAD_FAULT';

/**
 * The checks, bound to what was being attempted (for the error message).
 *
 * @example
 * ```ts
 * const fields = new FaultFields('add a fault on vlr:208-01 -> hlr:262-01');
 * const ms = fields.milliseconds('ms', options.ms); // throws naming "ms" for -5
 * ```
 */
export class FaultFields {
  readonly #failedTo: string;

  constructor(failedTo: string) {
    this.#failedTo = failedTo;
  }

  /** A whole number of milliseconds, at least `min` (default 0). */
  milliseconds(field: string, value: unknown, min = 0): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw this.error(
        `${field} is ${show(value)}, not a whole number of milliseconds >= ${min}`,
        `Give ${field} as an integer, e.g. ${field}: ${Math.max(min, 200)}`,
      );
    }
    return value;
  }

  /** A probability from 0 to 1. */
  probability(field: string, value: unknown): number {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw this.error(`${field} is ${show(value)}, outside 0 to 1`, `Give ${field} as a probability, e.g. ${field}: 0.5`);
    }
    return value;
  }

  /** A percentage from 0 to 100. */
  percent(field: string, value: unknown): number {
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw this.error(`${field} is ${show(value)}, not a number`, `Give ${field} as a percentage, e.g. ${field}: 5`);
    }
    if (value > 100) throw this.error(`${field} is ${value}, over 100`, `Give ${field} from 0 to 100, e.g. ${field}: 5`);
    if (value < 0) throw this.error(`${field} is ${value}, below 0`, `Give ${field} from 0 to 100, e.g. ${field}: 5`);
    return value;
  }

  /** A whole number at least `min`. */
  integer(field: string, value: unknown, min: number, example: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw this.error(
        `${field} is ${show(value)}, not a whole number >= ${min}`,
        `Give ${field} as an integer, e.g. ${field}: ${example}`,
      );
    }
    return value;
  }

  /** A number at least `min`. */
  atLeast(field: string, value: unknown, min: number, example: number): number {
    if (typeof value !== 'number' || !(value >= min) || !Number.isFinite(value)) {
      throw this.error(`${field} is ${show(value)}, not a number >= ${min}`, `Give ${field} as a number, e.g. ${field}: ${example}`);
    }
    return value;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      throw this.error(
        `${field} is ${show(value)}, not one of ${allowed.map((a) => `"${a}"`).join(', ')}`,
        `Give ${field} as one of those`,
      );
    }
    return value as T;
  }

  /** An error about a combination of fields rather than one value. */
  error(cause: string, hint: string): ChaosError {
    return new ChaosError(BAD_FAULT, this.#failedTo, cause, hint);
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
