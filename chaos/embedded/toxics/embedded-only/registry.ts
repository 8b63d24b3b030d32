/**
 * The toxic types only the embedded server has, and a registry that holds
 * them next to Toxiproxy's own.
 *
 * @module
 */
import type { ToxicType } from '../toxic-type.js';
import { createDefaultToxicTypes, type ToxicTypeRegistry } from '../registry.js';
import { roamLatency } from './roam-latency.js';
import { roamLoss } from './roam-loss.js';

/** Names of the embedded-only toxic types; a real Toxiproxy answers `invalid toxic type` to each. */
export const EMBEDDED_ONLY_TOXIC_TYPES = ['roam_latency', 'roam_loss'] as const;

/**
 * Toxiproxy's toxic types plus the embedded-only ones (`roam_latency`,
 * `roam_loss`). Pass it as `startEmbeddedToxiproxy({ toxicTypes })`.
 *
 * @example
 * ```ts
 * await using toxiproxy = await startEmbeddedToxiproxy({ toxicTypes: createExtendedToxicTypes() });
 * ```
 */
export function createExtendedToxicTypes(): ToxicTypeRegistry {
  return createDefaultToxicTypes()
    .register(roamLatency as ToxicType)
    .register(roamLoss as ToxicType);
}
