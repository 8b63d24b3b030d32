/**
 * The benchmark harness: each benchmark measures side by side in one run and
 * reports ratios, with medians over repeated runs and their min and max.
 *
 * @module
 */

/** How long to run: `quick` is a smoke run (the whole suite in under two minutes), `full` the real measurement. */
export type BenchMode = 'quick' | 'full';

/** A table row: column name to value. */
export type BenchRow = Record<string, string | number>;

/** A target a benchmark checks, e.g. "virtual clock >= 1000x real time". */
export interface BenchTarget {
  readonly name: string;
  /** The target as written, e.g. `>= 1000x`. */
  readonly target: string;
  /** The measured value as written, e.g. `4210x`. */
  readonly measured: string;
  readonly met: boolean;
  /** Where the time goes when it is not met, and what would close the gap. */
  readonly note?: string;
}

/** What a benchmark reports. */
export interface BenchResult {
  readonly rows: readonly BenchRow[];
  readonly targets?: readonly BenchTarget[];
  /** Method notes printed under the table. */
  readonly notes?: readonly string[];
}

/** A benchmark module's export. */
export interface Benchmark {
  /** File-safe id, e.g. `virtual-clock`. */
  readonly name: string;
  /** Heading in BENCHMARKS.md. */
  readonly title: string;
  /** One paragraph: what is measured and how. */
  readonly method: string;
  run(mode: BenchMode): Promise<BenchResult>;
}

/** Median, min and max of repeated measurements. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Runs `measure` `times` times, one after another, and summarises. */
export async function repeat(times: number, measure: (run: number) => Promise<number>): Promise<Spread> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(await measure(i));
  return spread(values);
}

/** Median, min and max of values. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** `1234 (1100–1300)` */
export function formatSpread(s: Spread, digits = 0, unit = ''): string {
  const f = (n: number) => n.toFixed(digits);
  return `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The p-th percentile (0–100) of values, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Runs `once` in `concurrency` closed loops for `seconds`: each loop starts
 * its next call as soon as the last one ends, until the time is up.
 * `once` gets its loop's index. Resolves with the wall time the loops took,
 * in seconds (the last calls end after the deadline).
 */
export async function closedLoops(concurrency: number, seconds: number, once: (loop: number) => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (performance.now() < until) await once(loop);
    }),
  );
  return (performance.now() - t0) / 1000;
}
