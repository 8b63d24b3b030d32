/**
 * Checking the hex strings callers hand to the GSUP encoder (RAND, AUTS,
 * QoS...) before they go on the wire.
 *
 * @module
 */
import { GsupEncodeError } from './codec-errors.js';

/**
 * Bytes from a hex string whose byte length is one of `lengths`
 * (or between `lengths[0]` and `lengths[1]` when `range` is set).
 *
 * @param field the message field, for the error.
 */
export function hexField(value: string, field: string, lengths: readonly number[], range = false): Buffer {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(value)) {
    throw new GsupEncodeError(field, 'it is not an even-length hex string', 'lowercase or uppercase hex digits, two per byte');
  }
  const bytes = Buffer.from(value, 'hex');
  const ok = range ? bytes.length >= lengths[0]! && bytes.length <= lengths[1]! : lengths.includes(bytes.length);
  if (!ok) {
    const want = range ? `${lengths[0]} to ${lengths[1]} bytes` : `${lengths.join(' or ')} bytes`;
    throw new GsupEncodeError(field, `it is ${bytes.length} bytes long`, `${want} of hex`);
  }
  return bytes;
}
