import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';

/** A place in a source file, as Playwright reports a test's location. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

type Call = <A extends unknown[], R>(declare: (...args: A) => R, args: A) => R;

/**
 * Calls `declare(...args)` from a stack frame at `file:line:column`.
 * Playwright takes a test's location from the frame that declared it;
 * declared from here, a scenario's test is located at its YAML document (in
 * `--list`, the reporters, and Allure's full names) rather than in the
 * harness's sources. The frame is a two-line function compiled with `file`
 * as its file name and its lines offset so that the call sits on `line`,
 * indented to `column`.
 *
 * @example
 * ```ts
 * declaredAt({ file: '/suite/specs/attach.roam.yaml', line: 3, column: 1 }, test, title, details, body);
 * ```
 */
export function declaredAt<A extends unknown[], R>(at: SourceLocation, declare: (...args: A) => R, ...args: A): R {
  const source = `(declare, args) =>\n${' '.repeat(Math.max(0, at.column - 1))}declare(...args)`;
  const call = runInThisContext(source, { filename: at.file, lineOffset: at.line - 2 }) as Call;
  return call(declare, args);
}

/**
 * Where `fn` was called from, as the stack shows it (source-mapped when the
 * test runner maps stacks, as Playwright does for TypeScript test files);
 * undefined when the stack does not say.
 */
export function callerOf(fn: (...args: never[]) => unknown): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  const frame = holder.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  const match = frame && /(?:\(|at )((?:file:\/\/)?[^()\s][^()]*?):(\d+):(\d+)\)?$/.exec(frame.trim());
  if (!match) return undefined;
  const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}
