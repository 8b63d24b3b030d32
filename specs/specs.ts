import { test } from '../fixtures/test.js';
import { loadSpecs, type LoadedScenario } from './loader.js';
import { runScenario } from './run-scenario.js';

/** Where to look for spec files. */
export interface SpecsOptions {
  /** Directory the globs are relative to. Default: the current working directory (where Playwright runs). */
  readonly cwd?: string;
}

/**
 * Turns YAML spec files into Playwright tests: one test per scenario, its
 * tags as Playwright tags (so `--grep @smoke` works), its steps as steps.
 * Every file is validated first; one invalid file fails the run before any
 * test runs, listing every problem with file, line and column.
 *
 * @example
 * ```ts
 * // tests/roaming.spec.ts
 * import { specs } from 'roaming-harness';
 * specs('specs/**\/*.roam.yaml');
 * ```
 */
export function specs(patterns: string | readonly string[], options: SpecsOptions = {}): void {
  const byFile = new Map<string, LoadedScenario[]>();
  for (const loaded of loadSpecs(patterns, options.cwd)) byFile.set(loaded.file, [...(byFile.get(loaded.file) ?? []), loaded]);
  for (const [file, scenarios] of byFile) {
    // One describe per spec file, so reports group scenarios by the file they came from.
    test.describe(file, () => {
      for (const loaded of scenarios) register(loaded);
    });
  }
}

function register(loaded: LoadedScenario): void {
  const { spec, file, line } = loaded;
  const title = spec.id ? `${spec.id}: ${spec.scenario}` : spec.scenario;
  test(title, { tag: spec.tags.map((t) => `@${t}`), annotation: [{ type: 'spec', description: `${file}:${line}` }] }, () =>
    runScenario(loaded),
  );
}
