import { parseKey128 } from './identity.js';

const REDACTED = '[redacted]';

/**
 * A SIM's long-term secrets, K and OPc. Held in private fields so that
 * `JSON.stringify`, `console.log`, Playwright's error printing and Allure
 * attachments see `[redacted]`, never the key. Only {@link SimCredentials.reveal}
 * hands the values out, for provisioning an HLR.
 */
export class SimCredentials {
  readonly #k: Buffer;
  readonly #opc: Buffer;

  /** @param k 32 hex digits or 16 bytes; @param opc 32 hex digits or 16 bytes. */
  constructor(k: string | Buffer, opc: string | Buffer) {
    this.#k = parseKey128('K', k);
    this.#opc = parseKey128('OPc', opc);
  }

  /** The secrets as lowercase hex, for provisioning. Never log what this returns. */
  reveal(): { readonly k: string; readonly opc: string } {
    return { k: this.#k.toString('hex'), opc: this.#opc.toString('hex') };
  }

  /** Whether two SIMs share K and OPc (a clone), compared in constant time. */
  sameKeysAs(other: SimCredentials): boolean {
    const mine = Buffer.concat([this.#k, this.#opc]);
    const theirs = Buffer.from(other.reveal().k + other.reveal().opc, 'hex');
    let diff = 0;
    for (let i = 0; i < mine.length; i++) diff |= mine[i]! ^ theirs[i]!;
    return diff === 0;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SimCredentials ${REDACTED}`;
  }
}
