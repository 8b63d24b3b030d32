/**
 * `roaming-harness/simulator`: the roaming domain, pure (no HTTP, no
 * Playwright, no files). PLMNs, subscribers and SIMs, Milenage
 * authentication, the network elements' logic, procedures and their state
 * machines, events and clocks.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './plmn.js';
export * from './identity.js';
export * from './causes.js';
export * from './clock.js';
export * from './events.js';
export * from './identity-hasher.js';
export * from './sim-credentials.js';
export * from './subscriber.js';
export * from './state-machine.js';
export * from './auth/index.js';
export * from './reference/operators.js';
export * from './reference/msisdn.js';
export * from './policy/agreements.js';
export * from './elements/ports.js';
export * from './elements/home-location-register.js';
export * from './elements/visitor-location-register.js';
export * from './billing/charging-ledger.js';
export * from './procedures/attach-states.js';
export * from './procedures/attach.js';
export * from './procedures/signaling-step.js';
export * from './statistics/percentile.js';
export * from './statistics/slo.js';
export * from './elements/direct-ports.js';
