import { RatingEngine } from '../../simulator/billing/rating.js';
import type { RoamingSimulator } from '../../simulator/simulation/roaming-simulator.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { TapOutbox, writeTapFiles, type WrittenTapFile } from '../../mocks/billing/tap/tap-writer.js';
import { reconcileTapFiles, type TapReconciliation } from '../../mocks/billing/tap/tap-reconcile.js';

/**
 * What billing sends roaming partners after a simulated period: one TAP
 * 3.12 file per visited -> home pair (a transfer batch of the pair's billed
 * records, or a notification when it has none), marked as test data.
 *
 * @example
 * ```ts
 * const files = await tapFilesOf(sim, { createdAt: sim.clock.now() });
 * ```
 */
export async function tapFilesOf(
  sim: RoamingSimulator,
  options: { readonly createdAt: number; readonly outbox?: TapOutbox },
): Promise<WrittenTapFile[]> {
  const outbox = options.outbox ?? new TapOutbox();
  const billed = sim.billedRecords();
  const visited = sim.visitedNetworks.map((v) => v.plmn.id as PlmnId);
  const files: WrittenTapFile[] = [];
  for (const home of sim.homeNetworks)
    files.push(...(await writeTapFiles(billed, { home: home.plmn.id, visited, createdAt: options.createdAt }, outbox)));
  return files;
}

/** Reconciles the simulator's ground truth against TAP files alone, tracing every record to `testCase` and its call event. */
export function reconcileFromTap(
  sim: RoamingSimulator,
  files: readonly { name: string; bytes: Uint8Array }[],
  testCase: string,
): Promise<TapReconciliation> {
  return reconcileTapFiles(sim.journal.records, files, { rating: new RatingEngine(sim.agreements), testCase });
}
