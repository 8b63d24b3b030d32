import * as allure from 'allure-js-commons';

/** What a run was made of, shown as Allure parameters so reruns can be compared. */
export interface RunParameters {
  /** The seed of subscriber generation and randomness. */
  readonly seed?: number | string;
  /** `real` (networked) or `virtual` (discrete-event). */
  readonly clock?: string;
  /** e.g. `mock` or `osmo-hlr 1.8.0`. */
  readonly hlrBackend?: string;
  /** e.g. `embedded`, `external`, `container`. */
  readonly chaosBackend?: string;
  /** Faults in effect, e.g. the chaos fixture's `active()`. */
  readonly activeFaults?: readonly { readonly link: string; readonly description: string }[];
}

/**
 * Records a run's seed, clock, backends and active faults as parameters of
 * the running test. The seed is a parameter that is excluded from the
 * history id, so trends follow the scenario across seeds.
 *
 * @example
 * ```ts
 * await describeRun({ seed: 42, clock: 'real', hlrBackend: 'mock', chaosBackend: 'embedded', activeFaults: chaos.active() });
 * ```
 */
export async function describeRun(run: RunParameters): Promise<void> {
  if (run.seed !== undefined) await allure.parameter('seed', String(run.seed), { excluded: true });
  if (run.clock) await allure.parameter('clock', run.clock);
  if (run.hlrBackend) await allure.parameter('HLR backend', run.hlrBackend);
  if (run.chaosBackend) await allure.parameter('chaos backend', run.chaosBackend);
  if (run.activeFaults) {
    const faults = run.activeFaults.map((f) => `${f.link}: ${f.description}`).join('; ');
    await allure.parameter('active faults', faults || 'none', { excluded: true });
  }
}
