/**
 * `roaming-harness/reporters`: Allure labels, parameters and attachments for
 * roaming scenarios; charts (message sequence, latency with the SLO, chaos
 * timeline); billing tables; the SLO summary; the offline HTML report; the
 * certification evidence bundle; and a scanner that proves secrets stayed out.
 *
 * The SLO summary reporter itself is `roaming-harness/reporters/slo-summary`
 * (a default export, as Playwright expects of a reporter module).
 *
 * @packageDocumentation
 */
export * from './scenario-labels.js';
export * from './scenario-report.js';
export { oncePerTest } from './allure/once-per-test.js';
export * from './html-report.js';
export * from './report-errors.js';
export * from './versions.js';
export * from './charts/sequence-chart.js';
export * from './charts/latency-chart.js';
export * from './charts/chaos-timeline.js';
export { renderVegaLiteSvg } from './charts/vega-svg.js';
export { escapeMarkup } from './charts/svg-text.js';
export * from './billing/reconciliation-report.js';
export * from './billing/usage-records.js';
export { reportFields, type IdentityPseudonyms, type ReportRow } from './billing/report-fields.js';
export { toCsv } from './billing/csv.js';
export { cdrsCsv } from './billing/cdr-table.js';
export * from './event-log-excerpt.js';
export * from './allure/partner-link.js';
export * from './allure/run-parameters.js';
export * from './allure/attachments.js';
export * from './allure/categories.js';
export * from './allure/run-environment.js';
export * from '../metrics/slo-record.js';
export * from '../metrics/slo-summary.js';
export { default as SloSummaryReporter, type SloSummaryReporterOptions } from './slo-summary-reporter.js';
export * from './evidence/manifest.js';
export * from './evidence/signature.js';
export * from './evidence/archive.js';
export * from './evidence/build-evidence.js';
export * from './evidence/verify-evidence.js';
export * from './redaction/secret-scan.js';
export { zipEntries, type ZipEntry } from './redaction/zip-entries.js';
export * from './allure/signaling-step-title.js';
