/**
 * roaming-harness: roaming checks for the Playwright test runner.
 *
 * ```ts
 * import { test, expect, specs } from 'roaming-harness';
 * ```
 *
 * @packageDocumentation
 */
export * from './fixtures/index.js';
export { specs, loadSpecs, SpecError, type SpecsOptions, type LoadedScenario, type SpecProblem } from './specs/index.js';
export type { AttachOutcome, AttachState, Subscriber, RoamingEvent, SignalingStep, RejectCause } from './simulator/index.js';
