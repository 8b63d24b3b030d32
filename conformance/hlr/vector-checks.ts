import type { AuthVector } from '../../simulator/auth/vector.js';
import { milenage } from '../../simulator/auth/index.js';
import type { TestSubscriber } from '../subscribers/test-subscriber.js';

/**
 * Why the SIM does not accept a vector, or undefined when it does: AUTN's
 * MAC verifies with the SIM's K, its SQN is fresh, and XRES, CK and IK are
 * what the SIM computes. Vectors are checked in the order given, as a VLR
 * uses them, so each must be fresher than the one before.
 */
export function vectorProblem(subscriber: TestSubscriber, vector: AuthVector, index: number): string | undefined {
  const answer = subscriber.usim.authenticate(vector.rand, vector.autn);
  if (answer.kind === 'mac-failure') return `vector ${index + 1}: AUTN's MAC does not verify with the SIM's K (MAC failure)`;
  if (answer.kind === 'sync-failure') return `vector ${index + 1}: the SIM finds its SQN stale (sync failure)`;
  if (answer.res !== vector.xres) return `vector ${index + 1}: XRES is not the RES the SIM computes`;
  if (answer.ck !== vector.ck || answer.ik !== vector.ik) return `vector ${index + 1}: CK or IK is not what the SIM computes`;
  return undefined;
}

/** The first problem of a batch, checked in order; undefined when the SIM accepts all of them. */
export function vectorsProblem(subscriber: TestSubscriber, vectors: readonly AuthVector[]): string | undefined {
  for (const [i, vector] of vectors.entries()) {
    const problem = vectorProblem(subscriber, vector, i);
    if (problem) return problem;
  }
  return undefined;
}

/** Why a vector's GSM values are not the TS 33.102 conversions (c2, c3) of its UMTS values, or undefined. */
export function gsmValuesProblem(vector: AuthVector, index: number): string | undefined {
  if (vector.sres !== milenage.sres(vector.xres)) return `vector ${index + 1}: SRES is not c2(XRES)`;
  if (vector.kc !== milenage.kc(vector.ck, vector.ik)) return `vector ${index + 1}: Kc is not c3(CK, IK)`;
  return undefined;
}

/** "3 vectors" / "1 vector". */
export function vectorCount(n: number): string {
  return `${n} vector${n === 1 ? '' : 's'}`;
}
