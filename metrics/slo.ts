import { RoamError } from '../core/errors.js';
import { mean, percentileOfSorted } from './percentile.js';
import { sloRangeProblem } from './slo-range.js';

/** The aggregations an SLO can name. */
export type SloAggregate =
  { readonly kind: 'percentile'; readonly p: number } | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' };

/** A parsed SLO threshold, e.g. `p(95)<450ms`. */
export interface Slo {
  /** The text as written. */
  readonly source: string;
  readonly aggregate: SloAggregate;
  readonly operator: '<' | '<=' | '>' | '>=' | '==';
  /** The threshold in the metric's base unit: milliseconds, a fraction (0 to 1) for rates, a count. */
  readonly threshold: number;
}

/** The grammar, shown in parse errors. */
export const SLO_GRAMMAR = `threshold := aggregate operator number unit?
aggregate := p(<0-100>) | avg | min | max | med | rate | count
operator  := < | <= | > | >= | ==
unit      := ms | s  (durations)  |  %  (rates)
examples  : 'p(95)<450ms'  'avg<200ms'  'rate>=99.5%'  'count>=100'`;

/** An SLO string that does not parse; says at which character and shows the grammar. */
export class SloSyntaxError extends RoamError {
  /** The threshold as written. */
  readonly source: string;
  /** Zero-based index of the offending character. */
  readonly index: number;
  /** What the grammar wanted at {@link index}, e.g. `an operator: <, <=, >, >= or ==`. */
  readonly expected: string;
  /** Why a threshold that parses is refused anyway (out of range, cannot fail, cannot hold); undefined for syntax. */
  readonly reason: string | undefined;

  constructor(source: string, index: number, expected: string, options: { code?: string; reason?: string } = {}) {
    const marker = `${source}\n${' '.repeat(index)}^`;
    super(
      options.code ?? 'ROAM_SLO_SYNTAX',
      `parse SLO ${JSON.stringify(source)}`,
      options.reason
        ? `${options.reason}, at character ${index + 1}\n${marker}\n`
        : `at character ${index + 1}, expected ${expected}\n${marker}\n${SLO_GRAMMAR}\n`,
      {
        hint: options.reason ? `Write ${expected}` : 'Write it as in the examples above',
      },
    );
    this.source = source;
    this.index = index;
    this.expected = expected;
    this.reason = options.reason;
  }
}

/**
 * An SLO that parses but is refused: its threshold is outside what the
 * metric can measure (`rate>=250%`, `p(50)<-500ms`), or it can never fail
 * (`rate>=0%`) or never hold (`p(95)<0ms`). Also a {@link SloSyntaxError},
 * so one `catch` takes both.
 */
export class SloRangeError extends SloSyntaxError {
  constructor(source: string, index: number, expected: string, reason: string) {
    super(source, index, expected, { code: 'ROAM_SLO_RANGE', reason });
  }
}

/**
 * Parses a k6-style threshold, and refuses one that could never be met or
 * never fail (see `slo-range.ts`).
 *
 * @throws {SloSyntaxError} naming the character where it went wrong ({@link SloRangeError} for a range).
 * @example
 * ```ts
 * parseSlo('p(95)<450ms') // { aggregate: { kind: 'percentile', p: 95 }, operator: '<', threshold: 450 }
 * ```
 */
