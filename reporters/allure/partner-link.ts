import { ReportError } from '../report-errors.js';

/** The environment variable holding the partner test-case URL template. */
export const PARTNER_TC_URL_ENV = 'ROAM_PARTNER_TC_URL';

/**
 * The URL of a partner test case (e.g. an IR.24 test number) from a template
 * with an `{id}` placeholder, by default `$ROAM_PARTNER_TC_URL`. Returns
 * `undefined` when no template is set.
 *
 * @throws {ReportError} `ROAM_PARTNER_LINK` when the template is not an http(s) URL with `{id}` in it.
 * @example
 * ```ts
 * partnerTestCaseUrl('IR24-LU-01', 'https://tc.example/{id}') // 'https://tc.example/IR24-LU-01'
 * ```
 */
export function partnerTestCaseUrl(id: string, template: string | undefined = process.env[PARTNER_TC_URL_ENV]): string | undefined {
  if (!template) return undefined;
  if (!template.includes('{id}') || !/^https?:\/\//i.test(template)) {
    throw new ReportError(
      'ROAM_PARTNER_LINK',
      `link partner test case ${JSON.stringify(id)}`,
      `the template ${JSON.stringify(template)} is not an http(s) URL with {id} in it`,
      {
        hint: `Set ${PARTNER_TC_URL_ENV} to a URL such as https://tc.example.com/cases/{id}`,
      },
    );
  }
  return template.replaceAll('{id}', encodeURIComponent(id));
}
