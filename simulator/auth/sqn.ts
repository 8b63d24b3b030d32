/**
 * Sequence numbers for authentication (3GPP TS 33.102 Annex C.1/C.2):
 * SQN is 48 bits, SEQ in the top 43 and IND in the low 5. The home network
 * advances SEQ by one per vector (SQN by 32); the USIM keeps the highest SEQ
 * it accepted for each IND slot.
 *
 * @module
 */

/** Bits of IND, the index of the USIM's SEQ array (osmo-hlr and TS 33.102 use 5). */
export const IND_BITS = 5;
/** Slots in the USIM's SEQ array. */
export const IND_SLOTS = 1 << IND_BITS;
/** Δ of TS 33.102 C.2.1: the largest step forward in SEQ a USIM accepts (2^28). */
export const SEQ_DELTA = 2 ** 28;
const SQN_MAX = 2 ** 48;

/** Builds the 48-bit SQN from SEQ and IND. */
export function sqnOf(seq: number, ind: number): number {
  return seq * IND_SLOTS + (ind % IND_SLOTS);
}

/** Splits a 48-bit SQN into SEQ and IND. */
export function splitSqn(sqn: number): { seq: number; ind: number } {
  return { seq: Math.floor(sqn / IND_SLOTS), ind: sqn % IND_SLOTS };
}

/** SQN as the 6 big-endian bytes used on the air. */
export function sqnToBytes(sqn: number): Buffer {
  if (!Number.isSafeInteger(sqn) || sqn < 0 || sqn >= SQN_MAX) throw new RangeError(`SQN ${sqn} is not a 48-bit unsigned integer`);
  const out = Buffer.alloc(6);
  out.writeUIntBE(sqn, 0, 6);
  return out;
}

/** SQN from its 6 big-endian bytes. */
export function sqnFromBytes(bytes: Buffer): number {
  return bytes.readUIntBE(0, 6);
}
