import type { CaseContext } from './case-context.js';

/** The roles a conformance suite certifies. */
export type ConformanceRole = 'hlr' | 'vlr' | 'billing';

/**
 * One conformance test case, in the manner of Osmocom's TTCN-3 suites: a
 * stable id, the procedure it drives, and the expectation the contract
 * sets. A failure names both, so a report reads without the code.
 */
export interface ConformanceCase<T> {
  /** Stable across versions, e.g. `HLR-AUTH-01`: baselines key on it. */
  readonly id: string;
  /** One line, e.g. `SendAuthInfo for a provisioned IMSI returns vectors the SIM accepts`. */
  readonly title: string;
  /** The procedure driven, e.g. `SendAuthInfo for a provisioned IMSI`. */
  readonly procedure: string;
  /** What the contract expects, e.g. `1..5 vectors whose AUTN verifies with the SIM's K`. */
  readonly expectation: string;
  /** Drives the implementation under test; a failed check throws through the context. */
  run(target: T, context: CaseContext): Promise<void>;
}

/** A suite: the cases of one role, against the contract of that role. */
export interface ConformanceSuite<T> {
  readonly role: ConformanceRole;
  /** e.g. `HLR/HSS conformance`. */
  readonly name: string;
  readonly cases: readonly ConformanceCase<T>[];
}

/**
 * Declares a case; only a typed identity, so suites read as lists.
 *
 * @example
 * ```ts
 * export const unknownImsi = conformanceCase<HlrUnderTest>({ id: 'HLR-AUTH-07', title: '…', procedure: 'SendAuthInfo for an unknown IMSI', expectation: 'a refusal with IMSI_UNKNOWN', run: async (hlr, ctx) => { … } });
 * ```
 */
export function conformanceCase<T>(definition: ConformanceCase<T>): ConformanceCase<T> {
  return definition;
}