export function parseSlo(source: string): Slo {
  let i = 0;
  const s = source;
  const skipSpaces = () => {
    while (s[i] === ' ') i++;
  };
  skipSpaces();
  let aggregate: SloAggregate;
  const word = /^[a-z]+/.exec(s.slice(i))?.[0] ?? '';
  if (word === 'p' && s[i + 1] === '(') {
    i += 2;
    const num = /^\d+(\.\d+)?/.exec(s.slice(i))?.[0];
    if (!num) throw new SloSyntaxError(s, i, 'a percentile between 0 and 100');
    const p = Number(num);
    if (p > 100) throw new SloSyntaxError(s, i, 'a percentile between 0 and 100');
    i += num.length;
    if (s[i] !== ')') throw new SloSyntaxError(s, i, '")"');
    i++;
    aggregate = { kind: 'percentile', p };
  } else if (['avg', 'min', 'max', 'med', 'rate', 'count'].includes(word)) {
    i += word.length;
    aggregate = { kind: word as 'avg' };
  } else {
    throw new SloSyntaxError(s, i, 'an aggregate: p(N), avg, min, max, med, rate or count');
  }
  skipSpaces();
  const operator = /^(<=|>=|==|<|>)/.exec(s.slice(i))?.[0] as Slo['operator'] | undefined;
  if (!operator) throw new SloSyntaxError(s, i, 'an operator: <, <=, >, >= or ==');
  i += operator.length;
  skipSpaces();
  const num = /^-?\d+(\.\d+)?/.exec(s.slice(i))?.[0];
  if (!num) throw new SloSyntaxError(s, i, 'a number');
  const numberAt = i;
  i += num.length;
  const unit = /^(ms|s|%)/.exec(s.slice(i))?.[0] ?? '';
  const unitAt = i;
  i += unit.length;
  skipSpaces();
  if (i < s.length) throw new SloSyntaxError(s, i, 'the end of the threshold');
  const isRate = aggregate.kind === 'rate';
  const isCount = aggregate.kind === 'count';
  if (isRate && unit !== '%' && unit !== '') throw new SloSyntaxError(s, unitAt, '"%" or no unit for a rate');
  if (!isRate && unit === '%') throw new SloSyntaxError(s, unitAt, 'a duration unit (ms or s), since only rate takes %');
  if (isCount && unit !== '') throw new SloSyntaxError(s, unitAt, 'no unit for a count');
  let threshold = Number(num);
  if (unit === 's') threshold *= 1000;
  if (unit === '%') threshold /= 100;
  const slo: Slo = { source, aggregate, operator, threshold };
  const range = sloRangeProblem(slo);
  if (range) throw new SloRangeError(s, numberAt, range.expected, range.reason);
  return slo;
}

/** The outcome of checking one SLO against samples. */
export interface SloVerdict {
  readonly slo: Slo;
  /** The measured value, in the SLO's base unit. NaN when there were no samples. */
  readonly measured: number;
  readonly pass: boolean;
  readonly samples: number;
}

/**
 * Checks an SLO against a sample. For `rate`, the sample is booleans (or
 * 1/0); for the others, numbers (ms). An empty sample fails every SLO but
 * `count`.
 */
export function evaluateSlo(slo: Slo | string, sample: readonly number[] | readonly boolean[]): SloVerdict {
  const parsed = typeof slo === 'string' ? parseSlo(slo) : slo;
  const values = (sample as readonly (number | boolean)[]).map(Number);
  const measured = aggregate(parsed.aggregate, values);
  const pass = !Number.isNaN(measured) && compare(measured, parsed.operator, parsed.threshold);
  return { slo: parsed, measured, pass, samples: values.length };
}

function aggregate(agg: SloAggregate, values: number[]): number {
  if (agg.kind === 'count') return values.length;
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  switch (agg.kind) {
    case 'percentile':
      return percentileOfSorted(sorted, agg.p);
    case 'avg':
    case 'rate':
      return mean(values);
    case 'min':
      return sorted[0]!;
    case 'max':
      return sorted[sorted.length - 1]!;
    case 'med':
      return percentileOfSorted(sorted, 50);
  }
}

function compare(a: number, op: Slo['operator'], b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
  }
}

/** Formats a measured value in the SLO's unit, e.g. `412.3ms` or `99.6%`. */
export function formatMeasured(slo: Slo, value: number): string {
  if (Number.isNaN(value)) return 'no samples';
  if (slo.aggregate.kind === 'rate') return `${round(value * 100)}%`;
  if (slo.aggregate.kind === 'count') return String(value);
  return `${round(value)}ms`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
