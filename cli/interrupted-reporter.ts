import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** The message an interrupted test carries in every report. */
export const INTERRUPTED_MESSAGE =
  'Interrupted: the run was stopped (Ctrl-C or a signal) while this test ran, so it neither passed nor failed. Run it again.';

/**
 * A Playwright reporter for `roam run`'s generated project, listed before the
 * others: a test that Ctrl-C interrupts ends with status `interrupted` and no
 * error, which Allure shows as a failure with no message. This gives it one
 * that says what happened, before the other reporters read the result.
 */
export default class InterruptedReporter implements Reporter {
  onTestEnd(_test: TestCase, result: TestResult): void {
    if (result.status !== 'interrupted' || result.error) return;
    const error = { message: INTERRUPTED_MESSAGE };
    // The result is the one object every reporter is given: the later ones see the message.
    (result as { error?: TestResult['error'] }).error = error;
    result.errors.push(error);
  }

  printsToStdio(): boolean {
    return false;
  }
}
