/** The in-toto Statement type this bundle's statement has. */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

/** in-toto's test-result predicate, which says how a test run went. */
export const TEST_RESULT_PREDICATE_TYPE = 'https://in-toto.io/attestation/test-result/v0.1';

/** An in-toto ResourceDescriptor: a file (or other thing) named, with digests and notes. */
export interface ResourceDescriptor {
  readonly name?: string;
  readonly uri?: string;
  readonly digest?: Readonly<Record<string, string>>;
  readonly mediaType?: string;
  readonly annotations?: Readonly<Record<string, unknown>>;
}

/** A subject of the statement: one file of the bundle, by path and SHA-256. */
export interface EvidenceSubject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

/** The outcome of a run: every test passed; some passed only with warnings (retried, skipped); or some failed. */
export type TestRunResult = 'PASSED' | 'WARNED' | 'FAILED';

/** The test-result predicate: the run's result, what configuration ran, and the tests by outcome. */
export interface TestResultPredicate {
  readonly result: TestRunResult;
  /** The configuration that ran: the spec files, `run.json` (world options, implementation under test, partners), `versions.json`. */
  readonly configuration: readonly ResourceDescriptor[];
  readonly url?: string;
  readonly passedTests: readonly string[];
  readonly warnedTests: readonly string[];
  readonly failedTests: readonly string[];
}

/** The statement a bundle carries, signed in its DSSE envelope. */
export interface EvidenceStatement {
  readonly _type: typeof IN_TOTO_STATEMENT_TYPE;
  readonly subject: readonly EvidenceSubject[];
  readonly predicateType: typeof TEST_RESULT_PREDICATE_TYPE;
  readonly predicate: TestResultPredicate;
}

/**
 * The exact bytes of a statement as signed and as written to
 * `statement.json`: indented JSON with a final newline, for people to read.
 *
 * @example
 * ```ts
 * writeFileSync('statement.json', statementBytes(statement));
 * ```
 */
export function statementBytes(statement: EvidenceStatement): Buffer {
  return Buffer.from(JSON.stringify(statement, null, 2) + '\n');
}

/**
 * Reads a statement from its bytes, or says in a few words why it is not
 * one of ours: in-toto v1, the test-result predicate, subjects each a
 * relative path with a SHA-256, none named twice.
 *
 * @example
 * ```ts
 * const statement = parseStatement(payload);
 * if (typeof statement === 'string') console.error(`the payload ${statement}`);
 * ```
 */
export function parseStatement(bytes: Buffer): EvidenceStatement | string {
  let value: Partial<Record<keyof EvidenceStatement, unknown>>;
  try {
    value = JSON.parse(bytes.toString('utf8')) as typeof value;
  } catch (error) {
    return `is not JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null) return 'is not a JSON object';
  if (value._type !== IN_TOTO_STATEMENT_TYPE) return `is not an in-toto v1 statement (_type ${JSON.stringify(value._type)})`;
  if (value.predicateType !== TEST_RESULT_PREDICATE_TYPE) {
    return `is not a test result (predicateType ${JSON.stringify(value.predicateType)}, not "${TEST_RESULT_PREDICATE_TYPE}")`;
  }
  if (!Array.isArray(value.subject)) return 'has no list of subjects';
  const seen = new Set<string>();
  for (const subject of value.subject as Partial<EvidenceSubject>[]) {
    const name = subject?.name;
    if (typeof name !== 'string' || typeof subject.digest?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(subject.digest.sha256)) {
      return `has a subject without a name and a SHA-256 (${JSON.stringify(subject).slice(0, 120)})`;
    }
    if (name.startsWith('/') || name.split('/').some((part) => part === '..' || part === '.' || part === '')) {
      return `names a file outside the bundle (${JSON.stringify(name)})`;
    }
    if (seen.has(name)) return `names ${JSON.stringify(name)} twice`;
    seen.add(name);
  }
  const predicate = value.predicate as Partial<TestResultPredicate> | undefined;
  if (!predicate || !['PASSED', 'WARNED', 'FAILED'].includes(predicate.result as string)) {
    return `has no test result (PASSED, WARNED or FAILED)`;
  }
  for (const list of ['passedTests', 'warnedTests', 'failedTests'] as const) {
    if (predicate[list] !== undefined && !Array.isArray(predicate[list])) return `has a ${list} that is not a list`;
  }
  return value as EvidenceStatement;
}
