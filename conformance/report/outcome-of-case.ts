import type { CaseResult } from '../core/suite-run.js';
import type { ComparedCase } from './compare-results.js';

/** How a case is reported: as passed, failed, or skipped (a skip, or a known failure the baseline accepts). */
export interface ReportedOutcome {
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why: the failure, the skip's reason, or `known failure: <reason>`. */
  readonly message?: string;
}

/**
 * The outcome reports show for a case: a known failure (`xfail`) is
 * reported as skipped with its reason, so JUnit, Allure and the evidence
 * count it as neither a pass nor a regression; everything else as it ran.
 */
export function reportedOutcome(result: CaseResult, compared: ComparedCase | undefined): ReportedOutcome {
  if (compared?.verdict === 'xfail')
    return { status: 'skipped', message: `known failure (xfail): ${compared.reason}. This run: ${result.message}` };
  return { status: result.status, ...(result.message !== undefined ? { message: result.message } : {}) };
}
