import { relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { parseSpecText } from './loader.js';
import { specProblem, type SpecProblem } from './spec-error.js';
import { hangingIndent } from '../core/text-wrap.js';
import { readSpecFile } from './spec-limits.js';

export type { SpecProblem } from './spec-error.js';

/**
 * Checks spec files without running anything: every problem of every file
 * (size and shape limits, YAML syntax, schema, SLO grammar and ranges,
 * undefined groups and networks, empty files, duplicate titles), each
 * with file, line, column and path. For `roam validate`.
 *
 * @param patterns globs or file paths, relative to `cwd`
 * @example
 * ```ts
 * const { files, problems } = await validateSpecFiles(['specs/**\/*.roam.yaml']);
 * if (problems.length) { console.error(formatSpecProblems(problems)); process.exitCode = 2; }
 * ```
 */
export async function validateSpecFiles(
  patterns: readonly string[],
  cwd: string = process.cwd(),
): Promise<{ files: string[]; problems: SpecProblem[] }> {
  const absolute = globSync([...patterns], { cwd, absolute: true }).sort();
  const files = absolute.map((f) => relative(cwd, f) || f);
  const problems: SpecProblem[] = [];
  if (absolute.length === 0) {
    problems.push(
      specProblem(patterns.join(' '), 1, 1, `no spec file matches ${patterns.map((p) => JSON.stringify(p)).join(', ')} in ${cwd}`),
    );
  }
  absolute.forEach((file, i) => {
    const read = readSpecFile(file, files[i]!);
    if (read.problem) problems.push(read.problem);
    else problems.push(...parseSpecText(read.text, files[i]!).problems);
  });
  return { files, problems };
}

/**
 * Every problem as `file:line:col  path  message`, grouped by file, with a
 * count at the end; an empty string when there are none. With a `width`
 * (a terminal's, see `terminalWidth`), messages wrap under their location
 * instead of running past the edge.
 *
 * @example
 * ```ts
 * process.stderr.write(formatSpecProblems(problems, { width: terminalWidth(process.stderr) }));
 * ```
 */
export function formatSpecProblems(problems: readonly SpecProblem[], options: { width?: number | undefined } = {}): string {
  if (problems.length === 0) return '';
  const byFile = new Map<string, SpecProblem[]>();
  for (const p of problems) byFile.set(p.location.file, [...(byFile.get(p.location.file) ?? []), p]);
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(file);
    for (const p of [...list].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column)) {
      out.push(
        ...hangingIndent(
          `  ${file}:${p.location.line}:${p.location.column}  ${p.path || '(document)'}  `,
          '      ',
          p.message,
          options.width,
        ),
      );
    }
  }
  out.push(`✖ ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}`);
  return out.join('\n');
}
