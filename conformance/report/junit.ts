import { hostname } from 'node:os';
import type { SuiteRun } from '../core/suite-run.js';
import type { Comparison } from './compare-results.js';
import { reportedOutcome } from './outcome-of-case.js';

/**
 * A run as JUnit XML, in the shape Playwright's JUnit reporter writes: one
 * `<testsuite>` with the implementation under test as properties, one
 * `<testcase>` a case named `<id>: <title>`, with `<failure>` (the
 * procedure and the expectation) or `<skipped>` (why, or the known failure).
 *
 * @example
 * ```ts
 * writeFileSync('junit.xml', junitXml(run, comparison));
 * ```
 */
export function junitXml(run: SuiteRun, comparison?: Comparison): string {
  const outcomes = run.cases.map((c) =>
    reportedOutcome(
      c,
      comparison?.cases.find((x) => x.id === c.id),
    ),
  );
  const failures = outcomes.filter((o) => o.status === 'failed').length;
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const properties = Object.entries({
    ...run.implementation,
    role: run.role,
    contract: `${run.implementation.contract.name} ${run.implementation.contract.version}`,
  })
    .filter(([, v]) => typeof v === 'string')
    .map(([name, value]) => `      <property name="${xml(name)}" value="${xml(String(value))}"/>`);
  const cases = run.cases.map((c, i) => {
    const outcome = outcomes[i]!;
    const open = `    <testcase name="${xml(`${c.id}: ${c.title}`)}" classname="${xml(`${run.role}.${c.id.split('-').slice(0, 2).join('-')}`)}" time="${seconds(c.stop - c.start)}"`;
    if (outcome.status === 'passed') return `${open}>\n    </testcase>`;
    const tag =
      outcome.status === 'failed'
        ? `<failure message="${xml(outcome.message ?? '')}" type="${xml(c.procedure)}">${xml(outcome.message ?? '')}</failure>`
        : `<skipped message="${xml(outcome.message ?? '')}"/>`;
    return `${open}>\n      ${tag}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites id="" name="${xml(run.suite)}" tests="${run.cases.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds(run.stop - run.start)}">`,
    `  <testsuite name="${xml(`${run.suite}: ${run.implementation.target}`)}" timestamp="${new Date(run.start).toISOString()}" hostname="${xml(hostname())}" tests="${run.cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds(run.stop - run.start)}" errors="0">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}
