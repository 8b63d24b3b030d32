import type { IssueLike } from '../core/problems.js';

/** A zod issue as the loader sees it; unions carry each branch's issues, with paths relative to the union. */
interface Issue extends IssueLike {
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly errors?: readonly (readonly Issue[])[];
}

/**
 * Replaces each "Invalid input" of a union (`latency: -40ms` under a link
 * that takes a fault or a list of faults) with what the matching branch
 * said: the branch whose shape fits the value (an object for a mapping, an
 * array for a list). When no branch fits, one issue names the shapes that
 * would have.
 *
 * @example
 * ```ts
 * explainUnionIssues(result.error.issues) // [{ path: ['links', 'ue -> vlr:208-01', 'latency'], message: '"-40ms" is negative; ...' }]
 * ```
 */
export function explainUnionIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => explain(issue, 0));
}

// Unions nest (a union of unions); a bound keeps a pathological schema from recursing for ever.
const MAX_NESTING = 16;

function explain(issue: Issue, nesting: number): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length || nesting > MAX_NESTING) return [issue];
  const fitting = issue.errors.filter((branch) => !branch.every(isShapeMismatch));
  if (fitting.length > 0) {
    return fitting[0]!.flatMap((inner) => explain({ ...inner, path: [...issue.path, ...inner.path] }, nesting + 1));
  }
  const shapes = [...new Set(issue.errors.flat().flatMap(shapesOf))];
  if (shapes.length === 0) return [issue];
  const received = /received (\w+)/.exec(issue.errors[0]?.[0]?.message ?? '')?.[1];
  return [
    {
      code: 'invalid_type',
      path: issue.path,
      message: `expected ${shapes.join(' or ')}${received ? `, got ${describeShape(received)}` : ''}`,
    },
  ];
}

function shapesOf(inner: Issue): string[] {
  if (typeof inner.expected === 'string') return [describeShape(inner.expected)];
  return (inner.values ?? []).map((value) => JSON.stringify(value));
}

// A branch that failed only because the value has another shape at the union's own place.
function isShapeMismatch(inner: Issue): boolean {
  return inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value');
}

function describeShape(shape: string): string {
  if (shape === 'object') return 'a mapping';
  if (shape === 'array') return 'a list';
  return `a ${shape}`;
}
