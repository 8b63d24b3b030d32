import type { TestType } from '@playwright/test';
import type { ConformanceSuite } from './core/conformance-case.js';
import { runConformanceCase } from './core/run-suite.js';
import type { Baseline } from './report/baseline.js';
import type { OpenedTarget } from './roles.js';

/** How {@link conformanceTests} runs a suite in a Playwright project. */
export interface ConformanceTestsOptions<T extends OpenedTarget> {
  readonly suite: ConformanceSuite<T>;
  /** Opens the implementation under test once for the suite, e.g. `() => openHlrTarget({ target: process.env.HLR_URL! })`. */
  readonly open: () => Promise<T>;
  /** Known failures: a case the baseline marks `xfail` is expected to fail (and reported if it passes). */
  readonly baseline?: Baseline;
  /** Only cases whose id matches. */
  readonly only?: RegExp;
}

/**
 * The Playwright face of a conformance suite: one test a case, named
 * `<id>: <title>`, run in order against one implementation opened before
 * the first and closed after the last. Pass your project's `test` (from
 * `@playwright/test` or the harness's fixtures); nothing here loads
 * Playwright itself, so `roam certify` runs the same suites without it.
 *
 * @example
 * ```ts
 * import { test } from '@playwright/test';
 * conformanceTests(test, { suite: hlrSuite, open: () => openHlrTarget({ target: 'http://127.0.0.1:7001' }) });
 * ```
 */
export function conformanceTests<T extends OpenedTarget>(
  test: TestType<any, any>, // any fixtures the project has
  options: ConformanceTestsOptions<T>,
): void {
  test.describe(options.suite.name, () => {
    test.describe.configure({ mode: 'serial' });
    let target: T | undefined;
    test.beforeAll(async () => {
      target = await options.open();
    });
    test.afterAll(async () => {
      await target?.close();
    });
    for (const definition of options.suite.cases) {
      if (options.only && !options.only.test(definition.id)) continue;
      test(`${definition.id}: ${definition.title}`, async () => {
        const known = options.baseline?.cases[definition.id];
        if (known?.expected === 'xfail') test.fail(true, `known failure: ${known.reason}`);
        test
          .info()
          .annotations.push(
            { type: 'procedure', description: definition.procedure },
            { type: 'expectation', description: definition.expectation },
          );
        const result = await runConformanceCase(definition, target!);
        for (const note of result.notes) test.info().annotations.push({ type: 'note', description: note });
        if (result.status === 'skipped') test.skip(true, result.message);
        if (result.status === 'failed') throw new Error(result.message);
      });
    }
  });
}
