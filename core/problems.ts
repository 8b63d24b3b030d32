/**
 * Problems with what a user gave (a spec, a drill, a request body, a config
 * file), as data: `{ code, message, path, location }`, the shape Playwright
 * gives its own errors, printed one way everywhere. Validation libraries'
 * issues (zod's) convert into problems here; core imports no library, so it
 * takes any issue of that shape.
 *
 * @module
 */
import { closest } from './did-you-mean.js';

/** Where in a file a problem is: 1-based line and column. */
export interface ProblemLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One problem in something a user gave. */
export interface Problem {
  /** Stable kind of problem, e.g. zod's `invalid_type`, `unrecognized_keys`, or `custom`. */
  readonly code: string;
  /** What is wrong, one sentence without the path. */
  readonly message: string;
  /** Where in the document, e.g. `steps[0].attach.who`; empty for the whole document. */
  readonly path: string;
  /** Where in a file, when the input came from one. */
  readonly location?: ProblemLocation;
}

/** The shape of a validation issue (zod's `$ZodIssue` fits). */
export interface IssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** For `unrecognized_keys`: the keys that were not expected. */
  readonly keys?: readonly string[];
  /** For `invalid_key` (a record's key): what is wrong with the key. */
  readonly issues?: readonly { readonly message: string }[];
}

/**
 * `['steps', 0, 'attach', 'who']` as `steps[0].attach.who`.
 *
 * @example
 * ```ts
 * formatPath(['roaming', 'networks', 1]) // 'roaming.networks[1]'
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

/** Options of {@link problemsOf}. */
export interface ProblemsOfOptions {
  /**
   * The keys an object at `path` may have, when known: an unknown key then
   * gets the nearest one as a suggestion (`unknown field; did you mean "attach"?`).
   */
  readonly knownKeys?: (path: readonly PropertyKey[]) => readonly string[];
}

/**
 * Problems from validation issues. An unknown key of a strict object becomes
 * one problem per key, at the key's own path, so the location points at it.
 *
 * @param locate where a path is in the source file, when there is one (`at.key`: the key of the path's last step, not its value)
 * @example
 * ```ts
 * const result = schema.safeParse(input);
 * if (!result.success) throw new BadInputError(problemsOf(result.error.issues));
 * ```
 */
export function problemsOf(
  issues: readonly IssueLike[],
  locate?: (path: readonly PropertyKey[], at?: { readonly key: boolean }) => ProblemLocation | undefined,
  options: ProblemsOfOptions = {},
): Problem[] {
  return issues.flatMap((issue) => {
    const code = issue.code ?? 'custom';
    // A key that should not be there is found at the key itself, not at its value.
    const atKey = { key: code === 'unrecognized_keys' || code === 'invalid_key' };
    const entries: [readonly PropertyKey[], string][] =
      code === 'unrecognized_keys' && issue.keys?.length
        ? issue.keys.map((key) => [[...issue.path, key], `unknown field${suggestion(key, issue.path, options)}`])
        : code === 'invalid_key' && typeof issue.path.at(-1) === 'string'
          ? [
              [
                issue.path,
                issue.issues?.length
                  ? issue.issues.map((inner) => inner.message).join('; ')
                  : (unknownRecordKey(String(issue.path.at(-1)), issue.path.slice(0, -1), options) ?? issue.message),
              ],
            ]
          : [[issue.path, issue.message.replace(/^Invalid input: /, '')]];
    return entries.map(([path, message]) => {
      const location = locate?.(path, atKey);
      return { code, message, path: formatPath(path), ...(location ? { location } : {}) };
    });
  });
}

function suggestion(key: string, objectPath: readonly PropertyKey[], options: ProblemsOfOptions): string {
  const hit = options.knownKeys ? closest(key, options.knownKeys(objectPath)) : undefined;
  return hit === undefined ? '' : `; did you mean "${hit}"?`;
}

/** A key a record does not take (zod's `invalid_key`), with the keys it does take when there are few. */
function unknownRecordKey(key: string, objectPath: readonly PropertyKey[], options: ProblemsOfOptions): string | undefined {
  const known = options.knownKeys?.(objectPath) ?? [];
  if (known.length === 0) return undefined;
  const hit = closest(key, known);
  if (hit !== undefined) return `not a key here; did you mean "${hit}"?`;
  return known.length <= 12 ? `not a key here; write one of ${known.join(', ')}` : 'not a key here';
}

/**
 * A problem for a person, as zod's `prettifyError` prints an issue, plus the
 * file position: `✖ expected a PLMN id\n  → at world.home (spec.yaml:3:9)`.
 */
export function formatProblem(problem: Problem): string {
  const where = problem.location ? ` (${problem.location.file}:${problem.location.line}:${problem.location.column})` : '';
  return `✖ ${problem.message}\n  → at ${problem.path || '(document)'}${where}`;
}

/** Problems on one line, for a one-line error: `world.home: expected a PLMN id; steps: unknown field`. */
export function formatProblemsInline(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path || '(document)'}: ${p.message}`).join('; ');
}
