/**
 * `roaming-harness/peers`: drivers for real implementations the harness
 * talks to instead of its built-in elements.
 *
 * @packageDocumentation
 */
export * from './osmo-hlr/index.js';
