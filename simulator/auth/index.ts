import { InvalidIdentityError } from '../domain-errors.js';
import { parseKey128 } from '../identity.js';
import { Milenage, bytes, deriveOpc } from './milenage.js';
import { buildVector, sresFromRes, kcFromCkIk, type AuthVector } from './vector.js';
import { sqnFromBytes } from './sqn.js';

export { Milenage, deriveOpc, type MilenageKeys, type MilenageOutputBytes } from './milenage.js';
export { Usim, type ChallengeAnswer } from './usim.js';
export { AuthenticationCentre, AutsRejectedError } from './auc.js';
export { TS_35_208_TEST_SETS, type MilenageTestSet } from './ts-35-208-test-sets.js';
export { buildVector, buildVectors, sresFromRes, kcFromCkIk, DEFAULT_AMF, type AuthVector, type RandSource } from './vector.js';
export { IND_BITS, IND_SLOTS, SEQ_DELTA, sqnOf, splitSqn, sqnToBytes, sqnFromBytes } from './sqn.js';

/** Every output of the Milenage functions for one set of inputs, as lowercase hex strings. */
export interface MilenageOutputs {
  readonly opc: string;
  /** f1 */
  readonly macA: string;
  /** f1* */
  readonly macS: string;
  /** f2 */
  readonly res: string;
  /** f3 */
  readonly ck: string;
  /** f4 */
  readonly ik: string;
  /** f5 */
  readonly ak: string;
  /** f5* */
  readonly akStar: string;
}

/** A value given as hex digits (either case) or as bytes. */
export type HexOrBytes = string | Uint8Array;

/** Inputs of {@link milenage.compute}, as hex strings or bytes. Give `op` or `opc`. */
export interface MilenageInputs {
  readonly k: HexOrBytes;
  readonly op?: HexOrBytes;
  readonly opc?: HexOrBytes;
  /** 16 bytes. */
  readonly rand: HexOrBytes;
  /** 6 bytes. */
  readonly sqn: HexOrBytes;
  /** 2 bytes. */
  readonly amf: HexOrBytes;
}

/** What the SIM finds in an AUTN (TS 33.102 §6.3.3). */
export interface AutnCheck {
  /** MAC-A in AUTN matches f1 over the SQN it conceals: the network knows this SIM's K. */
  readonly macOk: boolean;
  /** The SQN AUTN carries (SQN xor AK, xor AK), as 12 hex digits. */
  readonly sqn: string;
  readonly amf: string;
}

/**
 * Milenage (3GPP TS 35.206) on hex strings, for checking against published
 * test data (TS 35.208) or another implementation. **Inputs** are hex
 * strings (either case) or bytes (`Buffer`/`Uint8Array`); **outputs** are
 * always lowercase hex strings. For bytes out and speed, use the
 * {@link Milenage} class. Malformed inputs raise {@link InvalidIdentityError}
 * naming the field and its expected length; K and OP(c) are never echoed.
 *
 * @example
 * ```ts
 * import { milenage } from 'roaming-harness/simulator';
 * const out = milenage.compute({ k: '465b…', op: 'cdc2…', rand: '2355…', sqn: 'ff9bb4d0b607', amf: 'b9b9' });
 * out.res // 'a54211d5e3ba50bf'
 * ```
 */
