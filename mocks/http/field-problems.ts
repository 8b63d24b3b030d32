import type { z } from 'zod';
import type { FieldProblem } from './problem.js';

/**
 * Turns zod issues into field problems with dotted paths, e.g.
 * `roaming.networks[1]`. An unknown field of a strict object is named by
 * its own path (`roaming.colour: unknown field`), not by its parent's.
 */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

/** `['a', 'b', 2, 'c']` -> `a.b[2].c` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
