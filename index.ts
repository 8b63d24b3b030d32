/**
 * roaming-harness: roaming checks for the Playwright test runner.
 *
 * ```ts
 * import { test, expect } from 'roaming-harness';
 * ```
 *
 * The Playwright face: `test` with the roaming fixtures, `expect` with the
 * roaming matchers, and the world the fixtures bring up. Every test file of
 * a suite imports it, so it stays light: the world loads when a test first
 * asks for one. YAML specs as tests (`specs()`) come from
 * `roaming-harness/specs`, with the spec language they load. The domain,
 * the elements, chaos, metrics and reports have entry points of their own
 * (`roaming-harness/simulator`, `/mocks`, `/chaos`, `/metrics`,
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
