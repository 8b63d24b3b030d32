import type { ConformanceRole, ConformanceSuite } from './core/conformance-case.js';
import { runSuite, type RunSuiteOptions } from './core/run-suite.js';
import type { ImplementationUnderTest, SuiteRun } from './core/suite-run.js';
import { hlrSuite } from './hlr/hlr-suite.js';
import { openHlrTarget } from './hlr/open-hlr-target.js';
import type { TargetOptions } from './targets/target-options.js';
import { billingSuite } from './billing/billing-suite.js';
import { openBillingTarget } from './billing/open-billing-target.js';
import { vlrSuite } from './vlr/vlr-suite.js';
import { openVlrTarget } from './vlr/open-vlr-target.js';

/** An implementation opened for a suite: what it is, and how to let it go. */
export interface OpenedTarget {
  readonly implementation: ImplementationUnderTest;
  /** How the suite gets its subscribers, said in the report (e.g. that the user provisioned them). */
  readonly subscribers?: { readonly statement: string };
  close(): Promise<void>;
}

/** A role's suite, ready to run against a target given as options. */
export interface RoleSuite {
  readonly role: ConformanceRole;
  readonly name: string;
  readonly caseIds: readonly string[];
  /** Opens the target, runs every case against it, and lets it go. */
  run(target: TargetOptions, options?: RunSuiteOptions): Promise<SuiteRun>;
}

/** Pairs a suite with the way to open its targets. */
export function roleSuite<T extends OpenedTarget>(suite: ConformanceSuite<T>, open: (options: TargetOptions) => Promise<T>): RoleSuite {
  return {
    role: suite.role,
    name: suite.name,
    caseIds: suite.cases.map((c) => c.id),
    async run(target, options = {}) {
      const opened = await open(target);
      try {
        const run = await runSuite(suite, opened, opened.implementation, options);
        return opened.subscribers ? { ...run, provisioning: opened.subscribers.statement } : run;
      } finally {
        await opened.close();
      }
    },
  };
}

/** Every role a suite certifies. */
export const ROLE_SUITES: Readonly<Record<ConformanceRole, RoleSuite>> = {
  hlr: roleSuite(hlrSuite, openHlrTarget),
  vlr: roleSuite(vlrSuite, openVlrTarget),
  billing: roleSuite(billingSuite, openBillingTarget),
};
