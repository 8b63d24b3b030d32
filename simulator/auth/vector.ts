import { randomBytes } from 'node:crypto';
import { InvalidIdentityError } from '../domain-errors.js';
import type { Milenage } from './milenage.js';
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

/** Where RANDs come from: 16 random bytes per call. A seeded source makes vectors repeatable. */
export type RandSource = (bytes: number) => Buffer;

/** The default Authentication Management Field: bit 0 ("separation bit") set, as for E-UTRAN. */
export const DEFAULT_AMF = Buffer.from('8000', 'hex');

/**
 * Computes one authentication vector for a subscriber key.
 *
 * @param milenage the subscriber's algorithm instance.
 * @param sqn the 48-bit sequence number to put in AUTN.
 * @param options RAND (16 random bytes when omitted) and AMF.
 * @example
 * ```ts
 * const vector = buildVector(new Milenage(k, opc), sqnOf(1, 0));
 * vector.autn // 32 hex digits: SQN xor AK, AMF, MAC-A
 * ```
 */
export function buildVector(milenage: Milenage, sqn: number, options: { rand?: Buffer; amf?: Buffer } = {}): AuthVector {
  const rand = options.rand ?? pooledRandomBytes(16);
  if (!Buffer.isBuffer(rand) || rand.length !== 16) {
    throw new InvalidIdentityError(
      'RAND',
      '(bytes)',
      `it is ${Buffer.isBuffer(rand) ? rand.length : typeof rand} bytes`,
      '16 bytes (32 hex digits)',
    );
  }
  return vectorsOf(milenage, rand, [sqn], options.amf ?? DEFAULT_AMF)[0]!;
}

/**
 * Computes several vectors for one subscriber key in one batch (two AES
 * calls for the whole batch), as an AuC answers a SendAuthInfo for up to 5.
 *
 * @param sqns one 48-bit sequence number per vector.
 * @param options where RANDs come from (`crypto.randomBytes`, pooled, when omitted) and AMF.
 */
export function buildVectors(milenage: Milenage, sqns: readonly number[], options: { rand?: RandSource; amf?: Buffer } = {}): AuthVector[] {
  // One draw for the whole batch: a call into the CSPRNG costs more than the 16 bytes it returns.
  const rands = (options.rand ?? pooledRandomBytes)(16 * sqns.length);
  return vectorsOf(milenage, rands, sqns, options.amf ?? DEFAULT_AMF);
}

// Every vector of the batch is written into one buffer by offset and hex-encoded once:
// per-vector Buffer views and encodings cost more than the AES itself.
// Per vector (84 bytes): RAND 16 | XRES 8 | CK 16 | IK 16 | AUTN 16 | SRES 4 | Kc 8, where
// AUTN = (SQN xor AK) || AMF || MAC-A (TS 33.102 §6.3.2), SRES = c2(XRES), Kc = c3(CK, IK).
function vectorsOf(milenage: Milenage, rands: Buffer, sqns: readonly number[], amf: Buffer): AuthVector[] {
  const count = sqns.length;
  const sqnBytes = Buffer.allocUnsafe(6 * count);
  for (let v = 0; v < count; v++) sqnToBytes(sqns[v]!).copy(sqnBytes, 6 * v);
  const out = milenage.outputBlocks(rands, sqnBytes, amf, count);
  const all = Buffer.allocUnsafe(84 * count);
  for (let v = 0; v < count; v++) {
    const b = 84 * v;
    const o = 80 * v;
    for (let i = 0; i < 16; i++) all[b + i] = rands[16 * v + i]!;
    for (let i = 0; i < 8; i++) all[b + 16 + i] = out[o + 24 + i]!; // XRES
    for (let i = 0; i < 32; i++) all[b + 24 + i] = out[o + 32 + i]!; // CK, IK
    for (let i = 0; i < 6; i++) all[b + 56 + i] = sqnBytes[6 * v + i]! ^ out[o + 16 + i]!; // SQN xor AK
    all[b + 62] = amf[0]!;
    all[b + 63] = amf[1]!;
    for (let i = 0; i < 8; i++) all[b + 64 + i] = out[o + i]!; // MAC-A
    for (let i = 0; i < 4; i++) all[b + 72 + i] = out[o + 24 + i]! ^ out[o + 28 + i]!; // c2
    for (let i = 0; i < 8; i++) all[b + 76 + i] = out[o + 32 + i]! ^ out[o + 40 + i]! ^ out[o + 48 + i]! ^ out[o + 56 + i]!; // c3
  }
  const hex = all.toString('hex');
  const vectors: AuthVector[] = [];
  for (let v = 0; v < count; v++) {
    const h = 168 * v;
    vectors.push({
      rand: hex.slice(h, h + 32),
      xres: hex.slice(h + 32, h + 48),
      ck: hex.slice(h + 48, h + 80),
      ik: hex.slice(h + 80, h + 112),
      autn: hex.slice(h + 112, h + 144),
      sres: hex.slice(h + 144, h + 152),
      kc: hex.slice(h + 152, h + 168),
    });
  }
  return vectors;
}

/**
 * RANDs from `crypto.randomBytes`, drawn 4 KB at a time: the CSPRNG's output
 * is just as random buffered, and one call per RAND costs more than the
 * Milenage functions themselves.
 */
export function pooledRandomBytes(bytes: number): Buffer {
  if (bytes > POOL_SIZE) return randomBytes(bytes);
  if (pool.length - poolOffset < bytes) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + bytes));
  poolOffset += bytes;
  return out;
}

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** c2: SRES from a 64-bit (or longer, up to 128-bit) RES, by xoring its 32-bit words. */
export function sresFromRes(res: Buffer): Buffer {
  const sres = Buffer.alloc(4);
  for (let i = 0; i < res.length && i < 16; i++) sres[i & 3]! ^= res[i]!;
  return sres;
}

/** c3: Kc = CK1 xor CK2 xor IK1 xor IK2 (the 64-bit halves of CK and IK). */
export function kcFromCkIk(ck: Buffer, ik: Buffer): Buffer {
  const kc = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) kc[i] = ck[i]! ^ ck[i + 8]! ^ ik[i]! ^ ik[i + 8]!;
  return kc;
}
