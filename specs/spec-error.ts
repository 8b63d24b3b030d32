/** One problem in a spec file, located. */
export interface SpecProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Path in the spec, e.g. `steps[0].attach.who`; empty for the document. */
  readonly path: string;
  readonly message: string;
}

/**
 * Spec files that do not validate. Lists every problem at once, each with
 * its file, line, column and path, in the form zod's `prettifyError` uses.
 */
export class SpecError extends Error {
  readonly code = 'ROAM_SPEC_INVALID';
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    const files = new Set(problems.map((p) => p.file)).size;
    const lines = problems.map((p) => `✖ ${p.message}\n  → at ${p.path || '(document)'} (${p.file}:${p.line}:${p.column})`);
    super(
      `[roam] Failed to load specs: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}. Fix them and run again; nothing was run.\n${lines.join('\n')}`,
    );
    this.name = 'SpecError';
    this.problems = problems;
  }
}
