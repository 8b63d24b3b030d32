import { runInThisContext } from 'node:vm';

type Call = <A extends unknown[], R>(declare: (...args: A) => R, args: A) => R;

/**
 * Calls `declare(...args)` from a stack frame at `file:line`. Playwright
 * takes a test's location from the frame that declared it; declared from
 * here, a scenario's test is located at its YAML document (in `--list`, the
 * reporters, and Allure's full names) rather than in the harness's sources.
 * The frame is a two-line function compiled with `file` as its file name and
 * its lines offset so that the call sits on `line`, column 1.
 *
 * @example
 * ```ts
 * declaredAt('/suite/specs/attach.roam.yaml', 3, test, title, details, body);
 * ```
 */
export function declaredAt<A extends unknown[], R>(file: string, line: number, declare: (...args: A) => R, ...args: A): R {
  const call = runInThisContext('(declare, args) =>\ndeclare(...args)', { filename: file, lineOffset: line - 2 }) as Call;
  return call(declare, args);
}
