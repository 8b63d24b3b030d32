import { pairingCost, type RecordComparison } from './record-comparison.js';
import type { BilledRecord } from './usage-collector.js';
import { startSpan, type UsageRecord } from './usage-record.js';

/** A ground-truth record and the one billed record paired with it. */
export interface RecordPair {
  readonly truth: UsageRecord;
  readonly billed: BilledRecord;
  readonly comparison: RecordComparison;
}

/** The one-to-one pairing of ground truth with billed records, and what is left on each side. */
export interface Pairing {
  readonly pairs: readonly RecordPair[];
  readonly unpairedTruth: readonly UsageRecord[];
  readonly unpairedBilled: readonly BilledRecord[];
}

interface Candidate {
  readonly t: number;
  readonly b: number;
  readonly comparison: RecordComparison;
  readonly cost: number;
}

/**
 * Pairs ground truth with billed records one to one: a billed record pays
 * for at most one usage, and a usage is paid by at most one billed record.
 *
 * First by reference: records that name the same charging session are
 * candidates, and the closest in content wins (two calls under one reused
 * session id get one CDR between them, not one each). Then by content,
 * for what is left, except bills naming a session ground truth knows: the same service, starts that meet within `startSlackMs`,
 * and either the same subscriber or the same network and amount (so usage
 * billed to the wrong subscriber is still found, and billing systems that
 * name sessions their own way, such as TAP files, still pair).
 */
export function pairRecords(
  truth: readonly UsageRecord[],
  billed: readonly BilledRecord[],
  compare: (truth: UsageRecord, billed: BilledRecord) => RecordComparison,
  startSlackMs: number,
): Pairing {
  const truthTaken = new Array<boolean>(truth.length).fill(false);
  const billedTaken = new Array<boolean>(billed.length).fill(false);
  const pairs: RecordPair[] = [];
  const take = (candidates: Candidate[]) => {
    candidates.sort((x, y) => x.cost - y.cost || x.t - y.t || x.b - y.b);
    for (const c of candidates) {
      if (truthTaken[c.t] || billedTaken[c.b]) continue;
      truthTaken[c.t] = billedTaken[c.b] = true;
      pairs.push({ truth: truth[c.t]!, billed: billed[c.b]!, comparison: c.comparison });
    }
  };

  // 1. By the session both name.
  const billedBySession = new Map<string, number[]>();
  billed.forEach((b, i) => billedBySession.set(b.sessionId, [...(billedBySession.get(b.sessionId) ?? []), i]));
  const bySession: Candidate[] = [];
  truth.forEach((t, ti) => {
    for (const bi of billedBySession.get(t.sessionId) ?? []) bySession.push(candidate(ti, bi, compare(t, billed[bi]!)));
  });
  take(bySession);

  // 2. By content, among what is left. A bill naming a session ground truth knows stays with that
  // session (a second bill for it is a duplicate), and is not moved to another usage.
  const truthSessions = new Set(truth.map((t) => t.sessionId));
  const left = billed
    .map((b, i) => ({ b, i, span: startSpan(b) }))
    .filter(({ b, i }) => !billedTaken[i] && !truthSessions.has(b.sessionId));
  left.sort((x, y) => x.span[0] - y.span[0]);
  const widest = left.reduce((w, { span }) => Math.max(w, span[1] - span[0]), 0);
  const byContent: Candidate[] = [];
  truth.forEach((t, ti) => {
    if (truthTaken[ti]) return;
    const [from, to] = startSpan(t);
    const lowest = from - startSlackMs - widest;
    for (let k = lowerBound(left, lowest); k < left.length && left[k]!.span[0] <= to + startSlackMs; k++) {
      const { b, i } = left[k]!;
      if (b.service !== t.service) continue;
      const comparison = compare(t, b);
      if (comparison.rating.some((p) => p.startsWith('started '))) continue;
      const sameSubscriber = comparison.subscriber.length === 0;
      const sameUsage =
        comparison.network.length === 0 && !comparison.rating.some((p) => / instead of /.test(p) && !p.startsWith('tariff'));
      if (sameSubscriber || sameUsage) byContent.push(candidate(ti, i, comparison));
    }
  });
  take(byContent);

  return {
    pairs,
    unpairedTruth: truth.filter((_, i) => !truthTaken[i]),
    unpairedBilled: billed.filter((_, i) => !billedTaken[i]),
  };
}

function candidate(t: number, b: number, comparison: RecordComparison): Candidate {
  return { t, b, comparison, cost: pairingCost(comparison) };
}

function lowerBound(sorted: readonly { span: readonly [number, number] }[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.span[0] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
