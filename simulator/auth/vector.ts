import { randomBytes } from 'node:crypto';
import { Milenage, bytes } from './milenage.js';
import { sqnToBytes } from './sqn.js';

/**
 * A UMTS authentication vector (quintet) as the home network hands it to a
 * visited VLR/MME, with the GSM triplet values derived from it. All fields
 * are lowercase hex strings.
 */
export interface AuthVector {
  readonly rand: string;
  readonly xres: string;
  readonly ck: string;
  readonly ik: string;
  readonly autn: string;
  /** 2G SRES derived from XRES (TS 33.102 §6.8.2.1, c2). */
  readonly sres: string;
  /** 2G Kc derived from CK and IK (c3). */
  readonly kc: string;
}

/** The default Authentication Management Field: bit 0 ("separation bit") set, as for E-UTRAN. */
export const DEFAULT_AMF = Buffer.from('8000', 'hex');

/**
 * Computes one authentication vector for a subscriber key.
 *
 * @param milenage the subscriber's algorithm instance.
 * @param sqn the 48-bit sequence number to put in AUTN.
 * @param options RAND (16 random bytes when omitted) and AMF.
 */
export function buildVector(milenage: Milenage, sqn: number, options: { rand?: Buffer; amf?: Buffer } = {}): AuthVector {
  const rand = options.rand ?? randomBytes(16);
  const amf = options.amf ?? DEFAULT_AMF;
  const sqnBytes = sqnToBytes(sqn);
  const { res, ck, ik, ak } = milenage.f2345(rand);
  const { macA } = milenage.f1(rand, sqnBytes, amf);
  const autn = Buffer.concat([bytes.xor(sqnBytes, ak), amf, macA]);
  return {
    rand: rand.toString('hex'),
    xres: res.toString('hex'),
    ck: ck.toString('hex'),
    ik: ik.toString('hex'),
    autn: autn.toString('hex'),
    sres: sresFromRes(res).toString('hex'),
    kc: kcFromCkIk(ck, ik).toString('hex'),
  };
}

/** c2: SRES from a 64-bit (or longer, up to 128-bit) RES, by xoring its 32-bit words. */
export function sresFromRes(res: Buffer): Buffer {
  const padded = Buffer.alloc(16);
  res.copy(padded);
  const sres = Buffer.alloc(4);
  for (let word = 0; word < 4; word++) for (let i = 0; i < 4; i++) sres[i]! ^= padded[word * 4 + i]!;
  return sres;
}

/** c3: Kc = CK1 xor CK2 xor IK1 xor IK2 (the 64-bit halves of CK and IK). */
export function kcFromCkIk(ck: Buffer, ik: Buffer): Buffer {
  const kc = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) kc[i] = ck[i]! ^ ck[i + 8]! ^ ik[i]! ^ ik[i + 8]!;
  return kc;
}
