import { titleOf, type SpecDocumentSpec } from './schema.js';
import { specProblem, type SpecProblem } from './spec-error.js';

/**
 * The Playwright title of a scenario or drill: `<id>: <title>`, or the title
 * alone when it has no id.
 *
 * @example
 * ```ts
 * testTitleOf(spec) // 'IR24-LU-01: A German roamer attaches in France'
 * ```
 */
export function testTitleOf(spec: SpecDocumentSpec): string {
  return spec.id ? `${spec.id}: ${titleOf(spec)}` : titleOf(spec);
}

/**
 * The problem of a second scenario (or drill) with the title of an earlier
 * one in the same file: Playwright would refuse both tests at load time,
 * pointing at the harness instead of the YAML.
 */
export function duplicateTitleProblem(
  spec: SpecDocumentSpec,
  file: string,
  line: number,
  column: number,
  earlierLine: number,
): SpecProblem {
  const kind = 'scenario' in spec ? 'scenario' : 'drill';
  return specProblem(
    file,
    line,
    column,
    `the title ${JSON.stringify(testTitleOf(spec))} is already used at line ${earlierLine} of this file; each test needs its own: rename one, or give them different ids`,
    kind,
    'duplicate_title',
  );
}
