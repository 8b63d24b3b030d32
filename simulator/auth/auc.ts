import { RoamError } from '../../core/errors.js';
import { Milenage, bytes } from './milenage.js';
import { buildVectors, pooledRandomBytes, type AuthVector, type RandSource } from './vector.js';
import { IND_SLOTS, splitSqn, sqnFromBytes, sqnOf } from './sqn.js';

/** Why a resynchronisation request was refused. */
export class AutsRejectedError extends RoamError {
  constructor() {
    super('ROAM_AUTS_REJECTED', 'resynchronise SQN', 'MAC-S in AUTS does not verify with the stored K', {
      hint: 'The SIM is not the one provisioned (wrong K or OPc)',
    });
  }
}

/**
 * The home network's Authentication Centre for one subscriber: K, OPc and
 * SQN_HE. Generates vectors with fresh sequence numbers and handles AUTS
 * resynchronisation (TS 33.102 §6.3.5).
 */
export class AuthenticationCentre {
  readonly #milenage: Milenage;
  readonly #rand: RandSource | undefined;
  #seq: number;

  /**
   * @param initialSqn the SQN_HE to start from (its SEQ part is used).
   * @param options `rand`: where RANDs come from; `crypto.randomBytes` when omitted, a seeded source for repeatable runs.
   */
  constructor(k: Buffer | string, opc: Buffer | string, initialSqn = 0, options: { rand?: RandSource } = {}) {
    this.#milenage = new Milenage(k, opc);
    this.#seq = splitSqn(initialSqn).seq;
    this.#rand = options.rand;
  }

  /** The SEQ of the last vector generated. */
  get seq(): number {
    return this.#seq;
  }

  /**
   * Generates `count` vectors, each with the next SEQ, in one batch.
   *
   * @param ind the IND slot, conventionally one per serving VLR.
   * @param options `rand`: explicit RANDs, one per vector (test data).
   */
  generate(count: number, ind = 0, options: { rand?: Buffer[] } = {}): AuthVector[] {
    const sqns: number[] = [];
    for (let i = 0; i < count; i++) sqns.push(sqnOf(++this.#seq, ind % IND_SLOTS));
    const given = options.rand;
    const rand: RandSource | undefined = given
      ? (n) => Buffer.concat(sqns.map((_, i) => given[i] ?? this.#randomBytes(16))).subarray(0, n)
      : this.#rand;
    return buildVectors(this.#milenage, sqns, rand ? { rand } : {});
  }

  #randomBytes(n: number): Buffer {
    return this.#rand ? this.#rand(n) : pooledRandomBytes(n);
  }

  /**
   * Verifies AUTS from the SIM and moves SQN_HE to SQN_MS, so the next
   * vectors are fresh for that SIM.
   *
   * @throws {AutsRejectedError} when MAC-S does not verify.
   */
  resynchronise(rand: string, auts: string): void {
    const randBytes = Buffer.from(rand, 'hex');
    const autsBytes = Buffer.from(auts, 'hex');
    const akStar = this.#milenage.f5star(randBytes);
    const sqnMs = bytes.xor(autsBytes.subarray(0, 6), akStar);
    const { macS } = this.#milenage.f1(randBytes, sqnMs, Buffer.alloc(2));
    if (!macS.equals(autsBytes.subarray(6, 14))) throw new AutsRejectedError();
    this.#seq = splitSqn(sqnFromBytes(sqnMs)).seq;
  }
}
