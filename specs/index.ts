/**
 * `roaming-harness/specs`: the YAML spec language (scenarios and drills):
 * its zod schema and JSON Schema, the loader and validator with file:line
 * problems, the spec-to-test generator, and running a drill document on its
 * own.
 *
 * ```ts
 * import { specs } from 'roaming-harness/specs';
 * specs('specs/**\/*.roam.yaml');
 * ```
 *
 * @packageDocumentation
 */

// Specs as Playwright tests.
export { specs, runScenario, type SpecsOptions } from './specs.js';
export { clockOf, type ScenarioClock } from './scenario-clock.js';

// Loading and checking spec files.
export { loadSpecs, parseSpecText, type LoadedScenario } from './loader.js';
export { validateSpecFiles, formatSpecProblems } from './validate-files.js';
export { SpecError, type SpecProblem } from './spec-error.js';
export { SPEC_LIMITS, SPEC_LIMIT_CODES } from './spec-limits.js';
export { findDanglingReferences, type DanglingReference } from './references.js';
export { subscribersOf } from './runner/worlds.js';

// The language: its schema, as zod and as JSON Schema.
export {
  Scenario,
  Drill,
  SpecDocument,
  Step,
  LinkFault,
  SloMap,
  STEP_KINDS,
  LOAD_PROCEDURES,
  METRICS,
  SAMPLE_TAGS,
  titleOf,
  stepsOf,
  type ScenarioSpec,
  type ScenarioInput,
  type DrillSpec,
  type SpecDocumentSpec,
  type StepSpec,
  type LinkFaultSpec,
} from './schema.js';
export { Duration, Percent, PlmnId, Rate, Bytes, SloString, parseRate } from './schema-values.js';
export { specJsonSchema, SPEC_JSON_SCHEMA_FILE } from './json-schema.js';

// A drill document on its own, on the chaos layer's drill engine (`roam drill`).
export { compileDrill, StandaloneDrillError, PROBE_METRICS, type CompiledDrill, type DrillProgressSink } from './standalone-drill.js';
export { faultSpecsOf } from './link-faults.js';
