import { relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { LineCounter, parseAllDocuments, isScalar, type Document } from 'yaml';
import { offsetOf } from './yaml-offsets.js';
import { Drill, Scenario, type SpecDocumentSpec } from './schema.js';
import { formatPath, problemsOf } from '../core/problems.js';
import { SpecError, specProblem, type SpecProblem } from './spec-error.js';
import { findDanglingReferences } from './references.js';
import { capProblems, depthProblem, readSpecFile, scanSpecLimits } from './spec-limits.js';
import { explainUnionIssues } from './union-issues.js';
import { specKeysAt } from './spec-keys.js';
import { duplicateTitleProblem, testTitleOf } from './spec-titles.js';

/** A validated scenario or drill and where it came from. */
export interface LoadedScenario {
  readonly spec: SpecDocumentSpec;
  readonly file: string;
  /** 1-based line of the document's first key. */
  readonly line: number;
}

/**
 * Loads and validates every scenario in the files matching `patterns`
 * (globs relative to `cwd`). A file may hold several YAML documents.
 *
 * @throws {SpecError} listing every problem of every file, when any is invalid.
 */
export function loadSpecs(patterns: string | readonly string[], cwd = process.cwd()): LoadedScenario[] {
  const files = globSync([...(typeof patterns === 'string' ? [patterns] : patterns)], { cwd, absolute: true }).sort();
  if (files.length === 0) {
    throw new SpecError([specProblem(String(patterns), 1, 1, `no spec file matches ${JSON.stringify(patterns)} in ${cwd}`)]);
  }
  const loaded: LoadedScenario[] = [];
  const problems: SpecProblem[] = [];
  for (const file of files) {
    const name = relative(cwd, file) || file;
    const read = readSpecFile(file, name);
    if (read.problem) {
      problems.push(read.problem);
      continue;
    }
    const result = parseSpecText(read.text, name);
    loaded.push(...result.scenarios);
    problems.push(...result.problems);
  }
  if (problems.length) throw new SpecError(problems);
  return loaded;
}

/**
 * Parses and validates spec text; never throws for bad input, returns the
 * problems (at most `SPEC_LIMITS.maxProblems` of them, and one counting the
 * rest). Text over the limits of `spec-limits.ts` is refused before parsing.
 */
export function parseSpecText(text: string, file: string): { scenarios: LoadedScenario[]; problems: SpecProblem[] } {
  const overLimit = scanSpecLimits(text, file);
  if (overLimit) return { scenarios: [], problems: [overLimit] };
  const { scenarios, problems } = parseWithinLimits(text, file);
  if (scenarios.length === 0 && problems.length === 0) {
    problems.push(
      specProblem(
        file,
        1,
        1,
        'the file has no scenario or drill (it is empty or only comments): write one, starting with scenario: <title> or drill: <title>',
        '',
        'spec_empty',
      ),
    );
  }
  return { scenarios, problems: capProblems(problems, file) };
}

function parseWithinLimits(text: string, file: string): { scenarios: LoadedScenario[]; problems: SpecProblem[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const scenarios: LoadedScenario[] = [];
  const problems: SpecProblem[] = [];
  const docs = Array.isArray(documents) ? documents : [];
  // Titles seen so far: Playwright refuses two tests of one title in one file, so the second is a problem here.
  const titles = new Map<string, number>();
  for (const doc of docs) {
    if (doc.errors.length) {
      for (const error of doc.errors) {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        problems.push(specProblem(file, line, col, `YAML: ${error.message.split('\n')[0]}`, '', 'yaml'));
      }
      continue;
    }
    if (doc.contents === null || isEmptyDocument(doc)) continue;
    const start = lineCounter.linePos(doc.contents.range[0]);
    const tooDeep = depthProblem(doc, file, (offset) => lineCounter.linePos(offset));
    if (tooDeep) {
      problems.push(tooDeep);
      continue;
    }
    let value: unknown;
    try {
      // Aliases resolve here: one without an anchor, or an alias bomb, is refused by the yaml library.
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push(
        specProblem(
          file,
          start.line,
          start.col,
          `YAML: ${why}. Use anchors (&name) before their aliases (*name), and only a few of them`,
          '',
          'yaml',
        ),
      );
      continue;
    }
    const kind = documentKind(value);
    if (typeof kind !== 'string' || (kind !== 'scenario' && kind !== 'drill')) {
      problems.push(specProblem(file, start.line, start.col, kind.message));
      continue;
    }
    const parsed = kind === 'scenario' ? Scenario.safeParse(value) : Drill.safeParse(value);
    if (!parsed.success) {
      problems.push(...locateIssues(parsed.error.issues, doc, lineCounter, file));
      // References are checked too, so one run lists every problem; those under a path the schema already faulted are left out.
      const faulted = parsed.error.issues.map((i) => formatPath(i.path as (string | number)[]));
      const dangling = bestEffortReferences(value).filter(
        (d) => !faulted.some((f) => formatPath(d.path).startsWith(f) || f.startsWith(formatPath(d.path))),
      );
      problems.push(...locateIssues(dangling, doc, lineCounter, file));
      continue;
    }
    const dangling = findDanglingReferences(parsed.data);
    if (dangling.length) {
      problems.push(...locateIssues(dangling, doc, lineCounter, file));
      continue;
    }
    const key = testTitleOf(parsed.data);
    const earlier = titles.get(key);
    if (earlier !== undefined) {
      const at = lineCounter.linePos(offsetOf(doc, [kind]));
      problems.push(duplicateTitleProblem(parsed.data, file, at.line, at.col, earlier));
      continue;
    }
    titles.set(key, start.line);
    scenarios.push({ spec: parsed.data, file, line: start.line });
  }
  return { scenarios, problems };
}

// The reference check on a document the schema rejected: whatever parts have the expected shape.
function bestEffortReferences(value: unknown): { path: (string | number)[]; message: string }[] {
  const v = value as Partial<SpecDocumentSpec>;
  if (!v.world?.home?.plmn || !Array.isArray(v.world.visited) || typeof v.subscribers !== 'object' || v.subscribers === null) return [];
  const steps = 'scenario' in v ? (v as { steps?: unknown }).steps : (v as { method?: unknown }).method;
  const safe = {
    ...v,
    links: typeof v.links === 'object' && v.links !== null ? v.links : {},
    world: { ...v.world, visited: v.world.visited.filter((x) => typeof x?.plmn === 'string') },
    ...('scenario' in v
      ? { steps: Array.isArray(steps) ? steps.filter((s) => s && typeof s === 'object') : [] }
      : { method: Array.isArray(steps) ? steps.filter((s) => s && typeof s === 'object') : [] }),
  } as SpecDocumentSpec;
  try {
    return findDanglingReferences(safe);
  } catch {
    return [];
  }
}

// A document with nothing in it (`---` followed by comments): its contents are an empty plain scalar.
function isEmptyDocument(doc: Document): boolean {
  const contents = doc.contents;
  return (
    contents === null ||
    (isScalar(contents) && contents.value === null && contents.source === '' && contents.range?.[0] === contents.range?.[1])
  );
}

function documentKind(value: unknown): 'scenario' | 'drill' | { message: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { message: 'a spec document is a mapping that starts with scenario: <title> or drill: <title>' };
  }
  const hasScenario = 'scenario' in value;
  const hasDrill = 'drill' in value;
  if (hasScenario && hasDrill) return { message: 'a document is a scenario or a drill, not both: keep one of scenario: and drill:' };
  if (hasScenario) return 'scenario';
  if (hasDrill) return 'drill';
  return { message: 'a spec document needs scenario: <title> (steps that run in order) or drill: <title> (hypothesis, method, rollbacks)' };
}

function locateIssues(
  issues: readonly { code?: string; path: PropertyKey[]; message: string }[],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): SpecProblem[] {
  return problemsOf(
    explainUnionIssues(issues),
    (path, at) => {
      const { line, col } = lineCounter.linePos(offsetOf(doc, path as (string | number)[], at));
      return { file, line, column: col };
    },
    { knownKeys: specKeysAt },
  ) as SpecProblem[];
}
