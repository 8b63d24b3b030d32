/**
 * Drills on a timeline: a steady-state hypothesis, a method of faults and
 * load, rollbacks that always run, and recovery times.
 *
 * @module
 */
export {
  defineDrill,
  type DrillDefinition,
  type DrillProbe,
  type DrillRollback,
  type DrillTarget,
  type Duration,
  type FaultRamp,
  type FaultStep,
  type LoadStep,
  type SteadyStateHypothesis,
} from './drill-definition.js';
export { runDrill, type RunDrillOptions } from './run-drill.js';
export { checkDrill, type CheckedDrill } from './drill-schema.js';
export { compileTolerance, type Tolerance, type ProbeValue, type CompiledTolerance } from './tolerance.js';
export {
  formatDrillReport,
  type DrillReport,
  type DrillStatus,
  type FaultRecord,
  type HypothesisCheck,
  type LoadRecord,
  type ProbeResult,
  type RollbackResult,
  type TimelineEvent,
} from './drill-report.js';
