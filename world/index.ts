/**
 * `roaming-harness/world`: a whole roaming world on 127.0.0.1 without the
 * test runner (for scripts, labs and benchmarks): home HLR/HSS and billing,
 * visited VLR/MMEs, a chaos proxy on every link. The fixtures of
 * `roaming-harness` bring up the same world inside Playwright.
 *
 * ```ts
 * import { startRoamingWorld } from 'roaming-harness/world';
 * await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
 * ```
 *
 * @packageDocumentation
 */
export { startRoamingWorld, type StartedRoamingWorld, type AttachOptions, type NetworkedSimulator } from './roaming-world.js';
export {
  DEFAULT_WORLD,
  InvalidWorldOptionError,
  type WorldOptions,
  type AgreementOption,
  type HlrBackend,
  type ChargingDeliveryOptions,
} from './world-options.js';
export type { StartedHomeNetwork } from './home-network.js';
export type { StartedVisitedNetwork } from './visited-network.js';
export { FixedTopologyError } from './networked-topology.js';
export { ExposedControlError } from './exposure.js';

// Element slots: the built-in element, osmo-hlr, or the user's own by URL (http(s)://, gsup://).
export { resolveSlot, SLOT_SCHEMES, acceptedFor, type SlotScheme } from './slots/slot-schemes.js';
export { InvalidElementSlotError, ELEMENT_ROLES, type ElementRole, type ResolvedSlot, type ExternalSlot } from './slots/element-slot.js';
export type { SlotOption } from './slots/world-slots.js';
