import { percentileOfSorted } from './percentile.js';

/** Summary of a series of latencies (ms). Every figure is NaN when there are no samples. */
export interface LatencySummary {
  readonly count: number;
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * A growing series of numbers in a typed array: a day of 10,000 subscribers
 * is millions of samples, which plain arrays of boxed numbers would make
 * heavy.
 */
export class SampleSeries {
  #values = new Float64Array(1024);
  #count = 0;
  #sum = 0;

  add(value: number): void {
    if (this.#count === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.#count++] = value;
    this.#sum += value;
  }

  get count(): number {
    return this.#count;
  }

  /** The samples, oldest first. */
  values(): number[] {
    return Array.from(this.#values.subarray(0, this.#count));
  }

  /** Count, mean, min, max and p50/p95/p99 (linear interpolation, as k6 and numpy). */
  summary(): LatencySummary {
    if (this.#count === 0) return { count: 0, avg: NaN, min: NaN, max: NaN, p50: NaN, p95: NaN, p99: NaN };
    const sorted = this.#values.slice(0, this.#count).sort();
    const at = (p: number) => percentileOfSorted(sorted as unknown as number[], p);
    return {
      count: this.#count,
      avg: this.#sum / this.#count,
      min: sorted[0]!,
      max: sorted[this.#count - 1]!,
      p50: at(50),
      p95: at(95),
      p99: at(99),
    };
  }
}
