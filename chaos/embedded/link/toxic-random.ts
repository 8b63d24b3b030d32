/**
 * The dice of Toxiproxy's own toxics (toxicity rolls, latency jitter,
 * slicer cuts), per server: `Math.random` by default, or a generator seeded
 * with toxiproxy-server's `-seed`, so a run can be repeated. With several
 * connections at once the draws are shared in the order events happen, as
 * in Go, so only a run with the same order of events repeats exactly.
 *
 * @module
 */

/** Uniform in [0, 1). */
export type ToxicRandom = () => number;

/**
 * A random source for a server: seeded from a 64-bit integer (both halves
 * count, as Go's int64 seed does), or `Math.random` without a seed.
 *
 * @example
 * ```ts
 * const random = toxicRandom(42n);
 * random(); // the same number on every run
 * ```
 */
export function toxicRandom(seed?: bigint): ToxicRandom {
  if (seed === undefined) return Math.random;
  const bits = BigInt.asUintN(64, seed);
  // sfc32, its state filled from the seed's two halves: small, fast, and fine for dice.
  let a = Number(bits & 0xffffffffn) | 0;
  let b = Number(bits >> 32n) | 0;
  let c = 0x9e3779b9;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so nearby seeds do not start alike.
  for (let i = 0; i < 15; i++) next();
  return next;
}
