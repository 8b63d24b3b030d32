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
export * from './evidence/signing-keys.js';
export * from './evidence/dsse.js';
export * from './evidence/statement.js';
export { readTestOutcomes, runResultOf, type TestOutcomes } from './evidence/test-outcomes.js';
export { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits, type BundleContents, type BundleFile } from './evidence/bundle-limits.js';
export * from './evidence/archive.js';
export * from './evidence/bundle-folder.js';
export * from './evidence/build-evidence.js';
export type { RunDescription } from './evidence/evidence-statement.js';
export * from './evidence/evidence-failures.js';
export type { SignatureCheck } from './evidence/signature-policy.js';
export * from './evidence/verify-evidence.js';
export * from './evidence/countersign.js';
export * from './redaction/secret-scan.js';
export { zipEntries, type ZipEntry } from './redaction/zip-entries.js';
export * from './allure/signaling-step-title.js';
