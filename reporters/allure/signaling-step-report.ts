import { Status } from 'allure-js-commons';
import { attachment, logStep, step as allureStep } from 'allure-js-commons/sync';
import type { SignalingStep } from '../../simulator/signaling/signaling-step.js';
import { signalingStepTitle } from './signaling-step-title.js';

/**
 * Records one signaling transaction as a step of the running test, inside
 * the current `test.step`: a Playwright step (so the HTML and list reporters
 * show it) that allure-playwright reports as an Allure step, `passed` when
 * the transaction succeeded and `failed` (red, with its cause in the title)
 * when it was rejected or errored. The transaction's failure does not fail
 * the test: whether a reject is wrong is for the scenario's expectations.
 * Outside a test it does nothing.
 *
 * @example
 * ```ts
 * // fixtures/steps.ts
 * await test.step(title, async () => {
 *   const reply = await exchange();
 *   for (const step of reply.steps) reportSignalingStep(step);
 *   return reply;
 * });
 * ```
 */
export function reportSignalingStep(step: SignalingStep): void {
  try {
    if (!step.messages?.length) return void logStep(signalingStepTitle(step), step.result === 'ok' ? Status.PASSED : Status.FAILED);
    // The messages on the wire are steps inside the transaction, each with its decoded content attached.
    reportFailable(signalingStepTitle(step), step, () => {
      for (const message of step.messages ?? []) {
        reportFailable(signalingStepTitle(message), message, () =>
          attachment(message.attachment.name, message.attachment.body, { contentType: message.attachment.contentType }),
        );
      }
    });
  } catch {
    // No running test (a script, a worker hook): there is nothing to report into.
  }
}

/** The one way a step with a body is red: it ends with an error, which is caught here so the test does not fail. */
class SignalingFailure extends Error {
  // Allure reads an error with `expected` as a failed expectation (red), not as a broken test.
  readonly expected = 'ok';
  readonly actual: string;

  constructor(detail: string) {
    super(detail);
    this.name = 'SignalingFailure';
    this.actual = detail;
    // Where in the harness the step was reported says nothing about the network: the report shows the cause only.
    this.stack = `${this.name}: ${detail}`;
  }
}

function reportFailable(title: string, step: { readonly result: 'ok' | 'error'; readonly detail?: string }, body: () => void): void {
  try {
    allureStep(title, () => {
      body();
      if (step.result === 'error') throw new SignalingFailure(step.detail ?? 'error');
    });
  } catch (error) {
    if (!(error instanceof SignalingFailure)) throw error;
  }
}
