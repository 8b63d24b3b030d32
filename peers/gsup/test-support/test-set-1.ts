/**
 * 3GPP TS 35.208 §4.3 test set 1, the subscriber keys the osmo-hlr tests
 * provision, and a helper to build a USIM holding them.
 *
 * @module
 */
import { Usim, milenage } from '../../../simulator/auth/index.js';

/** K of test set 1. */
export const K = '465b5ce8b199b49faa5f0a2ee238a6bc';
/** OP of test set 1. */
export const OP = 'cdc202d5123e20f62b6d676ac72cb318';
/** OPc derived from K and OP (TS 35.208 gives cd63cb71954a9f4e48a5994e37a02baf). */
export const OPC = milenage.opc(K, OP);

/** A USIM with test set 1's keys, or with a different K (a clone that does not know the real key). */
export function usim(options: { readonly wrongK?: boolean } = {}): Usim {
  return new Usim(options.wrongK ? 'ff'.repeat(16) : K, OPC);
}

/** IMSIs in the test PLMN 901-70, distinct per test so failures do not cascade. */
export function testImsi(n: number): string {
  return `9017000000${String(n).padStart(5, '0')}`;
}
