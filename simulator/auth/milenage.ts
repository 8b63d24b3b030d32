import { createCipheriv, type Cipher } from 'node:crypto';
import { parseKey128 } from '../identity.js';
import { InvalidIdentityError } from '../domain-errors.js';

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
  // Reused input blocks: one instance is used by one caller at a time (JavaScript is single-threaded).
  readonly #scratch = Buffer.alloc(16 * 5);

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
    expectLength('SQN', sqn, 6);
    expectLength('AMF', amf, 2);
    const out = this.#outputs(this.#temp(rand), [1], sqn, amf);
    return { macA: out.subarray(0, 8), macS: out.subarray(8, 16) };
  }

  /** f2 (RES), f3 (CK), f4 (IK) and f5 (AK) for one RAND. */
  f2345(rand: Buffer): MilenageKeys {
    const out = this.#outputs(this.#temp(rand), [2, 3, 4]);
    return { res: out.subarray(8, 16), ak: out.subarray(0, 6), ck: out.subarray(16, 32), ik: out.subarray(32, 48) };
  }

  /** f5*: the anonymity key AK used to conceal SQN_MS in AUTS during resynchronisation. */
  f5star(rand: Buffer): Buffer {
    return this.#outputs(this.#temp(rand), [5]).subarray(0, 6);
  }

  /**
   * Every function at once for one RAND, SQN and AMF: two AES calls in all
   * (TEMP, then OUT1 to OUT5 in one batch).
   */
  all(rand: Buffer, sqn: Buffer, amf: Buffer): MilenageOutputBytes {
    expectLength('SQN', sqn, 6);
    expectLength('AMF', amf, 2);
    return splitOutputs(this.#outputs(this.#temp(rand), ALL_FUNCTIONS, sqn, amf));
  }

  /**
   * Every function for many RANDs (and their SQNs) at once, still in two AES
   * calls: one for every TEMP, one for every OUT block. The fixed cost of a
   * call into OpenSSL is most of the cost of a block, so this is how an AuC
   * generates a batch of vectors quickly.
   */
  allMany(rands: readonly Buffer[], sqns: readonly Buffer[], amf: Buffer): MilenageOutputBytes[] {
    const count = rands.length;
    for (let v = 0; v < count; v++) {
      expectLength('RAND', rands[v]!, 16);
      expectLength('SQN', sqns[v]!, 6);
    }
    const out = this.outputBlocks(Buffer.concat(rands as Buffer[]), Buffer.concat(sqns as Buffer[]), amf, count);
    const results: MilenageOutputBytes[] = [];
    for (let v = 0; v < count; v++) results.push(splitOutputs(out.subarray(v * 80, v * 80 + 80)));
    return results;
  }

  /**
   * The raw batch behind {@link allMany}: `count` RANDs (16 bytes each) and
   * SQNs (6 bytes each) laid end to end in, OUT1 to OUT5 (80 bytes per RAND:
   * MAC-A, MAC-S, AK at 16, RES at 24, CK at 32, IK at 48, AK* at 64) out.
   * No per-vector Buffer views, for code that builds vectors by offset.
   */
  outputBlocks(rands: Buffer, sqns: Buffer, amf: Buffer, count: number): Buffer {
    expectLength('AMF', amf, 2);
    expectLength('RANDs', rands, 16 * count);
    expectLength('SQNs', sqns, 6 * count);
    const opc = this.#opc;
    const tempInput = Buffer.allocUnsafe(16 * count);
    for (let i = 0; i < 16 * count; i++) tempInput[i] = rands[i]! ^ opc[i & 15]!;
    const temps = this.#aes.update(tempInput);
    const input = Buffer.allocUnsafe(80 * count);
    for (let v = 0; v < count; v++) fillOutputInputs(input, v * 80, temps, v * 16, opc, ALL_FUNCTIONS, sqns, v * 6, amf);
    return xorOpc(this.#aes.update(input), opc);
  }

  // TEMP = E_K(RAND xor OPc)
  #temp(rand: Buffer): Buffer {
    expectLength('RAND', rand, 16);
    const block = this.#scratch.subarray(0, 16);
    const opc = this.#opc;
    for (let i = 0; i < 16; i++) block[i] = rand[i]! ^ opc[i]!;
    return this.#aes.update(block);
  }

  // The requested OUT blocks, through AES in one call.
  #outputs(temp: Buffer, functions: readonly number[], sqn?: Buffer, amf?: Buffer): Buffer {
    const input = this.#scratch.subarray(0, 16 * functions.length);
    fillOutputInputs(input, 0, temp, 0, this.#opc, functions, sqn, 0, amf);
    return xorOpc(this.#aes.update(input), this.#opc);
  }
}

/** Every Milenage output for one RAND, SQN and AMF, as bytes. */
export interface MilenageOutputBytes extends MilenageKeys {
  /** f1: MAC-A, 64 bits. */
  readonly macA: Buffer;
  /** f1*: MAC-S, 64 bits. */
  readonly macS: Buffer;
  /** f5*: AK for resynchronisation, 48 bits. */
  readonly akStar: Buffer;
}

const ALL_FUNCTIONS = [1, 2, 3, 4, 5] as const;

// The AES inputs of OUT1..OUT5 (TS 35.206 §4.1), written at `offset`:
//   OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, with IN1 = SQN||AMF||SQN||AMF;
//   OUTn = E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc for n = 2..5.
// Rotations are whole bytes (r1=64, r2=0, r3=32, r4=64, r5=96 bits), c1 is zero and
// c2..c5 set one low bit each.
function fillOutputInputs(
  input: Buffer,
  offset: number,
  temps: Buffer,
  tempOffset: number,
  opc: Buffer,
  functions: readonly number[],
  sqns?: Buffer,
  sqnOffset = 0,
  amf?: Buffer,
): void {
  for (let slot = 0; slot < functions.length; slot++) {
    const fn = functions[slot]!;
    const base = offset + slot * 16;
    if (fn === 1) {
      // Byte i of rot(x, 64 bits) is byte (i + 8) mod 16 of x; IN1 = SQN || AMF || SQN || AMF.
      for (let i = 0; i < 16; i++) {
        const j = (i + 8) & 15;
        const k = j & 7;
        const in1 = k < 6 ? sqns![sqnOffset + k]! : amf![k - 6]!;
        input[base + i] = temps[tempOffset + i]! ^ in1 ^ opc[j]!;
      }
      continue;
    }
    const rotation = ROTATION_BYTES[fn]!;
    for (let i = 0; i < 16; i++) {
      const j = (i + rotation) & 15;
      input[base + i] = temps[tempOffset + j]! ^ opc[j]!;
    }
    input[base + 15] = input[base + 15]! ^ CONSTANT_LAST_BYTE[fn]!;
  }
}

// OUT1..OUT5 (80 bytes) into the named outputs.
function splitOutputs(o: Buffer): MilenageOutputBytes {
  return {
    macA: o.subarray(0, 8),
    macS: o.subarray(8, 16),
    ak: o.subarray(16, 22),
    res: o.subarray(24, 32),
    ck: o.subarray(32, 48),
    ik: o.subarray(48, 64),
    akStar: o.subarray(64, 70),
  };
}

function xorOpc(out: Buffer, opc: Buffer): Buffer {
  for (let i = 0; i < out.length; i++) out[i] = out[i]! ^ opc[i & 15]!;
  return out;
}

// Rotation of OUTn's input towards the most significant byte, in bytes, by function number.
const ROTATION_BYTES = [0, 8, 0, 4, 8, 12] as const;
// The last byte of the constants c1..c5 (c1 = 0, c2 = 1, c3 = 2, c4 = 4, c5 = 8).
const CONSTANT_LAST_BYTE = [0, 0, 1, 2, 4, 8] as const;

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
