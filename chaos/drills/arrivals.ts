/**
 * How load arrives, as users model it.
 *
 * - Open models (arrival rate): requests come at a rate whatever the system
 *   answers, as subscribers do. `uniform` spaces them evenly; `poisson`
 *   draws exponential gaps, so they bunch up and thin out as independent
 *   arrivals do (the usual model of call and attach attempts).
 * - Closed models (users): a fixed number of users each start the next
 *   request when the previous one is answered (and a think time has passed),
 *   so the rate falls when the system slows down.
 *
 * @module
 */

/** How arrivals of an open model are spaced. */
export type ArrivalPattern = 'uniform' | 'poisson';

/** The patterns, for schemas and messages. */
export const ARRIVAL_PATTERNS: readonly ArrivalPattern[] = ['uniform', 'poisson'];

/**
 * The gap to the next arrival at `ratePerSecond`, ms: the mean gap for
 * `uniform`, an exponential draw with that mean for `poisson`.
 *
 * @param random uniform draws in [0, 1)
 * @example
 * ```ts
 * arrivalGapMs(100, 'poisson', Math.random) // 10 ms on average
 * ```
 */
export function arrivalGapMs(ratePerSecond: number, pattern: ArrivalPattern, random: () => number): number {
  const mean = 1000 / ratePerSecond;
  return pattern === 'uniform' ? mean : -Math.log(1 - random()) * mean;
}

/**
 * The next arrival of a Poisson process whose rate changes over time (a
 * ramp), by thinning: candidates come at the highest rate and each is kept
 * with probability rate(t) / highest rate. Returns `Infinity` when no
 * arrival comes before `untilMs`.
 *
 * @param rateAt arrivals per second at a time, ms
 * @param maxRate the highest rate `rateAt` reaches in the window, per second
 */
export function nextPoissonArrival(
  fromMs: number,
  untilMs: number,
  rateAt: (ms: number) => number,
  maxRate: number,
  random: () => number,
): number {
  if (maxRate <= 0) return Infinity;
  for (let at = fromMs; ;) {
    at += arrivalGapMs(maxRate, 'poisson', random);
    if (at >= untilMs) return Infinity;
    if (random() * maxRate < rateAt(at)) return at;
  }
}

/**
 * Uniform draws in [0, 1) from a 32-bit seed (mulberry32): the same seed
 * gives the same arrivals, so a load replays.
 *
 * @example
 * ```ts
 * const random = seededUniform(7);
 * ```
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
