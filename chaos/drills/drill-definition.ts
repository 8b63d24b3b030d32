/**
 * What a drill is, in the structure Chaos Toolkit users know: a steady-state
 * hypothesis (probes with tolerances), a method (faults and load on a
 * timeline), and rollbacks that always run.
 *
 * @module
 */
import type { ArrivalPattern } from './arrivals.js';
import type { ActiveFault } from '../fault.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { ProbeValue, Tolerance } from './tolerance.js';

/** A duration: milliseconds, or a string such as `"250ms"`, `"1.5s"`, `"2m"`. */
export type Duration = number | string;

/** One probe of the steady state. */
export interface DrillProbe {
  readonly name: string;
  /** Measures something: a success rate, a latency, a flag. Throwing counts as out of tolerance. */
  readonly probe: (signal: AbortSignal) => Promise<ProbeValue> | ProbeValue;
  /** What "normal" is: `'>= 0.99'`, `{ max: 500 }`, `true`, or a predicate. */
  readonly tolerance: Tolerance;
}

/** The steady-state hypothesis: every probe within tolerance. */
export interface SteadyStateHypothesis {
  readonly title?: string;
  readonly probes: readonly DrillProbe[];
}

/** Changes a fault's strength in steps while it runs, e.g. latency 100 → 500 ms. */
export interface FaultRamp {
  /** A numeric option of the fault, e.g. `ms` or `percent`. */
  readonly field: string;
  readonly from: number;
  readonly to: number;
  /** How many steps from `from` to `to` over the fault's duration (default 5). */
  readonly steps?: number;
}

/** A fault on the timeline. */
export interface FaultStep {
  /** When it starts, after the method begins. */
  readonly at: Duration;
  /** How long it stays. */
  readonly for: Duration;
  readonly fault: FaultSpec;
  readonly ramp?: FaultRamp;
  /** How the report names it (default: the fault's description). */
  readonly label?: string;
}

/**
 * Load on the timeline: `run` called at a rate (an open model, ramping
 * linearly when `from`/`to` are given, arrivals evenly spaced or Poisson),
 * or by a number of users each calling again once answered (a closed model).
 */
export interface LoadStep {
  readonly at: Duration;
  readonly for: Duration;
  readonly load: {
    readonly name: string;
    /** Calls per second, or a linear ramp over the step. Give this or `users`. */
    readonly ratePerSecond?: number | { readonly from: number; readonly to: number };
    /** `uniform` (the default) spaces calls evenly; `poisson` draws exponential gaps with the same mean rate. */
    readonly arrivals?: ArrivalPattern;
    /** Seeds the Poisson draws, so a drill replays the same arrivals (default: a random seed). */
    readonly seed?: number;
    /** A closed model instead of a rate: this many users, each calling `run` again once its last call ended. */
    readonly users?: number;
    /** With `users`: how long each user waits between its calls (default 0). */
    readonly think?: Duration;
    /** One unit of work; resolving `false` or throwing counts as a failure. */
    readonly run: (signal: AbortSignal) => Promise<unknown> | unknown;
    /** Most calls in flight at once (default 16); calls due beyond it are skipped and counted. */
    readonly concurrency?: number;
  };
}

/** Something to put back, whatever happened. */
export interface DrillRollback {
  readonly name: string;
  readonly run: () => Promise<unknown> | unknown;
}

/** A drill. */
export interface DrillDefinition {
  readonly title: string;
  readonly steadyState: SteadyStateHypothesis;
  readonly method: readonly (FaultStep | LoadStep)[];
  /** Run after the method, pass, fail or abort; injected faults are removed before them anyway. */
  readonly rollbacks?: readonly DrillRollback[];
  readonly recovery?: {
    /** How often the hypothesis is checked after a fault ends (default 100 ms). */
    readonly pollEvery?: Duration;
    /** How long to wait for it to hold again before calling the fault unrecovered (default 10 s). */
    readonly timeout?: Duration;
  };
}

/** Where a drill injects its faults: a `ChaosNetwork` is one. */
export interface DrillTarget {
  /** Throws naming the link or the field if the fault is not valid; injects nothing. */
  checkFault(spec: FaultSpec): void;
  inject(spec: FaultSpec): Promise<ActiveFault>;
}

/**
 * Types a drill definition (an identity function, for editor help).
 *
 * @example
 * ```ts
 * const drill = defineDrill({ title: 'HLR partition', steadyState: { probes }, method: [{ at: 0, for: '2s', fault }] });
 * ```
 */
export function defineDrill(definition: DrillDefinition): DrillDefinition {
  return definition;
}
