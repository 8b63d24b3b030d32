/**
 * Keeping subscriber keys (K, OPc, Ki) out of error messages: osmo-hlr echoes
 * VTY commands and quotes bad values back, so anything we show from a
 * provisioning exchange goes through here first.
 *
 * @module
 */

import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import { subscriberShown } from '../gsup/gsup-errors.js';
import { escapeRegExp } from '../../core/escape-regexp.js';

/** What a secret is replaced with. */
export const REDACTED = '<redacted>';

/**
 * Replaces every occurrence of each secret (case-insensitive, as hex keys
 * come back in either case) with {@link REDACTED}.
 *
 * @example
 * ```ts
 * redact("% Invalid value for K: 'ABCD'", ['abcd']) // "% Invalid value for K: '<redacted>'"
 * ```
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    out = out.replace(new RegExp(escapeRegExp(secret), 'gi'), REDACTED);
  }
  return out;
}

/**
 * Hides key values in osmo-hlr's own log output: at debug level it prints
 * `3G: k = <hex>`, `opc = <hex>`, `ki = <hex>`. Any 128-bit hex value after
 * a K/Ki/OP/OPc label becomes {@link REDACTED}.
 *
 * @example
 * ```ts
 * scrubKeys('auc.c:96 3G: k = 465b5ce8b199b49faa5f0a2ee238a6bc') // 'auc.c:96 3G: k = <redacted>'
 * ```
 */
export function scrubKeys(text: string): string {
  return text.replace(/\b(k|ki|op|opc)(\s*[=:]\s*)[0-9a-f]{32}\b/gi, `$1$2${REDACTED}`);
}

/**
 * Replaces every IMSI- or MSISDN-like run of 6 to 15 digits with its keyed
 * pseudonym (see `subscriberShown`), so a VTY or CTRL exchange quoted in an
 * error names no subscriber in clear.
 *
 * @example
 * ```ts
 * withoutIdentities('subscriber imsi 262011234567890 create') // 'subscriber imsi sub_5e0c… create'
 * ```
 */
export function withoutIdentities(text: string, hasher?: IdentityHasher): string {
  return text.replace(/(?<!\d)\d{6,15}(?!\d)/g, (digits) => subscriberShown(digits, hasher));
}
