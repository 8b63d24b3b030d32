import { createHmac } from 'node:crypto';
import { InvalidIdentityError } from '../domain-errors.js';

/**
 * K_ASME, the key an MME and a SIM share after EPS AKA (3GPP TS 33.401
 * Annex A.2), from a UMTS vector. It binds CK and IK to the serving
 * network: the generic KDF of TS 33.220 Annex B (HMAC-SHA-256 keyed with
 * CK || IK) over FC = 0x10, P0 = the serving network id as the 3-octet PLMN
 * identity and P1 = SQN xor AK (the first 6 octets of AUTN), each parameter
 * followed by its 2-octet length.
 *
 * @param ck 16 bytes (32 hex digits).
 * @param ik 16 bytes.
 * @param servingNetwork the 3-octet PLMN identity (TS 24.008 §10.5.1.13) of the serving network.
 * @param sqnXorAk 6 bytes: SQN xor AK, as AUTN carries it.
 * @returns 32 bytes.
 * @example
 * ```ts
 * const kasme = deriveKasme(vector.ck, vector.ik, Buffer.from('02f801', 'hex'), vector.autn.slice(0, 12));
 * ```
 */
export function deriveKasme(ck: string | Buffer, ik: string | Buffer, servingNetwork: Buffer, sqnXorAk: string | Buffer): Buffer {
  const key = Buffer.concat([bytesOf('CK', ck, 16), bytesOf('IK', ik, 16)]);
  const sn = bytesOf('serving network id', servingNetwork, 3);
  const sqn = bytesOf('SQN xor AK', sqnXorAk, 6);
  const s = Buffer.alloc(14);
  s[0] = 0x10;
  sn.copy(s, 1);
  s.writeUInt16BE(3, 4);
  sqn.copy(s, 6);
  s.writeUInt16BE(6, 12);
  return createHmac('sha256', key).update(s).digest();
}

function bytesOf(name: string, value: string | Buffer, length: number): Buffer {
  const bytes =
    typeof value === 'string' && /^([0-9a-fA-F]{2})*$/.test(value) ? Buffer.from(value, 'hex') : Buffer.isBuffer(value) ? value : undefined;
  if (!bytes || bytes.length !== length) {
    const shown = name === 'CK' || name === 'IK' ? '(hidden)' : typeof value === 'string' ? JSON.stringify(value) : '(bytes)';
    throw new InvalidIdentityError(name, shown, `it is not ${length} bytes`, `${length} bytes (${length * 2} hex digits)`);
  }
  return bytes;
}
