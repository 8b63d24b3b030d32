import { RoamError } from '../../core/errors.js';

/**
 * A modelled delay: a base drawn uniformly between `minMs` and `maxMs`, then
 * varied by up to ±`jitterPct` percent of itself (the `NetworkLatency` of
 * the reference latency model, docs/latency-model.md).
 */
export interface LatencyRange {
  readonly minMs: number;
  readonly maxMs: number;
  /** 0 to 100. */
  readonly jitterPct: number;
}

/** A latency range that cannot be drawn from: negative, inverted or with jitter outside 0–100 %. */
export class InvalidLatencyError extends RoamError {
  constructor(shown: string, cause: string) {
    super('ROAM_INVALID_LATENCY', `accept latency ${shown}`, cause, {
      hint: 'A valid latency has 0 <= minMs <= maxMs and 0 <= jitterPct <= 100, e.g. { minMs: 10, maxMs: 50, jitterPct: 10 }',
    });
  }
}

/**
 * Validates a latency range.
 *
 * @throws {InvalidLatencyError} naming the values and what a valid range looks like.
 * @example
 * ```ts
 * const international = latencyRange(100, 300, 20);
 * ```
 */
export function latencyRange(minMs: number, maxMs: number, jitterPct = 10): LatencyRange {
  const shown = `{ minMs: ${minMs}, maxMs: ${maxMs}, jitterPct: ${jitterPct} }`;
  for (const [name, value] of [
    ['minMs', minMs],
    ['maxMs', maxMs],
    ['jitterPct', jitterPct],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidLatencyError(shown, `${name} is not a finite number`);
    if (value < 0) throw new InvalidLatencyError(shown, `${name} is negative`);
  }
  if (minMs > maxMs) throw new InvalidLatencyError(shown, 'minMs is greater than maxMs');
  if (jitterPct > 100) throw new InvalidLatencyError(shown, 'jitterPct is above 100');
  return Object.freeze({ minMs, maxMs, jitterPct });
}

/** Validates a range given as an object. */
export function parseLatencyRange(input: LatencyRange): LatencyRange {
  return latencyRange(input.minMs, input.maxMs, input.jitterPct);
}

/**
 * Draws one delay from `range` with uniform numbers from `uniform` (in [0, 1)).
 * Never negative; jitter can take it a little outside [min, max], as real
 * links do.
 */
export function drawLatency(range: LatencyRange, uniform: () => number): number {
  const base = range.minMs + (range.maxMs - range.minMs) * uniform();
  const jitter = (range.jitterPct / 100) * (2 * uniform() - 1);
  return Math.max(0, base * (1 + jitter));
}
