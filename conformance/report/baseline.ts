import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { RoamError } from '../../core/errors.js';
import { formatProblemsInline, problemsOf } from '../../core/problems.js';
import type { SuiteRun } from '../core/suite-run.js';

/** The format tag of a baseline file. */
export const BASELINE_FORMAT = 'roam-conformance-baseline/1';

/**
 * Expected results per case, as Osmocom's `expected-results.xml`: each case
 * is expected to pass, or is a known failure (`xfail`) with the reason it
 * is accepted. Keyed by case id.
 */
export const BaselineSchema = z.strictObject({
  format: z.literal(BASELINE_FORMAT),
  role: z.enum(['hlr', 'vlr', 'billing']),
  /** What the baseline was recorded against, e.g. `osmo-hlr 1.5.0`. */
  implementation: z.string().min(1),
  cases: z.record(
    z.string().regex(/^[A-Z]+(-[A-Z0-9]+)+$/, 'expected a case id such as HLR-AUTH-01'),
    z.discriminatedUnion('expected', [
      z.strictObject({ expected: z.literal('pass') }),
      z.strictObject({ expected: z.literal('xfail'), reason: z.string().min(1, 'a known failure needs its reason') }),
    ]),
  ),
});

/** A baseline as read. */
export type Baseline = z.output<typeof BaselineSchema>;

/** A baseline file that cannot be used. */
export class BaselineError extends RoamError {
  constructor(file: string, cause: string) {
    super('ROAM_CONFORMANCE_BASELINE', `read the baseline ${file}`, cause, {
      hint: 'Write it with "roam certify --update-baseline", or fix the file as the cause says',
    });
  }
}

/**
 * Reads and checks a baseline file.
 *
 * @throws {BaselineError} naming the file and every problem with its path.
 */
export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BaselineError(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  const parsed = BaselineSchema.safeParse(data);
  if (!parsed.success) throw new BaselineError(file, formatProblemsInline(problemsOf(parsed.error.issues)));
  return parsed.data;
}

/**
 * The baseline a run would record: its passes expected to pass, its
 * failures known failures. A failure the previous baseline already knew
 * keeps its reason; a new one gets its failure message as the reason, to
 * be edited into why it is accepted. Skipped cases keep what they had.
 */
export function baselineOf(run: SuiteRun, previous?: Baseline): Baseline {
  const cases: Baseline['cases'] = { ...(previous?.cases ?? {}) };
  for (const result of run.cases) {
    if (result.status === 'passed') cases[result.id] = { expected: 'pass' };
    else if (result.status === 'failed') {
      const known = previous?.cases[result.id];
      cases[result.id] = { expected: 'xfail', reason: known?.expected === 'xfail' ? known.reason : (result.message ?? 'failed') };
    }
  }
  const implementation = [run.implementation.implementation ?? run.implementation.target, run.implementation.version]
    .filter(Boolean)
    .join(' ');
  return { format: BASELINE_FORMAT, role: run.role, implementation, cases: sortedKeys(cases) };
}

/** Writes a baseline as indented JSON, cases in id order, so its diffs read well. */
export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, JSON.stringify({ ...baseline, cases: sortedKeys(baseline.cases) }, null, 2) + '\n');
}

function sortedKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
