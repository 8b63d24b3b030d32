/**
 * The dictionary the harness uses: the base protocol, credit control and Gy,
 * and S6a.
 *
 * @module
 */
import { APPLICATION_NAMES, BASE, BASE_COMMANDS } from './dictionary-base.js';
import { CREDIT_CONTROL, CREDIT_CONTROL_COMMANDS, GY_3GPP } from './dictionary-credit-control.js';
import { S6A, S6A_COMMANDS } from './dictionary-s6a.js';
import { DiameterDictionary } from './dictionary.js';

/**
 * Every AVP and command of RFC 6733, RFC 4006, TS 32.299 (Gy) and TS 29.272
 * (S6a) the harness sends or reads.
 *
 * @example
 * ```ts
 * DIAMETER_DICTIONARY.command(318, 16777251)?.abbreviation // 'AIR'
 * ```
 */
export const DIAMETER_DICTIONARY = new DiameterDictionary(
  [BASE, CREDIT_CONTROL, GY_3GPP, S6A],
  [BASE_COMMANDS, CREDIT_CONTROL_COMMANDS, S6A_COMMANDS],
  APPLICATION_NAMES,
);
