/**
 * The Gilbert-Elliott model of bursty loss: a two-state Markov chain. In the
 * good state a transmission is lost with probability `goodLoss`, in the bad
 * state (a burst) with `badLoss`; the chain moves good → bad with
 * probability `enter` and bad → good with `exit` before every transmission.
 * With `enter` 0 it is plain independent loss at `goodLoss`.
 *
 * @module
 */
import type { Random } from './random-source.js';

/** Probabilities in [0, 1]. */
export interface GilbertElliottParameters {
  readonly goodLoss: number;
  readonly badLoss: number;
  readonly enter: number;
  readonly exit: number;
}

/**
 * One chain, shared by every connection of a toxic, so a burst hits
 * consecutive requests whichever connection carries them.
 *
 * @example
 * ```ts
 * const chain = new GilbertElliott({ goodLoss: 0, badLoss: 1, enter: 0.01, exit: 0.33 }, Math.random);
 * chain.transmit(); // true if this one is lost
 * ```
 */
export class GilbertElliott {
  readonly #p: GilbertElliottParameters;
  readonly #random: Random;
  #bad = false;

  constructor(parameters: GilbertElliottParameters, random: Random) {
    this.#p = parameters;
    this.#random = random;
  }

  /** Steps the chain once and rolls one transmission: true if it is lost. */
  transmit(): boolean {
    if (this.#bad ? this.#random() < this.#p.exit : this.#random() < this.#p.enter) this.#bad = !this.#bad;
    return this.#random() < (this.#bad ? this.#p.badLoss : this.#p.goodLoss);
  }
}

/**
 * The parameters for an average loss `loss` in bursts of `meanLength`
 * transmissions on average, losing `badLoss` inside a burst and `goodLoss`
 * outside (all probabilities).
 *
 * @example
 * ```ts
 * burstParameters(0.05, 3) // { goodLoss: 0, badLoss: 1, exit: 1/3, enter: ≈0.0175 }
 * ```
 */
export function burstParameters(loss: number, meanLength: number, badLoss = 1, goodLoss = 0): GilbertElliottParameters {
  const exit = 1 / meanLength;
  // Stationary share of the bad state that gives the average loss asked for.
  const bad = badLoss === goodLoss ? 0 : (loss - goodLoss) / (badLoss - goodLoss);
  const enter = bad >= 1 ? 1 : (bad * exit) / (1 - bad);
  return { goodLoss, badLoss, exit, enter: Math.min(Math.max(enter, 0), 1) };
}
