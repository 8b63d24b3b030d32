import type { z } from 'zod';
import { problemsOf } from '../../core/problems.js';
import type { FieldProblem } from './problem.js';

/**
 * Turns zod issues into the field problems of a problem-details answer, with
 * dotted paths, e.g. `roaming.networks[1]`. An unknown field of a strict
 * object is named by its own path (`roaming.colour: unknown field`), not by
 * its parent's.
 */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return problemsOf(error.issues).map(({ path, message }) => ({ path, message }));
}
