import type { RatingEngine } from '../../../simulator/billing/rating.js';
import { reconcile, type Reconciliation, type ReconcileTolerance } from '../../../simulator/billing/reconcile.js';
import type { UsageRecord } from '../../../simulator/billing/usage-record.js';
import type { PlmnId } from '../../../simulator/plmn.js';
import { tapRecords, type TapRecord } from './tap-usage.js';

/** One TAP record traced to the test case and call event that caused it (what TD.41 certification asks for). */
export interface TapCrossReference {
  readonly file: string;
  readonly index: number;
  readonly recordId: string;
  /** The test case whose usage this record bills; empty when ground truth has no such usage. */
  readonly testCase: string;
  /** The call event (procedure correlation id) that caused it; empty when unknown. */
  readonly correlationId: string;
  readonly sessionId: string;
  /** Empty when the record bills its usage right. */
  readonly problems: readonly string[];
}

/** A file's own consistency: its audit totals against the sum of its records. */
export interface TapFileCheck {
  readonly file: string;
  readonly kind: 'transferBatch' | 'notification';
  readonly records: number;
  readonly problems: readonly string[];
  /** Fields the decoder did not know, by path. */
  readonly unknownFields: readonly string[];
}

/** Reconciliation from TAP files alone, with the cross-reference of every record. */
export interface TapReconciliation extends Reconciliation {
  readonly crossReferences: readonly TapCrossReference[];
  readonly files: readonly TapFileCheck[];
}

/**
 * Reconciles ground truth against TAP files alone: this harness's, or
 * another system's (records without `roam:session=` pair by content). Each
 * TAP record is traced to the test case and the call event that caused it,
 * and each file's audit totals are checked against its records; a file
 * whose totals do not add up makes the reconciliation unclean.
 *
 * @example
 * ```ts
 * const report = await reconcileTapFiles(sim.journal.records, files, { rating, testCase: 'BILL-01' });
 * report.crossReferences // [{ file: 'TDFRAF1DEUD100001', index: 1, testCase: 'BILL-01', correlationId: 'call-3', ... }]
 * ```
 */
export async function reconcileTapFiles(
  truth: readonly UsageRecord[],
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  options: {
    readonly rating: RatingEngine;
    readonly tolerance?: ReconcileTolerance;
    /** The test case each ground-truth record belongs to. */
    readonly testCase: string | ((truth: UsageRecord) => string);
    readonly tadig?: Readonly<Record<string, string>>;
    readonly home?: PlmnId;
  },
): Promise<TapReconciliation> {
  const { decodeTapFile } = await import('../../../protocols/tap3/tap3-decode.js');
  const records: TapRecord[] = [];
  const checks: TapFileCheck[] = [];
  for (const { name, bytes } of files) {
    const file = await decodeTapFile(bytes, name);
    const mine = tapRecords(file, name, {
      ...(options.tadig ? { tadig: options.tadig } : {}),
      ...(options.home ? { home: options.home } : {}),
    });
    records.push(...mine);
    const problems: string[] = [];
    if (file.kind === 'transferBatch') {
      const sum = mine.reduce((total, r) => total + r.billed.amount, 0);
      if (Math.abs(sum - file.audit.totalCharge) > 1e-6)
        problems.push(`audit total charge ${file.audit.totalCharge} but its records add up to ${Math.round(sum * 1e6) / 1e6}`);
      if (file.audit.callEventDetailsCount !== file.callEvents.length) {
        problems.push(`audit counts ${file.audit.callEventDetailsCount} call events but the file has ${file.callEvents.length}`);
      }
    }
    checks.push({ file: name, kind: file.kind, records: mine.length, problems, unknownFields: file.notes.unknownFields });
  }
  const base = reconcile(
    truth,
    records.map((r) => r.billed),
    {
      rating: options.rating,
      ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    },
  );
  const pairOf = new Map(base.pairs.map((p) => [p.billed, p]));
  const duplicateOf = new Map(base.duplicated.flatMap((d) => d.billed.map((b) => [b, d.truth] as const)));
  const caseOf = (t: UsageRecord) => (typeof options.testCase === 'string' ? options.testCase : options.testCase(t));
  const crossReferences = records.map((r): TapCrossReference => {
    const pair = pairOf.get(r.billed);
    const truthRecord = pair?.truth ?? duplicateOf.get(r.billed);
    const problems = pair ? pair.problems : truthRecord ? ['billed more than once'] : ['ground truth has no such usage'];
    return {
      file: r.file,
      index: r.index,
      recordId: r.billed.recordId,
      testCase: truthRecord ? caseOf(truthRecord) : '',
      correlationId: truthRecord?.correlationId ?? '',
      sessionId: truthRecord?.sessionId ?? r.billed.sessionId,
      problems,
    };
  });
  const fileLines = checks.flatMap((c) => c.problems.map((p) => `  audit: ${c.file}: ${p}`));
  const xref = crossReferences.map(
    (x) =>
      `  ${x.recordId} -> ${x.testCase ? `test ${x.testCase}, call event ${x.correlationId || '(none)'}` : '(no test case)'}${x.problems.length ? `: ${x.problems.join('; ')}` : ''}`,
  );
  const [head, ...rest] = base.summary.split('\n');
  const summary = [head, ...fileLines, ...rest, `cross-references (${crossReferences.length} TAP records):`, ...xref].join('\n');
  return { ...base, clean: base.clean && checks.every((c) => c.problems.length === 0), summary, crossReferences, files: checks };
}
