import { resolve } from 'node:path';
import { test } from '../fixtures/test.js';
import { callerOf, declaredAt } from './declared-at.js';
import { loadSpecs, type LoadedScenario } from './loader.js';
import { testTitleOf } from './spec-titles.js';

/** Where to look for spec files. */
export interface SpecsOptions {
  /** Directory the globs are relative to. Default: the current working directory (where Playwright runs). */
  readonly cwd?: string;
}

/**
 * Turns YAML spec files into Playwright tests: one test per scenario or
 * drill (titled `<id>: <title>`, grouped by file), its tags as Playwright
 * tags (so `--grep @smoke` works), each spec step a boxed step in the
 * report. Tests are registered the same way in every worker, so projects,
 * `--shard` and retries work as for hand-written tests; a retry runs the
 * scenario again from a fresh world.
 *
 * Every file is validated first; one invalid file fails the run before any
 * test runs, listing every problem with file, line, column and path.
 *
 * Each scenario runs on its `clock:` (`virtual`: in-memory elements on a
 * discrete-event clock; `networked`, the default: real elements on sockets
 * behind chaos proxies); `ROAM_CLOCK=virtual|networked` overrides every spec.
 * Each test attaches its samples (`roam-samples`) for the run-level gate
 * (the run-gate reporter, `roaming-harness/run-gate`).
 *
 * @example
 * ```ts
 * // tests/roaming.spec.ts
 * import { specs } from 'roaming-harness/specs';
 * specs('specs/**\/*.roam.yaml');
 * ```
 */
export function specs(patterns: string | readonly string[], options: SpecsOptions = {}): void {
  const cwd = options.cwd ?? process.cwd();
  const byFile = new Map<string, LoadedScenario[]>();
  for (const loaded of loadSpecs(patterns, cwd)) byFile.set(loaded.file, [...(byFile.get(loaded.file) ?? []), loaded]);
  // Each file's describe is located where specs() was called, so `npx playwright test tests/specs.spec.ts`
  // (or `:line`) selects its scenarios; the tests themselves are located in the YAML, where a failing
  // scenario is fixed.
  const caller = callerOf(specs);
  const describe = test.describe as (title: string, callback: () => void) => void;
  for (const [file, scenarios] of byFile) {
    // One describe per spec file, so reports group scenarios by the file they came from.
    const path = resolve(cwd, file);
    const body = () => {
      for (const loaded of scenarios) register(loaded, path);
    };
    if (caller) declaredAt(caller, describe, file, body);
    else describe(file, body);
  }
}

function register(loaded: LoadedScenario, path: string): void {
  const { spec, file, line } = loaded;
  const details = { tag: spec.tags.map((t) => `@${t}`), annotation: [{ type: 'spec', description: `${file}:${line}` }] };
  declaredAt({ file: path, line, column: 1 }, test, testTitleOf(spec), details, async () => {
    if (spec.timeout !== undefined) test.setTimeout(spec.timeout);
    await runScenario(loaded);
  });
}

/**
 * Runs one validated scenario or drill inside the current Playwright test:
 * brings up its world on its clock, provisions its subscribers, applies its
 * link conditions, runs its steps (each a boxed step in the report), rolls
 * back a drill's faults, and checks its expectations. Every sample measured
 * is attached to the test (`roam-samples`) for the run-level gate.
 *
 * The runner and the world it starts load on the first call, not when a
 * suite imports the spec language.
 *
 * @example
 * ```ts
 * for (const loaded of loadSpecs('specs/attach.roam.yaml')) test(loaded.spec.scenario, () => runScenario(loaded));
 * ```
 */
export async function runScenario(loaded: LoadedScenario): Promise<void> {
  const { runScenario: run } = await import('./run-scenario.js');
  await run(loaded);
}
