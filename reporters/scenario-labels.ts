import { test } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { partnerTestCaseUrl } from './allure/partner-link.js';

/** What a scenario says about itself, for the report; every field is optional. */
export interface ScenarioMetadata {
  /** The scenario's own id, e.g. `IR24-LU-01`; labelled and linked like a partner case. */
  readonly id?: string;
  /** Allure's behaviour hierarchy, e.g. `International roaming` › `Location update` › `Attach in a visited network`. */
  readonly epic?: string;
  readonly feature?: string;
  readonly story?: string;
  /** Who answers for the scenario, e.g. a team or a person. */
  readonly owner?: string;
  /** `blocker`, `critical`, `normal`, `minor` or `trivial`. */
  readonly severity?: string;
  /** Without `@`; Playwright's own `@tags` are reported by allure-playwright already. */
  readonly tags?: readonly string[];
  /** Partner test-case ids (e.g. IR.24 numbers), each a label and, with a URL template, a link. */
  readonly partnerCases?: readonly string[];
  /** The spec file the scenario came from, shown as the `spec` parameter. */
  readonly file?: string;
  /** The segment of a run it ran in, e.g. `2/4` (none for a whole run). */
  readonly segment?: string;
}

/** Where partner test-case ids link to. */
export interface ScenarioLabelOptions {
  /** A URL template with `{id}`; default `$ROAM_PARTNER_TC_URL`. Without one, the id is a label but no link. */
  readonly partnerTestCaseUrl?: string;
}

/**
 * Labels the running test in Allure from a scenario's metadata, once: epic,
 * feature, story, owner, severity, tags that are not already Playwright tags,
 * the scenario's id and partner test-case ids (each a `partnerTestCase` label
 * and, with a URL template, a TMS link) and the spec file as the `spec`
 * parameter. The spec runner calls it when a scenario starts, so a test that
 * fails or times out half way is labelled all the same.
 *
 * @throws {ReportError} `ROAM_PARTNER_LINK` when the URL template is not an http(s) URL with `{id}`.
 * @example
 * ```ts
 * await labelScenario({ id: 'IR24-LU-01', tags: ['attach'], severity: 'critical', file, feature: 'Location update' });
 * ```
 */
export async function labelScenario(meta: ScenarioMetadata, options: ScenarioLabelOptions = {}): Promise<void> {
  if (meta.severity) await allure.severity(meta.severity);
  if (meta.epic) await allure.epic(meta.epic);
  if (meta.feature) await allure.feature(meta.feature);
  if (meta.story) await allure.story(meta.story);
  if (meta.owner) await allure.owner(meta.owner);
  const own = new Set(currentTestTags());
  for (const tag of new Set((meta.tags ?? []).map((t) => t.replace(/^@/, '')))) if (!own.has(tag)) await allure.tag(tag);
  if (meta.file) await allure.parameter('spec', meta.file);
  // Segments of one run are one test each: the parameter keeps them apart in Allure (and in a merged report).
  if (meta.segment) await allure.parameter('segment', meta.segment);
  // Last: a bad URL template throws, and everything else is labelled by then.
  for (const id of new Set([...(meta.id ? [meta.id] : []), ...(meta.partnerCases ?? [])])) {
    await linkPartnerTestCase(id, options.partnerTestCaseUrl);
  }
}

/**
 * Labels the running test with a partner test-case id (`partnerTestCase`)
 * and, with a URL template (`{id}`; default `$ROAM_PARTNER_TC_URL`), links it
 * as a TMS link.
 *
 * @throws {ReportError} `ROAM_PARTNER_LINK` when the template is not an http(s) URL with `{id}`.
 * @example
 * ```ts
 * await linkPartnerTestCase('IR24-LU-01', 'https://tc.example.com/ir24/{id}');
 * ```
 */
export async function linkPartnerTestCase(id: string, template?: string): Promise<void> {
  const url = partnerTestCaseUrl(id, template);
  await allure.label('partnerTestCase', id);
  if (url) await allure.tms(url, id);
}

function currentTestTags(): string[] {
  try {
    return test.info().tags.map((t) => t.replace(/^@/, ''));
  } catch {
    return [];
  }
}
