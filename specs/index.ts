/**
 * `roaming-harness/specs`: the YAML spec language (scenarios and drills),
 * its loader and validator, the spec-to-test generator, and the run-level
 * gate reporter.
 *
 * @packageDocumentation
 */
export * from './schema.js';
export * from './loader.js';
export * from './spec-error.js';
export * from './specs.js';
export { validateSpecFiles, formatSpecProblems } from './validate-files.js';
export { specJsonSchema, SPEC_JSON_SCHEMA_FILE } from './json-schema.js';
export { default as RunGate } from '../reporters/run-gate-reporter.js';
export { compileGate, evaluateGate, formatGate, type RunGateOptions, type GateVerdict } from '../metrics/run-gate.js';
export { SAMPLES_ATTACHMENT, compactSamples, expandSamples, type CompactSamples } from '../metrics/compact-samples.js';
export { clockOf, runScenario, type ScenarioClock } from './run-scenario.js';
export { findDanglingReferences, type DanglingReference } from './references.js';
export { subscribersOf } from './runner/worlds.js';
