/**
 * `roaming-harness/specs`: the YAML spec language, its loader and the
 * spec-to-test generator.
 *
 * @packageDocumentation
 */
export * from './schema.js';
export * from './loader.js';
export * from './spec-error.js';
export * from './specs.js';
export * from './duration.js';
