import { Milenage, deriveOpc } from './milenage.js';
import { buildVector, sresFromRes, kcFromCkIk, type AuthVector } from './vector.js';
import { sqnFromBytes } from './sqn.js';

export { Milenage, deriveOpc, type MilenageKeys } from './milenage.js';
export { Usim, type ChallengeAnswer } from './usim.js';
export { AuthenticationCentre, AutsRejectedError } from './auc.js';
export { buildVector, sresFromRes, kcFromCkIk, DEFAULT_AMF, type AuthVector } from './vector.js';
export { IND_BITS, IND_SLOTS, SEQ_DELTA, sqnOf, splitSqn, sqnToBytes, sqnFromBytes } from './sqn.js';

/** Every output of the Milenage functions for one set of inputs, as lowercase hex strings. */
export interface MilenageOutputs {
  readonly opc: string;
  readonly macA: string;
  readonly macS: string;
  readonly res: string;
  readonly ck: string;
  readonly ik: string;
  readonly ak: string;
  readonly akStar: string;
}

/** Inputs of {@link milenage.compute}: hex strings (either case). Give `op` or `opc`. */
export interface MilenageInputs {
  readonly k: string;
  readonly op?: string;
  readonly opc?: string;
  readonly rand: string;
  readonly sqn: string;
  readonly amf: string;
}

/**
 * Milenage (3GPP TS 35.206) on hex strings, for checking against published
 * test data (TS 35.208) or another implementation. Takes hex strings in
 * either case and returns lowercase hex strings. For bytes and speed, use
 * the {@link Milenage} class.
 *
 * @example
 * ```ts
 * import { milenage } from 'roaming-harness/simulator';
 * const out = milenage.compute({ k: '465b…', op: 'cdc2…', rand: '2355…', sqn: 'ff9bb4d0b607', amf: 'b9b9' });
 * out.res // 'a54211d5e3ba50bf'
 * ```
 */
export const milenage = {
  /** OPc from K and OP. */
  opc(k: string, op: string): string {
    return deriveOpc(k, op).toString('hex');
  },
  /** f1, f1*, f2, f3, f4, f5 and f5* at once. */
  compute(input: MilenageInputs): MilenageOutputs {
    const opc = input.opc ?? (input.op !== undefined ? deriveOpc(input.k, input.op).toString('hex') : undefined);
    if (opc === undefined)
      throw new TypeError('[roam] Failed to compute Milenage: neither op nor opc was given. Pass one of them as 32 hex digits.');
    const m = new Milenage(input.k, opc);
    const rand = Buffer.from(input.rand, 'hex');
    const { macA, macS } = m.f1(rand, Buffer.from(input.sqn, 'hex'), Buffer.from(input.amf, 'hex'));
    const { res, ck, ik, ak } = m.f2345(rand);
    const hex = (b: Buffer) => b.toString('hex');
    return { opc, macA: hex(macA), macS: hex(macS), res: hex(res), ck: hex(ck), ik: hex(ik), ak: hex(ak), akStar: hex(m.f5star(rand)) };
  },
  /** A full authentication vector (RAND, XRES, CK, IK, AUTN, SRES, Kc). */
  vector(input: MilenageInputs): AuthVector {
    const opc = input.opc ?? deriveOpc(input.k, input.op ?? '').toString('hex');
    return buildVector(new Milenage(input.k, opc), sqnFromBytes(Buffer.from(input.sqn, 'hex')), {
      rand: Buffer.from(input.rand, 'hex'),
      amf: Buffer.from(input.amf, 'hex'),
    });
  },
  /** 2G SRES (c2) from RES. */
  sres(res: string): string {
    return sresFromRes(Buffer.from(res, 'hex')).toString('hex');
  },
  /** 2G Kc (c3) from CK and IK. */
  kc(ck: string, ik: string): string {
    return kcFromCkIk(Buffer.from(ck, 'hex'), Buffer.from(ik, 'hex')).toString('hex');
  },
} as const;
