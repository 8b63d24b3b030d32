import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './manifest.js';
import type { TestRunResult } from './statement.js';

/** The tests of a run by outcome, named as the run named them (a partner's test-case id first, e.g. `IR24-LU-01: …`). */
export interface TestOutcomes {
  readonly passed: readonly string[];
  /** Passed only after a retry, or skipped: neither a pass nor a failure to certify on. */
  readonly warned: readonly string[];
  readonly failed: readonly string[];
  /** Which results were read: `allure`, `playwright-json`, `junit`, or `none`. */
  readonly source: 'allure' | 'playwright-json' | 'junit' | 'none';
}

/**
 * The outcome of every test in a results folder, from the richest results
 * it holds: Allure results (`*-result.json`), else a Playwright JSON
 * report, else JUnit XML. Read from the bundle itself, so the statement
 * says what the bundled results say.
 *
 * @example
 * ```ts
 * const outcomes = readTestOutcomes('evidence/run-42/results');
 * ```
 */
export function readTestOutcomes(resultsDir: string): TestOutcomes {
  let files: string[];
  try {
    files = listFiles(resultsDir);
  } catch {
    return { passed: [], warned: [], failed: [], source: 'none' };
  }
  const read = (path: string) => readFileSync(join(resultsDir, ...path.split('/')), 'utf8');
  const allure = files.filter((f) => /(^|\/)[^/]+-result\.json$/.test(f));
  if (allure.length) return { ...fromAllure(allure.map(read)), source: 'allure' };
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    const report = parseJson(read(file)) as PlaywrightReport | undefined;
    if (report && Array.isArray(report.suites) && report.config) return { ...fromPlaywright(report), source: 'playwright-json' };
  }
  const junit = files
    .filter((f) => f.endsWith('.xml'))
    .map(read)
    .filter((x) => x.includes('<testcase'));
  if (junit.length) return { ...fromJunit(junit), source: 'junit' };
  return { passed: [], warned: [], failed: [], source: 'none' };
}

/**
 * The run's result: FAILED if any test failed, WARNED if any only warned
 * (or nothing was tested at all), else PASSED.
 */
export function runResultOf(outcomes: Pick<TestOutcomes, 'passed' | 'warned' | 'failed'>): TestRunResult {
  if (outcomes.failed.length) return 'FAILED';
  if (outcomes.warned.length || !outcomes.passed.length) return 'WARNED';
  return 'PASSED';
}

type Buckets = Omit<TestOutcomes, 'source'>;

interface AllureResult {
  name?: string;
  fullName?: string;
  historyId?: string;
  status?: string;
  stop?: number;
  labels?: { name: string; value: string }[];
}

/** One test per historyId; the last attempt decides, and an earlier failure makes a pass a warning (flaky). */
function fromAllure(texts: string[]): Buckets {
  const attempts = new Map<string, AllureResult[]>();
  for (const result of texts.map(parseJson) as (AllureResult | undefined)[]) {
    if (!result?.name) continue;
    const key = result.historyId ?? result.fullName ?? result.name;
    attempts.set(key, [...(attempts.get(key) ?? []), result]);
  }
  const out = { passed: [] as string[], warned: [] as string[], failed: [] as string[] };
  for (const tries of attempts.values()) {
    tries.sort((a, b) => (a.stop ?? 0) - (b.stop ?? 0));
    const last = tries.at(-1)!;
    const name = withCaseId(last);
    if (last.status === 'failed' || last.status === 'broken') out.failed.push(name);
    else if (last.status === 'passed' && tries.length === 1) out.passed.push(name);
    else out.warned.push(name);
  }
  return sorted(out);
}

/** The partner's test-case id leads the name, whether or not the title already starts with it. */
function withCaseId(result: AllureResult): string {
  const id = result.labels?.find((l) => l.name === 'partnerTestCase')?.value;
  return id && !result.name!.startsWith(id) ? `${id}: ${result.name}` : result.name!;
}

interface PlaywrightSuite {
  title?: string;
  specs?: { title: string; tests?: { status?: string; projectName?: string }[] }[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  config?: unknown;
  suites?: PlaywrightSuite[];
}

/** Playwright's own verdict per test: expected, unexpected, flaky (passed on retry) or skipped. */
function fromPlaywright(report: PlaywrightReport): Buckets {
  const out = { passed: [] as string[], warned: [] as string[], failed: [] as string[] };
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const run of spec.tests ?? []) {
        if (run.status === 'expected') out.passed.push(spec.title);
        else if (run.status === 'unexpected') out.failed.push(spec.title);
        else out.warned.push(spec.title);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return sorted(out);
}

/** A `<testcase>` with `<failure>` or `<error>` failed, with `<skipped>` warned, else passed. */
function fromJunit(documents: string[]): Buckets {
  const out = { passed: [] as string[], warned: [] as string[], failed: [] as string[] };
  for (const xml of documents) {
    for (const match of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const name = unescapeXml(/\bname="([^"]*)"/.exec(match[1]!)?.[1] ?? '');
      const body = match[3] ?? '';
      if (/<(failure|error)\b/.test(body)) out.failed.push(name);
      else if (/<skipped\b/.test(body)) out.warned.push(name);
      else out.passed.push(name);
    }
  }
  return sorted(out);
}

function sorted(buckets: Buckets): Buckets {
  return { passed: [...buckets.passed].sort(), warned: [...buckets.warned].sort(), failed: [...buckets.failed].sort() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unescapeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) =>
    entity.startsWith('#x') || entity.startsWith('#X')
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(Number(entity.slice(1)))
        : named[entity.toLowerCase()]!,
  );
}
