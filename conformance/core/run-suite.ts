import { CaseContext, CaseSkipped, ConformanceFailure } from './case-context.js';
import type { ConformanceCase, ConformanceSuite } from './conformance-case.js';
import type { CaseResult, ImplementationUnderTest, SuiteRun } from './suite-run.js';

/** How a suite runs. */
export interface RunSuiteOptions {
  /** Only the cases whose id matches (e.g. `/^HLR-AUTH/`). */
  readonly only?: RegExp;
  /** Longest one case may take before it fails as unanswered (default 30 s). */
  readonly caseTimeoutMs?: number;
  /** Told of each case as it ends (progress on a terminal). */
  readonly onCase?: (result: CaseResult) => void;
}

/**
 * Runs every case of `suite` against one implementation, one after
 * another, and records each as passed, failed (with the procedure and the
 * expectation) or skipped (with why). A case that throws anything but a
 * check still fails naming its procedure and expectation: the suite never
 * stops half way.
 *
 * @example
 * ```ts
 * const run = await runSuite(hlrSuite, hlr, hlr.implementation);
 * run.cases.filter((c) => c.status === 'failed').map((c) => c.message);
 * ```
 */
export async function runSuite<T>(
  suite: ConformanceSuite<T>,
  target: T,
  implementation: ImplementationUnderTest,
  options: RunSuiteOptions = {},
): Promise<SuiteRun> {
  const start = Date.now();
  const cases: CaseResult[] = [];
  for (const definition of suite.cases) {
    if (options.only && !options.only.test(definition.id)) continue;
    const result = await runConformanceCase(definition, target, options.caseTimeoutMs ?? 30_000);
    cases.push(result);
    options.onCase?.(result);
  }
  return { suite: suite.name, role: suite.role, implementation, cases, start, stop: Date.now() };
}

/**
 * Runs one case against a target: passed, failed (naming the procedure and
 * the expectation) or skipped (saying why), never thrown.
 */
export async function runConformanceCase<T>(definition: ConformanceCase<T>, target: T, timeoutMs = 30_000): Promise<CaseResult> {
  const context = new CaseContext(definition.id, definition.procedure, definition.expectation);
  const start = Date.now();
  const base = { id: definition.id, title: definition.title, procedure: definition.procedure, expectation: definition.expectation };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no end within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([definition.run(target, context), timeout]);
    return { ...base, status: 'passed', notes: context.notes, start, stop: Date.now() };
  } catch (error) {
    const stop = Date.now();
    if (error instanceof CaseSkipped) return { ...base, status: 'skipped', message: error.reason, notes: context.notes, start, stop };
    const message =
      error instanceof ConformanceFailure
        ? error.statement
        : `${definition.procedure}: expected ${definition.expectation}; got an error: ${error instanceof Error ? error.message.replace(/^\[roam\] /, '') : String(error)}`;
    return { ...base, status: 'failed', message, notes: context.notes, start, stop };
  } finally {
    clearTimeout(timer);
  }
}
