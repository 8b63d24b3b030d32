/**
 * Faults as data: `{ link, type: 'latency', ms: 300 }`. Drills and specs
 * name faults this way; {@link planFault} checks every field (unknown ones
 * too) before anything is injected.
 *
 * @module
 */
import { FaultFields } from './fault-fields.js';
import type { FaultPlan, PlanContext } from './fault-plan.js';
import { planLatency, type LatencyFault } from './latency-fault.js';
import { planLoss, type LossFault } from './loss-fault.js';
import {
  planBandwidth,
  planFlapping,
  planPartition,
  planReset,
  planSlowClose,
  type BandwidthFault,
  type FlappingFault,
  type PartitionFault,
  type ResetFault,
  type SlowCloseFault,
} from './network-faults.js';

/** A fault on a named link, as data. */
export type FaultSpec = { readonly link: string } & (
  | ({ readonly type: 'latency' } & LatencyFault)
  | ({ readonly type: 'loss' } & LossFault)
  | ({ readonly type: 'partition' } & PartitionFault)
  | ({ readonly type: 'bandwidth' } & BandwidthFault)
  | ({ readonly type: 'flapping' } & FlappingFault)
  | ({ readonly type: 'slow-close' } & SlowCloseFault)
  | ({ readonly type: 'reset' } & ResetFault)
);

/** The words `type` may be. */
export type FaultType = FaultSpec['type'];

const FIELDS: Record<FaultType, readonly string[]> = {
  latency: ['ms', 'jitterMs', 'distribution', 'direction', 'toxicity', 'per', 'seed'],
  loss: ['percent', 'burst', 'onLoss', 'retransmitMs', 'direction', 'per', 'seed'],
  partition: ['direction', 'mode'],
  bandwidth: ['kilobytesPerSecond', 'direction'],
  flapping: ['periodMs', 'downMs', 'mode', 'direction'],
  'slow-close': ['delayMs', 'direction'],
  reset: ['afterMs', 'direction'],
};

/** Every fault type. */
export const FAULT_TYPES = Object.keys(FIELDS) as FaultType[];

/**
 * Plans a fault given as data.
 *
 * @throws {ChaosError} naming the field, for an unknown type or field, or a bad value
 * @example
 * ```ts
 * planFault({ link: 'a -> b', type: 'partition', mode: 'refused' }, context).disablesProxy // true
 * ```
 */
export function planFault(spec: FaultSpec, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add a fault on ${context.link}`);
  const type = fields.oneOf('type', spec.type, FAULT_TYPES);
  const known = new Set(['link', 'type', ...FIELDS[type]]);
  const unknown = Object.keys(spec).find((key) => !known.has(key));
  if (unknown !== undefined) {
    throw fields.error(`${unknown} is not a field of a ${type} fault`, `Use only ${FIELDS[type].join(', ')}`);
  }
  switch (spec.type) {
    case 'latency':
      return planLatency(spec, context);
    case 'loss':
      return planLoss(spec, context);
    case 'partition':
      return planPartition(spec, context);
    case 'bandwidth':
      return planBandwidth(spec, context);
    case 'flapping':
      return planFlapping(spec, context);
    case 'slow-close':
      return planSlowClose(spec, context);
    case 'reset':
      return planReset(spec, context);
  }
}
