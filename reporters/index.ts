/**
 * `roaming-harness/reporters`: Allure labels, parameters and attachments for
 * roaming scenarios; charts (message sequence, latency with the SLO, chaos
 * timeline); billing tables; the offline HTML report; the certification
 * evidence bundle (in-toto statements in DSSE envelopes); and a scanner that
 * proves secrets stayed out.
 *
 * The reporters themselves are default exports of their own entry points,
 * as Playwright expects: `roaming-harness/reporters/slo-summary` and
 * `roaming-harness/run-gate`.
 *
 * @packageDocumentation
 */

// A scenario in Allure: labels once at the start, charts and tables at the end.
export { labelScenario, linkPartnerTestCase, type ScenarioMetadata, type ScenarioLabelOptions } from './scenario-labels.js';
export {
  attachScenarioReport,
  REPORT_PROBLEM_ANNOTATION,
  type ScenarioReport,
  type ScenarioReportMetadata,
  type ScenarioReportOptions,
  type ScenarioFault,
  type ScenarioLatency,
  type ScenarioProcedure,
} from './scenario-report.js';
export {
  attachSequenceChart,
  attachLatencyChart,
  attachChaosTimeline,
  attachReconciliation,
  attachEventLogExcerpt,
} from './allure/attachments.js';
export { signalingStepTitle } from './allure/signaling-step-title.js';
export { reportSignalingStep } from './allure/signaling-step-report.js';
export { partnerTestCaseUrl, PARTNER_TC_URL_ENV } from './allure/partner-link.js';
export { ROAMING_CATEGORIES, writeCategories, type AllureCategory } from './allure/categories.js';
export { runEnvironment, writeAllureEnvironment, writeAllureExecutor, type AllureExecutor } from './allure/run-environment.js';

// Charts and tables, as SVG, HTML and CSV.
export { sequenceChartSvg, type SequenceChartOptions } from './charts/sequence-chart.js';
export { latencyChartSvg, type LatencyChartOptions } from './charts/latency-chart.js';
export { chaosTimelineSvg, type ChaosWindow, type RunWindow } from './charts/chaos-timeline.js';
export {
  reconciliationHtml,
  reconciliationCsv,
  isReconciled,
  type ReconciliationReport,
  type ReconciliationFinding,
  type ReconciliationTableOptions,
} from './billing/reconciliation-report.js';
export { usageRecordsCsv, usageRecordsByVisitedNetwork } from './billing/usage-records.js';
export { cdrsCsv } from './billing/cdr-table.js';
export type { IdentityPseudonyms } from './billing/report-fields.js';
export { eventLogExcerpt } from './event-log-excerpt.js';

// The Allure HTML report, offline.
export { buildHtmlReport, type HtmlReportOptions } from './html-report.js';
export { harnessVersion, toolVersions } from './versions.js';

// Certification evidence a partner verifies with a public key.
export { buildEvidence, type BuildEvidenceOptions, type BuiltEvidence, type EvidenceSources } from './evidence/build-evidence.js';
export { verifyEvidence, type EvidenceVerification, type VerifyEvidenceOptions } from './evidence/verify-evidence.js';
export { countersignEvidence, type CountersignOptions } from './evidence/countersign.js';
export {
  generateEvidenceKeyPair,
  writeEvidenceKeyPair,
  readSigningKey,
  readPublicKey,
  signingKeyFromPem,
  publicKeyFromPem,
  evidenceKeyId,
  EVIDENCE_KEY_ENV,
  EVIDENCE_KEY_ALGORITHMS,
  type EvidenceKeyAlgorithm,
  type EvidenceKeyPair,
  type EvidenceSigningKey,
  type EvidencePublicKey,
} from './evidence/signing-keys.js';
export { preAuthEncoding, IN_TOTO_PAYLOAD_TYPE, type DsseEnvelope, type DsseSignature } from './evidence/dsse.js';
export {
  IN_TOTO_STATEMENT_TYPE,
  TEST_RESULT_PREDICATE_TYPE,
  type EvidenceStatement,
  type EvidenceSubject,
  type TestResultPredicate,
  type TestRunResult,
} from './evidence/statement.js';
export type { RunDescription } from './evidence/evidence-statement.js';
export type { EvidenceFailure, EvidenceFailureCode } from './evidence/evidence-failures.js';
export { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from './evidence/bundle-limits.js';

// Proof that secrets stayed out of what a run wrote.
export { scanForSecrets, type SecretScan, type SecretFinding } from './redaction/secret-scan.js';

// Errors.
export { ReportError, EvidenceError } from './report-errors.js';
