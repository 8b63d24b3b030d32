import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildEvidence, type BuiltEvidence } from '../reporters/evidence/build-evidence.js';
import { tadigProblem } from '../reporters/evidence/evidence-statement.js';
import type { EvidenceSigningKey } from '../reporters/evidence/signing-keys.js';
import type { ConformanceRole } from './core/conformance-case.js';
import type { CaseResult, SuiteRun } from './core/suite-run.js';
import { baselineOf, readBaseline, writeBaseline, type Baseline } from './report/baseline.js';
import { compareWithBaseline, formatComparison, type Comparison } from './report/compare-results.js';
import { writeAllureResults } from './report/allure-results.js';
import { junitXml } from './report/junit.js';
import { ROLE_SUITES } from './roles.js';
import { TargetSetupError, type TargetOptions } from './targets/target-options.js';
import { assertTargetReachable } from './targets/target-reachable.js';

/** What `roam certify` does: run a role's suite against a target, and write what a partner and CI need. */
export interface CertifyOptions extends TargetOptions {
  readonly role: ConformanceRole;
  /** Where JUnit, Allure results and the evidence bundle go; must be new or empty unless `replace`. */
  readonly outputDir: string;
  /** Compare with this baseline (expected results per case). */
  readonly baseline?: string;
  /** Write the run as the new baseline at this path (the known failures keep their reasons). */
  readonly updateBaseline?: string;
  /** A NEW case that fails does not fail the gate. */
  readonly allowNewFailures?: boolean;
  /** Keys that sign the evidence; none: unsigned, and the result says so. */
  readonly signers?: readonly EvidenceSigningKey[];
  /** Only cases whose id matches. */
  readonly only?: RegExp;
  /** Also pack the evidence as `.tar.gz` (default true). */
  readonly archive?: boolean;
  readonly replace?: boolean;
  /** Told of each case as it ends. */
  readonly onCase?: (result: CaseResult) => void;
}

/** What a certification run produced. */
export interface CertifyResult {
  readonly run: SuiteRun;
  readonly comparison: Comparison;
  /** The comparison as a terminal shows it (every case NEW without a baseline). */
  readonly comparisonText: string;
  readonly junit: string;
  readonly allureResults: string;
  readonly evidence: BuiltEvidence;
  readonly baselineWritten?: string;
  /** 0 when the gate passed (no regression against the baseline; with none, no failure), else 1. */
  readonly exitCode: 0 | 1;
}

/**
 * Runs the suite of `role` against `target` and writes `junit.xml`,
 * `allure-results/` and an evidence bundle (`evidence/`, `evidence.tar.gz`)
 * naming the implementation under test, its version where it says, the
 * contract and the partner. With a baseline, known failures are reported
 * as such and only regressions fail the gate.
 *
 * @throws {TargetSetupError} for a bad partner code or an output folder in use; errors of the target's setup.
 * @example
 * ```ts
 * const result = await certify({ role: 'hlr', target: 'http://127.0.0.1:7001', outputDir: 'certify/hlr', partner: 'DEUEX' });
 * process.exitCode = result.exitCode;
 * ```
 */
export async function certify(options: CertifyOptions): Promise<CertifyResult> {
  const problem = options.partner !== undefined ? tadigProblem('partner', options.partner) : undefined;
  if (problem) throw new TargetSetupError(options.target, problem, "Use the partner's TADIG code from the roaming agreement, e.g. DEUEX");
  const previous: Baseline | undefined = options.baseline ? readBaseline(options.baseline) : undefined;
  // Before the output folder is touched: a target that is down leaves nothing behind.
  await assertTargetReachable(options.target);
  const dir = resolve(options.outputDir);
  prepare(dir, options.replace ?? false);

  const suite = ROLE_SUITES[options.role];
  const run = await suite.run(options, {
    ...(options.only ? { only: options.only } : {}),
    ...(options.onCase ? { onCase: options.onCase } : {}),
  });
  const comparison = compareWithBaseline(run, previous ?? undefined, { allowNewFailures: options.allowNewFailures ?? false });
  const junit = join(dir, 'junit.xml');
  writeFileSync(junit, junitXml(run, previous ? comparison : undefined));
  const allureResults = join(dir, 'allure-results');
  writeAllureResults(allureResults, run, previous ? comparison : undefined);
  const compared = join(dir, 'comparison.txt');
  const comparisonText = formatComparison(comparison);
  writeFileSync(compared, comparisonText);

  const implementation = run.implementation;
  const evidence = await buildEvidence({
    outputDir: join(dir, 'evidence'),
    sources: { results: [junit, allureResults, compared] },
    run: {
      suite: run.suite,
      role: run.role,
      cases: run.cases.length,
      ...(run.provisioning ? { subscribers: run.provisioning } : {}),
      started: new Date(run.start).toISOString(),
      finished: new Date(run.stop).toISOString(),
      ...(options.baseline ? { baseline: options.baseline, gate: comparison.gatePassed ? 'passed' : 'failed' } : {}),
    },
    implementation: {
      role: implementation.role,
      target: implementation.target,
      protocol: implementation.protocol,
      implementation: implementation.implementation ?? '(not exposed by the target)',
      version: implementation.version ?? '(not exposed by the target)',
      contract: implementation.contract.name,
      contractVersion: implementation.contract.version,
      ...(implementation.partner ? { partner: implementation.partner } : {}),
    },
    partners: implementation.partner ? { partner: [implementation.partner] } : {},
    signers: options.signers ?? [],
    ...(options.archive === false ? { archive: false as const } : {}),
  });
  let baselineWritten: string | undefined;
  if (options.updateBaseline) {
    writeBaseline(options.updateBaseline, baselineOf(run, previous));
    baselineWritten = options.updateBaseline;
  }
  const failed = run.cases.some((c) => c.status === 'failed');
  const exitCode = (previous ? comparison.gatePassed : !failed) ? 0 : 1;
  return { run, comparison, comparisonText, junit, allureResults, evidence, ...(baselineWritten ? { baselineWritten } : {}), exitCode };
}

function prepare(dir: string, replace: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!replace) {
      throw new TargetSetupError(dir, 'the output folder exists and is not empty', 'Choose a new --output folder, or pass --replace');
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}
