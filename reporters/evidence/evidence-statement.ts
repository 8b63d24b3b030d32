import { join } from 'node:path';
import type { ManifestEntry } from './manifest.js';
import { IN_TOTO_STATEMENT_TYPE, TEST_RESULT_PREDICATE_TYPE, type EvidenceStatement, type ResourceDescriptor } from './statement.js';
import { readTestOutcomes, runResultOf } from './test-outcomes.js';

/** What `run.json` holds: the world options, the implementation under test and the partners, by TADIG code. */
export interface RunDescription {
  /** Seed, clock, backends, start and end... as the run gave them. */
  readonly world: Readonly<Record<string, unknown>>;
  /** Which implementation of each element was tested, e.g. `{ hlr: 'osmo-hlr 1.8.0' }`. */
  readonly implementationUnderTest: Readonly<Record<string, string>>;
  /** Partners' TADIG codes by role, e.g. `{ home: ['DEUEX'], visited: ['FRAEX'] }`. */
  readonly partners: Readonly<Record<string, readonly string[]>>;
}

/**
 * The in-toto statement of a bundle: every file a subject (path and
 * SHA-256); the test-result predicate read from the bundled results, with
 * the configuration that ran: each spec file, `run.json` and
 * `versions.json` by digest, their content repeated as annotations so the
 * statement reads on its own.
 *
 * @example
 * ```ts
 * const statement = evidenceStatement('evidence/run-42', files, run, versions);
 * ```
 */
export function evidenceStatement(
  bundleDir: string,
  files: readonly ManifestEntry[],
  run: RunDescription,
  versions: Readonly<Record<string, string>>,
): EvidenceStatement {
  const outcomes = readTestOutcomes(join(bundleDir, 'results'));
  const descriptor = (file: ManifestEntry, mediaType: string, annotations?: Readonly<Record<string, unknown>>): ResourceDescriptor => ({
    name: file.path,
    digest: { sha256: file.sha256 },
    mediaType,
    ...(annotations ? { annotations } : {}),
  });
  const byPath = new Map(files.map((f) => [f.path, f]));
  const configuration: ResourceDescriptor[] = [
    ...files
      .filter((f) => f.path.startsWith('specs/'))
      .map((f) => descriptor(f, /\.ya?ml$/.test(f.path) ? 'application/yaml' : 'text/plain')),
    descriptor(byPath.get('run.json')!, 'application/json', { ...run }),
    descriptor(byPath.get('versions.json')!, 'application/json', versions),
  ];
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: files.map((f) => ({ name: f.path, digest: { sha256: f.sha256 } })),
    predicateType: TEST_RESULT_PREDICATE_TYPE,
    predicate: {
      result: runResultOf(outcomes),
      configuration,
      passedTests: outcomes.passed,
      warnedTests: outcomes.warned,
      failedTests: outcomes.failed,
    },
  };
}

/**
 * Checks partners' TADIG codes: five characters, the first three letters
 * (an ISO 3166 country code), the last two letters or digits (the operator).
 * Returns what is wrong, or `undefined`.
 *
 * @example
 * ```ts
 * tadigProblem('visited', 'FRAF1') // undefined
 * ```
 */
export function tadigProblem(role: string, code: string): string | undefined {
  if (!/^[A-Z]{3}[A-Z0-9]{2}$/.test(code)) {
    return `the ${role} partner's TADIG code ${JSON.stringify(code)} is not 5 characters: 3 capital letters (the country) and 2 capital letters or digits (the operator)`;
  }
  return undefined;
}
