import { test, type TestInfo } from '@playwright/test';

const done = new WeakMap<TestInfo, Set<string>>();

/**
 * Runs `record` once per running test for a given `key` (e.g. `label:epic=International roaming`),
 * so helpers that label a scenario at its start and again at its end
 * ({@link labelScenario}, {@link attachScenarioReport}) never write a label,
 * parameter or link twice. Outside a test it always runs `record`.
 *
 * @example
 * ```ts
 * await oncePerTest(`label:epic=${epic}`, () => allure.epic(epic));
 * ```
 */
export async function oncePerTest(key: string, record: () => PromiseLike<void> | void): Promise<void> {
  let info: TestInfo | undefined;
  try {
    info = test.info();
  } catch {
    info = undefined;
  }
  if (info) {
    const keys = done.get(info) ?? new Set<string>();
    done.set(info, keys);
    if (keys.has(key)) return;
    keys.add(key);
  }
  await record();
}
