import { Milenage, bytes } from './milenage.js';
import { IND_SLOTS, SEQ_DELTA, splitSqn, sqnFromBytes, sqnOf, sqnToBytes } from './sqn.js';

/** What a USIM answers to an authentication challenge. */
export type ChallengeAnswer =
  | { readonly kind: 'response'; readonly res: string; readonly ck: string; readonly ik: string }
  /** AUTN's MAC did not verify: the network does not know this SIM's K. */
  | { readonly kind: 'mac-failure' }
  /** MAC fine but SQN not fresh: AUTS lets the home network resynchronise. */
  | { readonly kind: 'sync-failure'; readonly auts: string };

/**
 * The subscriber side of authentication: a USIM with its own K and OPc and
 * the SEQ array of TS 33.102 Annex C. It computes RES from its own key, so a
 * SIM whose K differs from the HLR's (a clone) fails authentication.
 *
 * @example
 * ```ts
 * const usim = new Usim(k, opc);
 * const answer = usim.authenticate(vector.rand, vector.autn);
 * if (answer.kind === 'response') send(answer.res);
 * ```
 */
export class Usim {
  readonly #milenage: Milenage;
  readonly #seqByInd = new Array<number>(IND_SLOTS).fill(0);
  #highestSqn = 0;

  constructor(k: Buffer | string, opc: Buffer | string) {
    this.#milenage = new Milenage(k, opc);
  }

  /** The highest SQN this USIM accepted so far (SQN_MS). */
  get highestAcceptedSqn(): number {
    return this.#highestSqn;
  }

  /**
   * Verifies AUTN and answers the challenge.
   *
   * @param rand 32 hex digits; @param autn 32 hex digits.
   */
  authenticate(rand: string, autn: string): ChallengeAnswer {
    const randBytes = Buffer.from(rand, 'hex');
    const autnBytes = Buffer.from(autn, 'hex');
    const { res, ck, ik, ak } = this.#milenage.f2345(randBytes);
    const sqnBytes = bytes.xor(autnBytes.subarray(0, 6), ak);
    const amf = autnBytes.subarray(6, 8);
    // f1 needs SQN, which AK conceals, so it is a second pass over TEMP.
    const { macA } = this.#milenage.f1(randBytes, sqnBytes, amf);
    if (!macA.equals(autnBytes.subarray(8, 16))) return { kind: 'mac-failure' };

    const sqn = sqnFromBytes(sqnBytes);
    if (!this.#isFresh(sqn)) return { kind: 'sync-failure', auts: this.#auts(randBytes) };
    const { seq, ind } = splitSqn(sqn);
    this.#seqByInd[ind] = seq;
    this.#highestSqn = Math.max(this.#highestSqn, sqn);
    return { kind: 'response', res: res.toString('hex'), ck: ck.toString('hex'), ik: ik.toString('hex') };
  }

  /** Forces the stored SEQ of one slot, e.g. to set up a resynchronisation test. */
  setSqn(sqn: number): void {
    const { seq, ind } = splitSqn(sqn);
    this.#seqByInd[ind] = seq;
    this.#highestSqn = Math.max(...this.#seqByInd.map((s, i) => sqnOf(s, i)));
  }

  // TS 33.102 C.2.2: SEQ must be above the slot's SEQ and not too far ahead of the highest.
  #isFresh(sqn: number): boolean {
    const { seq, ind } = splitSqn(sqn);
    const highestSeq = splitSqn(this.#highestSqn).seq;
    return seq > this.#seqByInd[ind]! && seq - highestSeq <= SEQ_DELTA;
  }

  // AUTS = (SQN_MS xor AK*) || MAC-S, MAC-S computed with the dummy AMF 0000 (TS 33.102 §6.3.3).
  #auts(rand: Buffer): string {
    const sqnMs = sqnToBytes(this.#highestSqn);
    const akStar = this.#milenage.f5star(rand);
    const { macS } = this.#milenage.f1(rand, sqnMs, Buffer.alloc(2));
    return Buffer.concat([bytes.xor(sqnMs, akStar), macS]).toString('hex');
  }
}
