/**
 * roaming-harness: roaming checks for the Playwright test runner.
 *
 * ```ts
 * import { test, expect, specs } from 'roaming-harness';
 * ```
 *
 * The Playwright face: `test` with the roaming fixtures, `expect` with the
 * roaming matchers, YAML specs as tests, and the world the fixtures bring up.
 * The domain, the elements, chaos, metrics and reports have entry points of
 * their own (`roaming-harness/simulator`, `/mocks`, `/chaos`, `/metrics`,
 * `/reporters`, ...).
 *
 * @packageDocumentation
 */

// Fixtures and matchers.
export {
  test,
  expect,
  type RoamingWorld,
  type RoamingChaos,
  type LinkChaos,
  type RoamingTestFixtures,
  type RoamingWorkerFixtures,
} from './fixtures/test.js';
export {
  roamingMatchers,
  toHaveTransitioned,
  toMeetSlo,
  toBeReconciled,
  toHaveAttachSuccessRate,
  type TransitionMatchOptions,
  type HasStatePath,
  type SloMatchOptions,
  type SloSample,
  type HasAttachState,
} from './fixtures/matchers.js';
export { signalingSteps, describeStep } from './fixtures/steps.js';

// YAML specs as Playwright tests.
export { specs, type SpecsOptions } from './specs/specs.js';
export { loadSpecs, type LoadedScenario } from './specs/loader.js';
export { SpecError, type SpecProblem } from './specs/spec-error.js';

// The world the fixtures bring up, also startable on its own.
export { startRoamingWorld } from './world/start-world.js';
export type { StartedRoamingWorld, AttachOptions, NetworkedSimulator } from './world/roaming-world.js';
export {
  DEFAULT_WORLD,
  InvalidWorldOptionError,
  type WorldOptions,
  type AgreementOption,
  type HlrBackend,
  type ChargingDeliveryOptions,
} from './world/world-options.js';
export type { StartedHomeNetwork } from './world/home-network.js';
export type { StartedVisitedNetwork } from './world/visited-network.js';
export { FixedTopologyError } from './world/networked-topology.js';

// What the fixtures' answers are made of.
export { MetricSamples, parseMetricSelector } from './metrics/metric-samples.js';
export type { AttachOutcome } from './simulator/procedures/attach.js';
export type { AttachState } from './simulator/procedures/attach-states.js';
export type { Subscriber } from './simulator/subscriber.js';
export type { RoamingEvent } from './simulator/roaming-events.js';
export type { SignalingStep } from './simulator/signaling/signaling-step.js';
export type { RejectCause } from './simulator/causes.js';

// Every error the harness raises on purpose is a RoamError with a stable code.
export { RoamError } from './core/errors.js';
