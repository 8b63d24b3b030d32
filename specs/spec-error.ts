import { RoamError } from '../core/errors.js';
import { formatProblem, type Problem, type ProblemLocation } from '../core/problems.js';

/** One problem in a spec file: always located (file, 1-based line and column). */
export interface SpecProblem extends Problem {
  readonly location: ProblemLocation;
}

/**
 * A problem at a place in a spec file.
 *
 * @example
 * ```ts
 * specProblem('specs/a.roam.yaml', 1, 1, 'the file is empty: write a scenario')
 * ```
 */
export function specProblem(file: string, line: number, column: number, message: string, path = '', code = 'custom'): SpecProblem {
  return { code, message, path, location: { file, line, column } };
}

/**
 * Spec files that do not validate. Lists every problem at once, each with
 * its file, line, column and path, in the form zod's `prettifyError` uses.
 */
export class SpecError extends RoamError {
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    const files = new Set(problems.map((p) => p.location.file)).size;
    super(
      'ROAM_SPEC_INVALID',
      'load specs',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
      {
        hint: 'Fix them and run again; nothing was run',
        details: problems.map(formatProblem),
      },
    );
    this.problems = problems;
  }
}
