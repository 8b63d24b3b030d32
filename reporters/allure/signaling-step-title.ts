import { Status } from 'allure-js-commons';
import { logStep } from 'allure-js-commons/sync';
import type { SignalingStep } from '../../simulator/signaling/signaling-step.js';

/**
 * The title of a signaling transaction as a report step:
 * `SendAuthInfo vlr:208-01 → hlr:262-01 (12.3 ms)`, with ` ✗ <cause>` when it failed.
 *
 * @example
 * ```ts
 * signalingStepTitle({ name: 'UpdateLocation', from: 'vlr:208-01', to: 'hlr:262-01', startedAt, durationMs: 8.04, result: 'ok' })
 * // 'UpdateLocation vlr:208-01 → hlr:262-01 (8.0 ms)'
 * ```
 */
export function signalingStepTitle(step: SignalingStep): string {
  const verdict = step.result === 'ok' ? '' : ` ✗ ${step.detail ?? 'error'}`;
  const ms = Number.isFinite(step.durationMs) ? step.durationMs.toFixed(1) : '?';
  return `${step.name} ${step.from} → ${step.to} (${ms} ms)${verdict}`;
}

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
    logStep(signalingStepTitle(step), step.result === 'ok' ? Status.PASSED : Status.FAILED);
  } catch {
    // No running test (a script, a worker hook): there is nothing to report into.
  }
}
