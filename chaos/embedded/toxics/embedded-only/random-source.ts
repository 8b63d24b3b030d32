/**
 * Random numbers for embedded-only toxics: seeded when a test wants the same
 * dice every run, and the draws of the delay distributions.
 *
 * @module
 */

/** Uniform in [0, 1). */
export type Random = () => number;

/**
 * A random source: `Math.random` for seed 0, else a seeded sfc32 generator,
 * so `seed: 42` gives the same rolls on every run.
 *
 * @example
 * ```ts
 * const random = randomSource(42);
 * random(); // the same number every run
 * ```
 */
export function randomSource(seed: number): Random {
  if (seed === 0) return Math.random;
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    // sfc32: small, fast, and good enough for dice.
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so nearby seeds do not start alike.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Delay distributions, by the number the `distribution` attribute carries. */
export const DISTRIBUTIONS = ['uniform', 'normal', 'pareto'] as const;

/** A delay distribution's name. */
export type Distribution = (typeof DISTRIBUTIONS)[number];

/**
 * One delay in ms with mean `latency` and spread `jitter`:
 * - `uniform`: latency + an integer in [-jitter, jitter), as Toxiproxy draws it;
 * - `normal`: mean latency, standard deviation jitter, cut at 0;
 * - `pareto`: mean latency, standard deviation jitter, heavy right tail
 *   (never below latency·(α-1)/α): the rare very slow request.
 *
 * @example
 * ```ts
 * drawDelay(100, 20, 'pareto', Math.random); // mostly near 95, now and then 180
 * ```
 */
export function drawDelay(latency: number, jitter: number, distribution: Distribution, random: Random): number {
  if (jitter <= 0 || latency < 0) return Math.max(latency, 0);
  switch (distribution) {
    case 'uniform':
      return latency + Math.floor(random() * 2 * jitter) - jitter;
    case 'normal':
      return Math.max(0, latency + jitter * standardNormal(random));
    case 'pareto': {
      if (latency === 0) return 0;
      // Mean m and deviation s give shape α = 1 + √(1 + m²/s²) and scale m(α-1)/α.
      const alpha = 1 + Math.sqrt(1 + (latency / jitter) ** 2);
      const scale = (latency * (alpha - 1)) / alpha;
      return scale / Math.pow(1 - random(), 1 / alpha);
    }
  }
}

/** Box-Muller. */
function standardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
