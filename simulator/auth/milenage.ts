import { createCipheriv, type Cipher } from 'node:crypto';
import { parseKey128 } from '../identity.js';
import { InvalidIdentityError } from '../errors.js';

/** The outputs of f2, f3, f4 and f5 for one RAND. */
export interface MilenageKeys {
  /** f2: the 64-bit response RES (XRES on the network side). */
  readonly res: Buffer;
  /** f3: the 128-bit cipher key CK. */
  readonly ck: Buffer;
  /** f4: the 128-bit integrity key IK. */
  readonly ik: Buffer;
  /** f5: the 48-bit anonymity key AK. */
  readonly ak: Buffer;
}

const C2 = constant(1);
const C3 = constant(2);
const C4 = constant(4);
const C5 = constant(8);

function constant(lastByte: number): Buffer {
  const c = Buffer.alloc(16);
  c[15] = lastByte;
  return c;
}

/**
 * The Milenage algorithm set (3GPP TS 35.206) for one subscriber key, on
 * bytes. Build one per SIM or HLR record and reuse it: the AES key schedule
 * is computed once.
 *
 * Inputs and outputs are `Buffer`s; for hex strings use {@link milenage}.
 *
 * @example
 * ```ts
 * const m = Milenage.fromOp(k, op);
 * const { res, ck, ik, ak } = m.f2345(rand);
 * ```
 */
export class Milenage {
  readonly #aes: Cipher;
  readonly #opc: Buffer;

  /** @param k the 128-bit subscriber key; @param opc the 128-bit operator variant key OPc. */
  constructor(k: Buffer | Uint8Array | string, opc: Buffer | Uint8Array | string) {
    this.#aes = aesEcb(parseKey128('K', k));
    this.#opc = parseKey128('OPc', opc);
  }

  /** Builds the algorithm from K and the operator's OP, deriving OPc. */
  static fromOp(k: Buffer | Uint8Array | string, op: Buffer | Uint8Array | string): Milenage {
    return new Milenage(k, deriveOpc(k, op));
  }

  /** f1 and f1*: MAC-A (network authentication) and MAC-S (resynchronisation), 64 bits each. */
  f1(rand: Buffer, sqn: Buffer, amf: Buffer): { macA: Buffer; macS: Buffer } {
    expectLength('RAND', rand, 16);
    expectLength('SQN', sqn, 6);
    expectLength('AMF', amf, 2);
    const temp = this.#temp(rand);
    const in1 = Buffer.allocUnsafe(16);
    sqn.copy(in1, 0);
    amf.copy(in1, 6);
    sqn.copy(in1, 8);
    amf.copy(in1, 14);
    // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1=64)) xor OPc
    const rotated = rotate(xor(in1, this.#opc), 8);
    const out1 = xor(this.#encrypt(xor(temp, rotated)), this.#opc);
    return { macA: out1.subarray(0, 8), macS: out1.subarray(8, 16) };
  }

  /** f2 (RES), f3 (CK), f4 (IK) and f5 (AK) for one RAND. */
  f2345(rand: Buffer): MilenageKeys {
    expectLength('RAND', rand, 16);
    const tempXorOpc = xor(this.#temp(rand), this.#opc);
    const out2 = this.#out(tempXorOpc, 0, C2);
    const out3 = this.#out(tempXorOpc, 4, C3);
    const out4 = this.#out(tempXorOpc, 8, C4);
    return { res: out2.subarray(8, 16), ak: out2.subarray(0, 6), ck: out3, ik: out4 };
  }

  /** f5*: the anonymity key AK used to conceal SQN_MS in AUTS during resynchronisation. */
  f5star(rand: Buffer): Buffer {
    expectLength('RAND', rand, 16);
    const tempXorOpc = xor(this.#temp(rand), this.#opc);
    return this.#out(tempXorOpc, 12, C5).subarray(0, 6);
  }

  #temp(rand: Buffer): Buffer {
    return this.#encrypt(xor(rand, this.#opc));
  }

  // OUTn = E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc, with rn given in bytes.
  #out(tempXorOpc: Buffer, rotateBytes: number, c: Buffer): Buffer {
    return xor(this.#encrypt(xor(rotate(tempXorOpc, rotateBytes), c)), this.#opc);
  }

  #encrypt(block: Buffer): Buffer {
    return this.#aes.update(block);
  }
}

/** OPc = E_K(OP) xor OP (TS 35.206 §4.1). */
export function deriveOpc(k: Buffer | Uint8Array | string, op: Buffer | Uint8Array | string): Buffer {
  const opBytes = parseKey128('OP', op);
  return xor(aesEcb(parseKey128('K', k)).update(opBytes), opBytes);
}

function aesEcb(key: Buffer): Cipher {
  const cipher = createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return cipher;
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

// Cyclic rotation of a 128-bit value towards the most significant bit by whole bytes.
function rotate(x: Buffer, bytes: number): Buffer {
  if (bytes === 0) return x;
  return Buffer.concat([x.subarray(bytes), x.subarray(0, bytes)]);
}

function expectLength(field: string, value: Buffer, bytes: number): void {
  if (!Buffer.isBuffer(value) || value.length !== bytes) {
    throw new InvalidIdentityError(
      field,
      '(bytes)',
      `it is ${Buffer.isBuffer(value) ? value.length : typeof value} bytes`,
      `${bytes} bytes (${bytes * 2} hex digits)`,
    );
  }
}

/** @internal exported for the vector and SIM code in this folder. */
export const bytes = { xor };