export const milenage = {
  /** OPc = E_K(OP) xor OP. */
  opc(k: HexOrBytes, op: HexOrBytes): string {
    return deriveOpc(key('K', k), key('OP', op)).toString('hex');
  },
  /** f1, f1*, f2, f3, f4, f5 and f5* at once. */
  compute(input: MilenageInputs): MilenageOutputs {
    const opc = opcOf(input);
    const m = new Milenage(key('K', input.k), opc);
    const out = m.all(field('RAND', input.rand, 16), field('SQN', input.sqn, 6), field('AMF', input.amf, 2));
    const hex = (b: Buffer) => b.toString('hex');
    return {
      opc: hex(opc),
      macA: hex(out.macA),
      macS: hex(out.macS),
      res: hex(out.res),
      ck: hex(out.ck),
      ik: hex(out.ik),
      ak: hex(out.ak),
      akStar: hex(out.akStar),
    };
  },
  /** A full authentication vector (RAND, XRES, CK, IK, AUTN, SRES, Kc) for the given SQN. */
  vector(input: MilenageInputs): AuthVector {
    return buildVector(new Milenage(key('K', input.k), opcOf(input)), sqnFromBytes(field('SQN', input.sqn, 6)), {
      rand: field('RAND', input.rand, 16),
      amf: field('AMF', input.amf, 2),
    });
  },
  /** The SIM's check of AUTN: recovers SQN with AK and verifies MAC-A. */
  verifyAutn(input: { k: HexOrBytes; op?: HexOrBytes; opc?: HexOrBytes; rand: HexOrBytes; autn: HexOrBytes }): AutnCheck {
    const m = new Milenage(key('K', input.k), opcOf(input));
    const rand = field('RAND', input.rand, 16);
    const autn = field('AUTN', input.autn, 16);
    const sqn = bytes.xor(autn.subarray(0, 6), m.f2345(rand).ak);
    const amf = autn.subarray(6, 8);
    return { macOk: m.f1(rand, sqn, amf).macA.equals(autn.subarray(8, 16)), sqn: sqn.toString('hex'), amf: amf.toString('hex') };
  },
  /** AUTS = (SQN_MS xor AK*) || MAC-S over the dummy AMF 0000 (TS 33.102 §6.3.3): what a SIM sends to resynchronise. */
  auts(input: { k: HexOrBytes; op?: HexOrBytes; opc?: HexOrBytes; rand: HexOrBytes; sqnMs: HexOrBytes }): string {
    const m = new Milenage(key('K', input.k), opcOf(input));
    const rand = field('RAND', input.rand, 16);
    const sqnMs = field('SQN_MS', input.sqnMs, 6);
    return Buffer.concat([bytes.xor(sqnMs, m.f5star(rand)), m.f1(rand, sqnMs, Buffer.alloc(2)).macS]).toString('hex');
  },
  /** 2G SRES (c2) from RES. */
  sres(res: HexOrBytes): string {
    return sresFromRes(field('RES', res, [4, 16])).toString('hex');
  },
  /** 2G Kc (c3) from CK and IK. */
  kc(ck: HexOrBytes, ik: HexOrBytes): string {
    return kcFromCkIk(field('CK', ck, 16), field('IK', ik, 16)).toString('hex');
  },
} as const;

function opcOf(input: { k: HexOrBytes; op?: HexOrBytes; opc?: HexOrBytes }): Buffer {
  if (input.opc !== undefined) return key('OPc', input.opc);
  if (input.op !== undefined) return deriveOpc(key('K', input.k), key('OP', input.op));
  throw new InvalidIdentityError('OP/OPc', '(missing)', 'neither op nor opc was given', 'one of them, 32 hex digits (128 bits)');
}

function key(name: 'K' | 'OP' | 'OPc', value: HexOrBytes): Buffer {
  return parseKey128(name, value);
}

// A public (non-secret) input of an exact length, or a length range [min, max], in bytes.
function field(name: string, value: HexOrBytes, length: number | [number, number]): Buffer {
  const [min, max] = typeof length === 'number' ? [length, length] : length;
  const expected = min === max ? `${min} bytes (${min * 2} hex digits)` : `${min} to ${max} bytes`;
  let out: Buffer;
  if (typeof value === 'string') {
    if (!/^([0-9a-fA-F]{2})*$/.test(value))
      throw new InvalidIdentityError(name, JSON.stringify(value), 'it is not an even number of hex digits', expected);
    out = Buffer.from(value, 'hex');
  } else if (value instanceof Uint8Array) {
    out = Buffer.from(value);
  } else {
    throw new InvalidIdentityError(name, String(value), 'it is neither a hex string nor bytes', expected);
  }
  if (out.length < min || out.length > max)
    throw new InvalidIdentityError(
      name,
      typeof value === 'string' ? JSON.stringify(value) : '(bytes)',
      `it is ${out.length} bytes`,
      expected,
    );
  return out;
}
