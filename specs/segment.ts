/**
 * Segments of a run: one run split across processes or machines, each
 * running its share of every scenario, in the spirit of k6's execution
 * segments. Segment `i/n` takes the i-th of n equal slices of every
 * subscriber group (each group belongs to one home partner, so every
 * segment exercises every partner with subscribers no other segment has),
 * 1/n of every load phase's arrival rate and its share of a closed load's
 * users. Segments combine with Playwright's `--shard`, which splits the
 * scenarios themselves; `roam merge` puts the segments' results back
 * together.
 *
 * @module
 */
import { RoamError } from '../core/errors.js';

/** The environment variable a segment travels in to Playwright's workers: `i/n`. */
export const SEGMENT_ENV = 'ROAM_SEGMENT';

/** A segment given in a form it cannot be read in. */
export class InvalidSegmentError extends RoamError {
  /** What is wrong with it, e.g. `i is 3, not from 1 to 2`. */
  readonly reason: string;

  constructor(source: string, text: string, reason: string) {
    super('ROAM_INVALID_SEGMENT', `use segment ${JSON.stringify(text)} (${source})`, reason, {
      hint: 'Give it as i/n with 1 <= i <= n, e.g. --segment 2/4',
    });
    this.reason = reason;
  }
}

/** One segment of a run: the `index`-th (from 1) of `count`. */
export class RunSegment {
  readonly index: number;
  readonly count: number;

  constructor(index: number, count: number) {
    this.index = index;
    this.count = count;
  }

  /** The whole run: segment 1/1. */
  static readonly WHOLE = new RunSegment(1, 1);

  /** True for 1/1. */
  get whole(): boolean {
    return this.count === 1;
  }

  /** `2/4` */
  toString(): string {
    return `${this.index}/${this.count}`;
  }

  /**
   * This segment's slice of `total` items, as `[start, end)`: slices of all
   * segments are disjoint, cover every item, and differ in size by one at most.
   *
   * @example
   * ```ts
   * new RunSegment(2, 3).range(10) // [3, 6]
   * ```
   */
  range(total: number): readonly [number, number] {
    return [Math.floor(((this.index - 1) * total) / this.count), Math.floor((this.index * total) / this.count)];
  }

  /** This segment's share of a whole number (users of a closed load): `range(total)`'s size. */
  share(total: number): number {
    const [start, end] = this.range(total);
    return end - start;
  }

  /** This segment's share of a rate: `rate / count`. */
  rate(perSecond: number): number {
    return perSecond / this.count;
  }
}

/**
 * Reads `i/n`.
 *
 * @param source where it came from, for the error, e.g. `--segment` or `ROAM_SEGMENT`
 * @throws {InvalidSegmentError} naming the source, for anything but `i/n` with 1 <= i <= n <= 10000
 */
export function parseSegment(text: string, source = '--segment'): RunSegment {
  const match = /^\s*(\d{1,5})\s*\/\s*(\d{1,5})\s*$/.exec(text);
  if (!match) throw new InvalidSegmentError(source, text, 'it is not of the form i/n');
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 10_000) throw new InvalidSegmentError(source, text, `n is ${count}, not from 1 to 10000`);
  if (index < 1 || index > count) throw new InvalidSegmentError(source, text, `i is ${index}, not from 1 to ${count}`);
  return new RunSegment(index, count);
}

/** The segment `ROAM_SEGMENT` names, or the whole run when it is unset. @throws {InvalidSegmentError} */
export function segmentFromEnv(env: NodeJS.ProcessEnv = process.env): RunSegment {
  const text = env[SEGMENT_ENV];
  return text ? parseSegment(text, SEGMENT_ENV) : RunSegment.WHOLE;
}
