import * as allure from 'allure-js-commons';
import { oncePerTest } from './allure/once-per-test.js';
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
  /** The segment of a run it ran in, e.g. `2/4` (none for a whole run). */
  readonly segment?: string;
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
  // Each only once per test, so attachScenarioReport at the end of the scenario does not repeat them.
  await oncePerTest(`severity=${meta.severity}`, () => allure.severity(meta.severity));
  if (meta.epic) await oncePerTest(`epic=${meta.epic}`, () => allure.epic(meta.epic!));
  if (meta.feature) await oncePerTest(`feature=${meta.feature}`, () => allure.feature(meta.feature!));
  if (meta.story) await oncePerTest(`story=${meta.story}`, () => allure.story(meta.story!));
  if (meta.owner) await oncePerTest(`owner=${meta.owner}`, () => allure.owner(meta.owner!));
  if (meta.id) await linkPartnerTestCase(meta.id, options.partnerTestCaseUrl);
  await oncePerTest(`parameter:spec`, () => allure.parameter('spec', meta.file));
  // Segments of one run are one test each: the parameter keeps them apart in Allure (and in a merged report).
  if (meta.segment) await oncePerTest(`parameter:segment`, () => allure.parameter('segment', meta.segment!));
}

/**
 * Labels the running test with a partner test-case id (`partnerTestCase`)
 * and, with a URL template (`{id}`; default `$ROAM_PARTNER_TC_URL`), links it
 * as a TMS link. Once per test and id.
 *
 * @throws {ReportError} `ROAM_PARTNER_LINK` when the template is not an http(s) URL with `{id}`.
 * @example
 * ```ts
 * await linkPartnerTestCase('IR24-LU-01', 'https://tc.example.com/ir24/{id}');
 * ```
 */
export async function linkPartnerTestCase(id: string, template?: string): Promise<void> {
  const url = partnerTestCaseUrl(id, template);
  await oncePerTest(`partnerTestCase=${id}`, async () => {
    await allure.label('partnerTestCase', id);
    if (url) await allure.tms(url, id);
  });
}
