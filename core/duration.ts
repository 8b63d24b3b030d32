/**
 * Durations as people write them, in one grammar for specs, drills, faults
 * and the command line: a number of milliseconds, or a non-negative decimal
 * and a unit: `40ms`, `1.5s`, `2m`, `1h`.
 *
 * @module
 */
import { RoamError } from './errors.js';

/** Milliseconds per unit. */
export const DURATION_UNITS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** A duration unit. */
export type DurationUnit = keyof typeof DURATION_UNITS;

/** The longest duration anything accepts: 31 days (a month-long soak on the virtual clock). */
export const MAX_DURATION_MS = 31 * 24 * DURATION_UNITS.h;

/** The grammar, for error messages and docs. */
export const DURATION_GRAMMAR = 'a number and ms, s, m or h, e.g. 40ms, 1.5s, 2m or 1h';

const PATTERN = /^\s*(-?)(\d{1,15}(?:\.\d{1,6})?)\s*(ms|s|m|h)\s*$/;

/** What {@link readDuration} found: milliseconds, or why the value is not a duration. */
export type DurationReading = { readonly ms: number; readonly problem?: undefined } | { readonly ms?: undefined; readonly problem: string };

/**
 * Reads a duration without throwing: a string in the grammar, or a number of
 * milliseconds. Negative, non-finite and over-long values are problems.
 *
 * @example
 * ```ts
 * readDuration('1.5s') // { ms: 1500 }
 * readDuration('-40ms') // { problem: '"-40ms" is negative; a duration is 0 or more' }
 * ```
 */
export function readDuration(value: unknown): DurationReading {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { problem: `${value} is not a finite number of milliseconds` };
    if (value < 0) return { problem: `${value} is negative; a duration is 0 or more` };
    ms = value;
  } else if (typeof value === 'string') {
    const match = PATTERN.exec(value);
    if (!match) return { problem: `${JSON.stringify(shorten(value))} is not a duration: expected ${DURATION_GRAMMAR}` };
    if (match[1] === '-' && Number(match[2]) !== 0) return { problem: `${JSON.stringify(value)} is negative; a duration is 0 or more` };
    ms = Number(match[2]) * DURATION_UNITS[match[3] as DurationUnit];
  } else {
    return { problem: `${value === null ? 'null' : typeof value} is not a duration: expected ${DURATION_GRAMMAR}` };
  }
  if (ms > MAX_DURATION_MS) return { problem: `${JSON.stringify(shorten(String(value)))} is longer than the limit of 31 days` };
  return { ms };
}

/** A value that is not a duration in the one grammar, or out of range. */
export class DurationError extends RoamError {
  constructor(what: string, problem: string) {
    super('ROAM_INVALID_DURATION', `read ${what}`, problem, { hint: `Write ${DURATION_GRAMMAR}, from 0 up to 31 days` });
  }
}

/**
 * Parses a duration into milliseconds.
 *
 * @param what what the duration is, for the error, e.g. `the fault's "for"`
 * @throws {DurationError} naming `what` and the problem.
 * @example
 * ```ts
 * parseDuration('2m') // 120000
 * ```
 */
export function parseDuration(value: unknown, what = 'a duration'): number {
  const reading = readDuration(value);
  if (reading.problem !== undefined) throw new DurationError(what, reading.problem);
  return reading.ms;
}

/**
 * Formats milliseconds in the grammar, in the largest unit that divides them
 * exactly, so that {@link parseDuration} reads back the same number.
 *
 * @example
 * ```ts
 * formatDuration(90_000) // '90s'
 * formatDuration(120_000) // '2m'
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms > 0) {
    for (const unit of ['h', 'm', 's'] as const) if (ms % DURATION_UNITS[unit] === 0) return `${ms / DURATION_UNITS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
