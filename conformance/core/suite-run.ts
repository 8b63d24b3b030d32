import type { ConformanceRole } from './conformance-case.js';

/** What the implementation under test is, as far as the run could tell. */
export interface ImplementationUnderTest {
  readonly role: ConformanceRole;
  /** The target as given, e.g. `http://127.0.0.1:7001`, `gsup://127.0.0.5:4222` or `builtin`. */
  readonly target: string;
  /** How the suite spoke to it. */
  readonly protocol: 'http' | 'gsup' | 'in-process';
  /** Its name, where it says (e.g. `roaming-harness`, `osmo-hlr`). */
  readonly implementation?: string;
  /** Its version, where the contract exposes one. */
  readonly version?: string;
  /** The contract the suite checked it against, e.g. `{ name: 'roam-hlr', version: '1.0.0' }`, or GSUP. */
  readonly contract: { readonly name: string; readonly version: string };
  /** The partner's TADIG code, when the run certifies a partner's element. */
  readonly partner?: string;
}

/** How one case ended. */
export type CaseStatus = 'passed' | 'failed' | 'skipped';

/** One case's result. */
export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly procedure: string;
  readonly expectation: string;
  readonly status: CaseStatus;
  /** For a failure: `<procedure>: expected <expectation>; got <what came>`; for a skip: why. */
  readonly message?: string;
  /** What the implementation did within the contract, for the report. */
  readonly notes: readonly string[];
  /** ms since the epoch. */
  readonly start: number;
  readonly stop: number;
}

/** A whole suite's run against one implementation. */
export interface SuiteRun {
  readonly suite: string;
  readonly role: ConformanceRole;
  readonly implementation: ImplementationUnderTest;
  readonly cases: readonly CaseResult[];
  /** How subscribers were had: provisioned by the suite (and how), or by the user. */
  readonly provisioning?: string;
  readonly start: number;
  readonly stop: number;
}

/** Counts by status. */
export function countsOf(run: Pick<SuiteRun, 'cases'>): Record<CaseStatus, number> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const c of run.cases) counts[c.status]++;
  return counts;
}
