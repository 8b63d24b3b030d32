import { RoamError } from '../../core/errors.js';

/** A seed: a safe integer or a string (hashed). */
export type Seed = number | string;

/** A seed that is neither a safe integer nor a non-empty string. */
export class InvalidSeedError extends RoamError {
  constructor(value: unknown) {
    super(
      'ROAM_INVALID_SEED',
      `seed random numbers with ${JSON.stringify(value) ?? String(value)}`,
      'a seed must be a safe integer or a non-empty string',
      {
        hint: 'Pass a seed such as 42 or "soak-2025-06-01"',
      },
    );
  }
}

/**
 * A fast, seeded pseudo-random number generator (xoshiro128**, seeded through
 * splitmix32), so a simulated run repeats exactly from its seed. Not for
 * secrets: K, OPc and production RANDs come from `node:crypto`.
 *
 * {@link SeededRandom.fork} derives an independent stream from the seed and a
 * label, so adding draws to one part of a simulation (say, SMS traffic) does
 * not shift the numbers another part (call traffic) sees.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.between(10, 50) // the same number on every run with seed 42
 * const calls = random.fork('calls');
 * ```
 */
export class SeededRandom {
  /** The seed material this stream was made from. */
  readonly seed: string;
  readonly #s = new Uint32Array(4);

  constructor(seed: Seed) {
    if (!(typeof seed === 'string' && seed.length > 0) && !(typeof seed === 'number' && Number.isSafeInteger(seed))) {
      throw new InvalidSeedError(seed);
    }
    this.seed = String(seed);
    let h = hashString(this.seed);
    for (let i = 0; i < 4; i++) {
      h = (h + 0x9e3779b9) >>> 0;
      this.#s[i] = splitmix32(h);
    }
    if (this.#s.every((word) => word === 0)) this.#s[0] = 1;
  }

  /** An independent stream for `label`, the same for the same seed and label however many numbers this one has drawn. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seed}/${label}`);
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0)
      throw new RangeError('[roam] Failed to pick from an empty list: there is nothing to pick. Pass at least one item.');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An exponentially distributed number with the given mean: the gap between events of a Poisson process. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** `count` pseudo-random bytes, e.g. RANDs for repeatable authentication vectors. */
  bytes(count: number): Buffer {
    const out = Buffer.allocUnsafe(count);
    for (let i = 0; i < count; i += 4) {
      const word = this.nextUint32();
      for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  }

  /** `digits` hex digits, lowercase. */
  hex(digits: number): string {
    return this.bytes(Math.ceil(digits / 2))
      .toString('hex')
      .slice(0, digits);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

// FNV-1a over UTF-16 code units: only used to turn seed text into a starting state.
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
