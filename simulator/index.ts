/**
 * `roaming-harness/simulator`: the roaming domain, pure (no HTTP, no
 * Playwright, no files). PLMNs, subscribers and SIMs, Milenage
 * authentication, the network elements' logic, procedures and their state
 * machines, roaming policy, billing and reconciliation, events, statistics,
 * diagrams, latency models and two clocks (real and virtual), and the
 * `RoamingSimulator` that ties them together.
 *
 * @packageDocumentation
 */
export * from '../core/errors.js';
export * from './domain-errors.js';
export * from './plmn.js';
export * from './identity.js';
export * from './causes.js';
export * from '../core/clock.js';
export * from '../core/virtual-clock.js';

export * from './random/seeded-random.js';
export * from './latency/latency-range.js';
export * from './latency/latency-model.js';
export * from './roaming-events.js';
export * from './event-digest.js';
export * from './identity-hasher.js';
export * from './sim-credentials.js';
export * from './subscriber.js';
export * from './state-machine.js';
export * from './auth/index.js';
export * from './reference/operators.js';
export * from './reference/msisdn.js';
export * from './policy/agreements.js';
export * from './policy/steering-policy.js';
export * from './signaling/ports.js';
export * from './signaling/vlr-messages.js';
export * from './elements/home-location-register.js';
export * from './elements/visitor-location-register.js';
export { UnknownCallError } from './signaling/vlr-messages.js';
export { UnknownDataSessionError, InvalidUsageError } from './elements/vlr-data-sessions.js';
export { MAX_SMS_SEGMENTS } from './elements/vlr-short-messages.js';
export * from './elements/direct-ports.js';
export * from './billing/charging-ledger.js';
export * from './billing/usage-record.js';
export * from './billing/cdr-collector.js';
export * from './billing/rating.js';
export * from './billing/usage-collector.js';
export * from './billing/reconcile.js';
export * from './billing/streaming-reconciler.js';
export * from './procedures/attach-states.js';
export * from './procedures/attach.js';
export * from './signaling/signaling-step.js';
export * from './procedures/call-states.js';
export * from './procedures/call.js';
export * from './signaling/serving-network-port.js';
export { failureOf, type ProcedureContext, type ProcedureFailure } from './procedures/procedure-recorder.js';
export type { ProcedureOutcome } from './procedures/procedure-outcome.js';
export * from './procedures/mobility.js';
export * from './procedures/data-session.js';
export * from './procedures/short-message.js';
export * from './procedures/steering.js';
export * from '../metrics/percentile.js';
export * from '../metrics/slo.js';
export * from '../metrics/sample-series.js';
export * from './statistics/call-statistics.js';
export * from './diagrams/state-diagram.js';
export * from './diagrams/sequence-diagram.js';
export * from './diagrams/call-flows.js';
export * from './diagrams/architecture-diagram.js';
export * from './diagrams/diagrams.js';
export * from './simulation/network-registry.js';
export {
  NotRegisteredError,
  type NetworkRef,
  type RoamingSimulatorOptions,
  type SubscriberRef,
  type SubscriberRegistration,
} from './simulation/simulator-core.js';
export * from './simulation/roaming-simulator.js';
export * from './simulation/traffic-profile.js';
export * from './simulation/roaming-day.js';
export * from './simulation/topology.js';
