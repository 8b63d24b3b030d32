import * as allure from 'allure-js-commons';

/** What a scenario says about itself, for the report. */
export interface ScenarioMetadata {
  readonly title: string;
  /** A partner test-case id, e.g. `IR24-LU-01`. */
  readonly id?: string;
  readonly tags: readonly string[];
  readonly severity: string;
  /** The spec file it came from. */
  readonly file: string;
}

/**
 * Labels the running test in Allure from a scenario's metadata: severity,
 * the partner test-case id, and the spec file as a parameter.
 */
export async function labelScenario(meta: ScenarioMetadata): Promise<void> {
  // Tags arrive through Playwright's own test tags, which allure-playwright maps.
  await allure.severity(meta.severity);
  if (meta.id) await allure.label('partnerTestCase', meta.id);
  await allure.parameter('spec', meta.file);
}
