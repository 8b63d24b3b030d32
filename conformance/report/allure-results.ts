import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteRun } from '../core/suite-run.js';
import type { Comparison } from './compare-results.js';
import { reportedOutcome } from './outcome-of-case.js';

/**
 * Writes a run as Allure results (`<uuid>-result.json`, one a case, and
 * `environment.properties`) into `dir`, the format `allure generate` and
 * `roam report` read. History ids are stable per role and case id, so
 * Allure's history follows a case across runs.
 *
 * @returns the files written.
 */
export function writeAllureResults(dir: string, run: SuiteRun, comparison?: Comparison): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const result of run.cases) {
    const compared = comparison?.cases.find((c) => c.id === result.id);
    const outcome = reportedOutcome(result, compared);
    const uuid = randomUUID();
    const body = {
      uuid,
      historyId: createHash('md5').update(`${run.role}:${result.id}`).digest('hex'),
      testCaseId: createHash('md5').update(`roam-conformance:${run.role}:${result.id}`).digest('hex'),
      name: `${result.id}: ${result.title}`,
      fullName: `${run.suite}: ${result.id}`,
      status: outcome.status,
      statusDetails: outcome.message ? { message: outcome.message, known: compared?.verdict === 'xfail' } : {},
      stage: 'finished',
      start: result.start,
      stop: result.stop,
      description: `Procedure: ${result.procedure}\n\nExpectation: ${result.expectation}${result.notes.length ? `\n\nNotes: ${result.notes.join('; ')}` : ''}`,
      labels: [
        { name: 'suite', value: run.suite },
        { name: 'parentSuite', value: 'conformance' },
        { name: 'feature', value: result.procedure },
        { name: 'tag', value: run.role },
        { name: 'tag', value: compared ? compared.verdict : 'no-baseline' },
        ...(run.implementation.partner ? [{ name: 'partner', value: run.implementation.partner }] : []),
      ],
      parameters: [
        { name: 'target', value: run.implementation.target },
        { name: 'contract', value: `${run.implementation.contract.name} ${run.implementation.contract.version}` },
      ],
      links: [],
      steps: [],
      attachments: [],
    };
    const file = join(dir, `${uuid}-result.json`);
    writeFileSync(file, JSON.stringify(body, null, 2));
    written.push(file);
  }
  const environment = join(dir, 'environment.properties');
  const implementation = run.implementation;
  writeFileSync(
    environment,
    Object.entries({
      role: run.role,
      target: implementation.target,
      protocol: implementation.protocol,
      implementation: implementation.implementation ?? '(not exposed)',
      version: implementation.version ?? '(not exposed)',
      contract: `${implementation.contract.name} ${implementation.contract.version}`,
      ...(implementation.partner ? { partner: implementation.partner } : {}),
    })
      .map(([k, v]) => `${k}=${v.replace(/\n/g, ' ')}`)
      .join('\n') + '\n',
  );
  written.push(environment);
  return written;
}
