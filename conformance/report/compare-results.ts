import type { CaseResult, SuiteRun } from '../core/suite-run.js';
import type { Baseline } from './baseline.js';

/** A case's result against the baseline, in Osmocom's `compare-results` words. */
export type Verdict = 'pass' | 'pass->FAIL' | 'xfail' | 'xfail->PASS' | 'NEW' | 'skip';

/** One case compared. */
export interface ComparedCase {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  /** For NEW: how it went this time. */
  readonly status: CaseResult['status'];
  /** Why a known failure is accepted (xfail, xfail->PASS). */
  readonly reason?: string;
  /** The failure, for pass->FAIL, xfail and a NEW failure. */
  readonly message?: string;
}

/** A run compared with a baseline, and whether the gate lets it through. */
export interface Comparison {
  readonly cases: readonly ComparedCase[];
  readonly counts: Readonly<Record<Verdict, number>>;
  /** False on any pass->FAIL, and on a NEW failure unless they are allowed. */
  readonly gatePassed: boolean;
}

/**
 * Compares a run with a baseline: a case expected to pass is `pass` or
 * `pass->FAIL`; a known failure is `xfail` (still failing, accepted) or
 * `xfail->PASS` (fixed: update the baseline); a case the baseline does not
 * list is `NEW`. Only regressions fail the gate, and NEW failures unless
 * `allowNewFailures`. Without a baseline, every case is NEW.
 *
 * @example
 * ```ts
 * const { gatePassed, cases } = compareWithBaseline(run, readBaseline('baselines/osmo-hlr.json'));
 * ```
 */
export function compareWithBaseline(
  run: Pick<SuiteRun, 'cases'>,
  baseline: Baseline | undefined,
  options: { allowNewFailures?: boolean } = {},
): Comparison {
  const cases = run.cases.map((result): ComparedCase => {
    const base = { id: result.id, title: result.title, status: result.status };
    const expected = baseline?.cases[result.id];
    const message = result.message !== undefined ? { message: result.message } : {};
    if (result.status === 'skipped') return { ...base, verdict: 'skip', ...message };
    if (!expected) return { ...base, verdict: 'NEW', ...(result.status === 'failed' ? message : {}) };
    if (expected.expected === 'pass')
      return result.status === 'passed' ? { ...base, verdict: 'pass' } : { ...base, verdict: 'pass->FAIL', ...message };
    return result.status === 'failed'
      ? { ...base, verdict: 'xfail', reason: expected.reason, ...message }
      : { ...base, verdict: 'xfail->PASS', reason: expected.reason };
  });
  const counts: Record<Verdict, number> = { pass: 0, 'pass->FAIL': 0, xfail: 0, 'xfail->PASS': 0, NEW: 0, skip: 0 };
  for (const c of cases) counts[c.verdict]++;
  const newFailure = cases.some((c) => c.verdict === 'NEW' && c.status === 'failed');
  return { cases, counts, gatePassed: counts['pass->FAIL'] === 0 && (options.allowNewFailures === true || !newFailure) };
}

/** The comparison as a terminal shows it: one line a case, then the counts. */
export function formatComparison(comparison: Comparison): string {
  const width = Math.max(...comparison.cases.map((c) => c.id.length), 4);
  const lines = comparison.cases.map((c) => {
    const verdict = c.verdict === 'NEW' ? `NEW (${c.status === 'passed' ? 'PASS' : c.status === 'failed' ? 'FAIL' : 'skip'})` : c.verdict;
    const why = c.verdict === 'xfail' || c.verdict === 'xfail->PASS' ? `  known: ${c.reason}` : c.message ? `  ${c.message}` : '';
    return `  ${c.id.padEnd(width)}  ${verdict.padEnd(11)}  ${c.title}${why ? `\n  ${' '.repeat(width)}  ${' '.repeat(11)}${why}` : ''}`;
  });
  const counts = Object.entries(comparison.counts)
    .filter(([, n]) => n > 0)
    .map(([verdict, n]) => `${n} ${verdict}`)
    .join(', ');
  return [...lines, `  ${counts}; gate ${comparison.gatePassed ? 'passed' : 'FAILED'}`, ''].join('\n');
}
