/**
 * Which SLO thresholds make sense: within what the metric can measure, and
 * able both to hold and to fail. A rate is a share (0 % to 100 %), a count a
 * whole number of samples, a latency 0 ms or more. An SLO that holds
 * whatever is measured (`rate>=0%`, `count>=0`) checks nothing and would
 * pass a broken system; one that no measurement can meet (`p(95)<0ms`,
 * `rate>100%`) fails a working one. Both are mistakes, refused with a reason.
 *
 * @module
 */
import type { Slo } from './slo.js';

/** What the metric of an SLO can measure. */
interface Domain {
  readonly lowest: number;
  readonly highest: number;
  readonly whole: boolean;
  /** The range in words, e.g. `a rate between 0% and 100%`. */
  readonly expected: string;
  /** Why a threshold outside it is refused, e.g. `a rate is between 0% and 100%`. */
  readonly rule: string;
  /** A threshold as the user wrote it, e.g. `100%` for 1. */
  readonly format: (threshold: number) => string;
}

const RATE: Domain = {
  lowest: 0,
  highest: 1,
  whole: false,
  expected: 'a rate between 0% and 100%',
  rule: 'a rate is between 0% and 100%',
  format: (t) => `${Math.round(t * 1e6) / 1e4}%`,
};
const COUNT: Domain = {
  lowest: 0,
  highest: Number.POSITIVE_INFINITY,
  whole: true,
  expected: 'a count of 0 or more',
  rule: 'a count is a whole number, 0 or more',
  format: String,
};
const LATENCY: Domain = {
  lowest: 0,
  highest: Number.POSITIVE_INFINITY,
  whole: false,
  expected: 'a latency of 0ms or more',
  rule: 'a latency is 0 or more',
  format: (t) => `${t}ms`,
};

/**
 * Why an SLO's threshold is refused, or undefined when it is fine.
 *
 * @example
 * ```ts
 * sloRangeProblem({ source: 'rate>=0%', aggregate: { kind: 'rate' }, operator: '>=', threshold: 0 })
 * // { expected: 'a threshold that can fail', reason: 'rate>=0% holds whatever is measured (a rate is never below 0%), so it checks nothing' }
 * ```
 */
export function sloRangeProblem(slo: Slo): { expected: string; reason: string } | undefined {
  const kind = slo.aggregate.kind;
  const domain = kind === 'rate' ? RATE : kind === 'count' ? COUNT : LATENCY;
  const t = slo.threshold;
  if (t < domain.lowest || t > domain.highest || (domain.whole && !Number.isInteger(t))) {
    return { expected: domain.expected, reason: `${domain.format(t)} is out of range: ${domain.rule}` };
  }
  const { lowest, highest } = domain;
  const bound = (edge: number) => `${edge === lowest ? 'below' : 'above'} ${domain.format(edge)}`;
  switch (slo.operator) {
    case '<':
      if (t <= lowest) return impossible(slo, `nothing is ${bound(lowest)}`);
      break;
    case '<=':
      if (t >= highest) return vacuous(slo, `nothing is ${bound(highest)}`);
      break;
    case '>':
      if (t >= highest) return impossible(slo, `nothing is ${bound(highest)}`);
      break;
    case '>=':
      if (t <= lowest) return vacuous(slo, `nothing is ${bound(lowest)}`);
      break;
    case '==':
      break;
  }
  return undefined;
}

function vacuous(slo: Slo, why: string): { expected: string; reason: string } {
  return {
    expected: 'a threshold that can fail',
    reason: `${slo.source.trim()} holds whatever is measured (${why}), so it checks nothing`,
  };
}

function impossible(slo: Slo, why: string): { expected: string; reason: string } {
  return { expected: 'a threshold that can be met', reason: `${slo.source.trim()}: no measurement can meet it (${why})` };
}
