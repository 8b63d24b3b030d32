/**
 * `roaming-harness/conformance`: conformance suites that test the user's own
 * element (HLR/HSS, VLR/MME, billing/OCS) given by URL, with the rest of the
 * world simulated around it, in the spirit of Osmocom's TTCN-3 suites: the
 * normal procedures and the error-cause matrix, a baseline of known failures
 * and a comparison with it, JUnit, Allure results and signed evidence that
 * names the implementation under test (`roam certify`).
 *
 * ```ts
 * import { certify } from 'roaming-harness/conformance';
 * const result = await certify({ role: 'hlr', target: 'http://127.0.0.1:4000' });
 * ```
 *
 * @packageDocumentation
 */

// Certifying a target: run a role's suite, compare with a baseline, write JUnit, Allure and evidence.
export { certify, type CertifyOptions, type CertifyResult } from './certify.js';
export { ROLE_SUITES, roleSuite, type RoleSuite, type OpenedTarget } from './roles.js';
export type { TargetOptions } from './targets/target-options.js';
export { TargetSetupError } from './targets/target-options.js';

// The suites per role, and the targets they run against.
export { hlrSuite } from './hlr/hlr-suite.js';
export { openHlrTarget } from './hlr/open-hlr-target.js';
export { vlrSuite } from './vlr/vlr-suite.js';
export { openVlrTarget } from './vlr/open-vlr-target.js';
export { billingSuite } from './billing/billing-suite.js';
export { openBillingTarget } from './billing/open-billing-target.js';

// Cases, runs and results.
export { conformanceCase, type ConformanceCase, type ConformanceSuite, type ConformanceRole } from './core/conformance-case.js';
export { runSuite, runConformanceCase, type RunSuiteOptions } from './core/run-suite.js';
export { countsOf, type SuiteRun, type CaseResult, type CaseStatus, type ImplementationUnderTest } from './core/suite-run.js';

// Baselines of known failures, as Osmocom's expected-results: pass, pass->FAIL, xfail, xfail->PASS, NEW.
export { readBaseline, writeBaseline, baselineOf, BaselineError, BASELINE_FORMAT, type Baseline } from './report/baseline.js';
export { compareWithBaseline, formatComparison, type Comparison, type ComparedCase, type Verdict } from './report/compare-results.js';

// Test subscribers the user provisions themselves.
export { fileSupply, SubscriberListError, type SubscriberSupply } from './subscribers/subscriber-supply.js';

// The suites as Playwright tests in a user's own suite.
export { conformanceTests, type ConformanceTestsOptions } from './playwright.js';
