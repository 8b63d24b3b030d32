/**
 * The faults that map one to one onto Toxiproxy's own toxics or switches:
 * partition, bandwidth, slow close, reset, and flapping (a partition that
 * comes and goes on a period, driven from here through the API).
 *
 * @module
 */
import { FAULT_DIRECTIONS, streamsOf, type FaultDirection } from '../fault.js';
import { FaultFields } from './fault-fields.js';
import type { FaultEffect, FaultPlan, PlanContext } from './fault-plan.js';

/** How a partition shows: `blackhole` swallows data and leaves connections hanging; `refused` refuses or resets them. */
export type PartitionMode = 'blackhole' | 'refused';

/** Options of a partition. */
export interface PartitionFault {
  /** Default `both`. One way: only data going that way is cut. */
  readonly direction?: FaultDirection;
  /**
   * Default `blackhole` (Toxiproxy `timeout` 0: data dropped, connections
   * held open, callers hit their own timeouts). `refused`, both ways: the
   * proxy is switched off (ECONNREFUSED, live connections closed); one way:
   * a `reset_peer` on that stream (ECONNRESET when data goes that way).
   */
  readonly mode?: PartitionMode;
}

/** Options of a bandwidth cap. */
export interface BandwidthFault {
  /** Rate per connection and direction, in KB/s (1 KB = 1000 bytes), a whole number >= 0. */
  readonly kilobytesPerSecond: number;
  /** Default `both`. */
  readonly direction?: FaultDirection;
}

/** Options of flapping: the link goes down and up again on a period. */
export interface FlappingFault {
  /** One down+up cycle, ms (at least 2). */
  readonly periodMs: number;
  /** How long of each period the link is down, ms (default half the period). */
  readonly downMs?: number;
  /** How a down phase shows (default `refused`). */
  readonly mode?: PartitionMode;
  /** Default `both`. */
  readonly direction?: FaultDirection;
}

/** Options of a slow close. */
export interface SlowCloseFault {
  /** How long a close is held back, ms. */
  readonly delayMs: number;
  /** Default `both`. */
  readonly direction?: FaultDirection;
}

/** Options of a reset. */
export interface ResetFault {
  /** Reset this long after data first flows (default 0: at once). */
  readonly afterMs?: number;
  /** Default `forward`: a request triggers the reset. */
  readonly direction?: FaultDirection;
}

/**
 * Plans a partition.
 *
 * @example
 * ```ts
 * planPartition({ mode: 'refused' }, context).disablesProxy // true
 * ```
 */
export function planPartition(options: PartitionFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add a partition on ${context.link}`);
  const direction = fields.oneOf('direction', options.direction ?? 'both', FAULT_DIRECTIONS);
  const mode = fields.oneOf('mode', options.mode ?? 'blackhole', ['blackhole', 'refused'] as const);
  return {
    kind: 'partition',
    description: `partition ${direction} (${mode})`,
    per: 'link',
    ...partitionEffect(direction, mode),
  };
}

function partitionEffect(direction: FaultDirection, mode: PartitionMode): FaultEffect {
  if (mode === 'refused' && direction === 'both') return { toxics: [], disablesProxy: true };
  const toxics = streamsOf(direction).map((stream) =>
    mode === 'refused'
      ? { type: 'reset_peer', stream, toxicity: 1, attributes: { timeout: 0 } }
      : { type: 'timeout', stream, toxicity: 1, attributes: { timeout: 0 } },
  );
  return { toxics, disablesProxy: false };
}

/** Plans a bandwidth cap (Toxiproxy `bandwidth`, per connection). */
export function planBandwidth(options: BandwidthFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add a bandwidth cap on ${context.link}`);
  const rate = fields.integer('kilobytesPerSecond', options.kilobytesPerSecond, 0, 100);
  const direction = fields.oneOf('direction', options.direction ?? 'both', FAULT_DIRECTIONS);
  return {
    kind: 'bandwidth',
    description: `bandwidth ${rate}KB/s ${direction}, per connection`,
    per: 'connection',
    toxics: streamsOf(direction).map((stream) => ({ type: 'bandwidth', stream, toxicity: 1, attributes: { rate } })),
    disablesProxy: false,
  };
}

/** Plans flapping: down for `downMs` of every `periodMs`, starting down. */
export function planFlapping(options: FlappingFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add flapping on ${context.link}`);
  const periodMs = fields.milliseconds('periodMs', options.periodMs, 2);
  const downMs = fields.milliseconds('downMs', options.downMs ?? Math.round(periodMs / 2), 1);
  if (downMs >= periodMs)
    throw fields.error(`downMs ${downMs} is not shorter than periodMs ${periodMs}`, 'Leave the link some time up in each period');
  const direction = fields.oneOf('direction', options.direction ?? 'both', FAULT_DIRECTIONS);
  const mode = fields.oneOf('mode', options.mode ?? 'refused', ['blackhole', 'refused'] as const);
  return {
    kind: 'flapping',
    description: `flapping down ${downMs}ms every ${periodMs}ms ${direction} (${mode})`,
    per: 'link',
    toxics: [],
    disablesProxy: false,
    flapping: { periodMs, downMs, down: partitionEffect(direction, mode) },
  };
}

/** Plans a slow close (Toxiproxy `slow_close`, per connection). */
export function planSlowClose(options: SlowCloseFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add a slow close on ${context.link}`);
  const delay = fields.milliseconds('delayMs', options.delayMs);
  const direction = fields.oneOf('direction', options.direction ?? 'both', FAULT_DIRECTIONS);
  return {
    kind: 'slow-close',
    description: `slow close ${delay}ms ${direction}, per connection`,
    per: 'connection',
    toxics: streamsOf(direction).map((stream) => ({ type: 'slow_close', stream, toxicity: 1, attributes: { delay } })),
    disablesProxy: false,
  };
}

/** Plans a reset (Toxiproxy `reset_peer`, every connection). */
export function planReset(options: ResetFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add a reset on ${context.link}`);
  const timeout = fields.milliseconds('afterMs', options.afterMs ?? 0);
  const direction = fields.oneOf('direction', options.direction ?? 'forward', FAULT_DIRECTIONS);
  return {
    kind: 'reset',
    description: `reset after ${timeout}ms ${direction}, per connection`,
    per: 'connection',
    toxics: streamsOf(direction).map((stream) => ({ type: 'reset_peer', stream, toxicity: 1, attributes: { timeout } })),
    disablesProxy: false,
  };
}
