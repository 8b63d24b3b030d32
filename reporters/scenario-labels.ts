import * as allure from 'allure-js-commons';
import { partnerTestCaseUrl } from './allure/partner-link.js';

/** What a scenario says about itself, for the report. */
export interface ScenarioMetadata {
  readonly title: string;
  /** A partner test-case id, e.g. `IR24-LU-01`. */
  readonly id?: string;
  readonly tags: readonly string[];
  readonly severity: string;
  /** The spec file it came from. */
  readonly file: string;
  /** Allure's behaviour hierarchy, e.g. `International roaming` › `Location update` › `Attach in a visited network`. */
  readonly epic?: string;
  readonly feature?: string;
  readonly story?: string;
  /** Who answers for the scenario, e.g. a team or a person. */
  readonly owner?: string;
}

/** Where partner test-case ids link to. */
export interface ScenarioLabelOptions {
  /** A URL template with `{id}`; default `$ROAM_PARTNER_TC_URL`. Without one, the id is a label but no link. */
  readonly partnerTestCaseUrl?: string;
}

/**
 * Labels the running test in Allure from a scenario's metadata: epic,
 * feature, story, owner, severity, the partner test-case id (as a label and,
 * with a URL template, a TMS link) and the spec file as a parameter. Tags
 * arrive through Playwright's own test tags, which allure-playwright maps.
 *
 * @example
 * ```ts
 * await labelScenario({ title, id: 'IR24-LU-01', tags: ['attach'], severity: 'critical', file, feature: 'Location update' });
 * ```
 */
export async function labelScenario(meta: ScenarioMetadata, options: ScenarioLabelOptions = {}): Promise<void> {
  await allure.severity(meta.severity);
  if (meta.epic) await allure.epic(meta.epic);
  if (meta.feature) await allure.feature(meta.feature);
  if (meta.story) await allure.story(meta.story);
  if (meta.owner) await allure.owner(meta.owner);
  if (meta.id) {
    await allure.label('partnerTestCase', meta.id);
    const url = partnerTestCaseUrl(meta.id, options.partnerTestCaseUrl);
    if (url) await allure.tms(url, meta.id);
  }
  await allure.parameter('spec', meta.file);
}
