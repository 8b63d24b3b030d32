import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadSpecs, parseSpecText } from '../specs/loader.js';
import { SpecError, type SpecProblem } from '../specs/spec-error.js';
import { repoRoot } from './support/inline-project.js';
import { CaseCounter, fuzzSettings } from './support/fuzz.js';

// The spec loader fed random and mutated YAML: it only ever reports located
// problems (SpecError from loadSpecs), never crashes or hangs.

// Found by this suite and fixed in specs/loader.ts: the `yaml` library throws from
// `doc.toJS()` for an alias with no anchor (`*x` with no `&x`) or an alias bomb;
// the loader now reports it as a located problem.

const VALID = readFileSync(join(repoRoot, 'specs/library/happy-path-attach.roam.yaml'), 'utf8');
// Every spec of the library seeds the mutations too (scenarios and drills); the happy path always.
const SEEDS = [
  VALID,
  ...globSync('specs/library/*.roam.yaml', { cwd: repoRoot })
    .sort()
    .map((file) => readFileSync(join(repoRoot, file), 'utf8')),
];
const FILE = 'fuzzed.roam.yaml';

function locationViolation(text: string, problems: readonly SpecProblem[]): string | undefined {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    if (p.location.file !== FILE) return `problem in file ${p.location.file}`;
    if (!Number.isInteger(p.location.line) || p.location.line < 1 || p.location.line > lines + 1)
      return `line ${p.location.line} outside 1..${lines + 1}`;
    if (!Number.isInteger(p.location.column) || p.location.column < 1) return `column ${p.location.column}`;
    if (typeof p.path !== 'string') return `path ${String(p.path)}`;
    if (typeof p.message !== 'string' || p.message.trim() === '') return 'a problem without a message';
  }
  return undefined;
}

const YAML_CHARS = [...' \n\t:-[]{},&*!|>\'"#%@`?~=.0123456789abcxyz'];
const yamlish = fc.array(fc.constantFrom(...YAML_CHARS), { maxLength: 200 }).map((chars) => chars.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 200 });

// Line-level edits of the valid spec: delete, duplicate, re-indent, replace, cut.
const lineMutation = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(
      fc.tuple(
        fc.constantFrom('delete', 'duplicate', 'indent', 'dedent', 'replace', 'insert', 'truncate'),
        fc.nat(),
        fc.oneof(yamlish, anyText),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([seed, edits]) => {
    const lines = seed.split('\n');
    for (const [kind, at, junk] of edits) {
      const i = at % lines.length;
      if (kind === 'delete') lines.splice(i, 1);
      else if (kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
      else if (kind === 'indent') lines[i] = `  ${lines[i] ?? ''}`;
      else if (kind === 'dedent') lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, '');
      else if (kind === 'replace') lines[i] = junk;
      else if (kind === 'insert') lines[i] = (lines[i] ?? '') + junk;
      else lines.length = Math.max(1, i);
      if (lines.length === 0) lines.push('');
    }
    return lines.join('\n');
  });

// Value-level edits: well-formed YAML whose values are wrong, so the schema and references are exercised.
const leafPaths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => [
        [...prefix, Array.isArray(value) ? Number(k) : k],
        ...leafPaths(v, [...prefix, Array.isArray(value) ? Number(k) : k]),
      ])
    : [];
const VALID_JS = parseYaml(VALID) as Record<string, unknown>;
const PATHS = leafPaths(VALID_JS);
const valueMutation = fc
  .array(
    fc.tuple(
      fc.nat(),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constantFrom('208-99', '-1ms', 'p(95)<', 'nobody')),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((edits) => {
    const doc = structuredClone(VALID_JS);
    for (const [at, value] of edits) {
      const path = PATHS[at % PATHS.length]!;
      let parent: Record<string | number, unknown> = doc;
      for (const key of path.slice(0, -1)) {
        const next = parent[key];
        if (next === null || typeof next !== 'object') break;
        parent = next as Record<string | number, unknown>;
      }
      const last = path[path.length - 1]!;
      if (value === undefined) delete parent[last];
      else parent[last] = value;
    }
    return stringifyYaml(doc);
  });

const specText = fc.oneof(yamlish, anyText, lineMutation, valueMutation, valueMutation);

test('fuzz: parseSpecText answers random and mutated YAML with located problems only', async ({}, testInfo) => {
  const counter = new CaseCounter('spec loader (parseSpecText)');
  fc.assert(
    fc.property(specText, (text) => {
      counter.count++;
      let result: ReturnType<typeof parseSpecText>;
      try {
        result = parseSpecText(text, FILE);
      } catch (error) {
        throw new Error(`parseSpecText threw ${String(error)} for ${JSON.stringify(text).slice(0, 400)}`);
      }
      counter.saw(result.problems.length ? 'problems' : result.scenarios.length ? 'valid' : 'empty');
      const violation = locationViolation(text, result.problems);
      if (violation) throw new Error(`${violation} for ${JSON.stringify(text).slice(0, 400)}`);
    }),
    fuzzSettings(1_500),
  );
  counter.report(testInfo);
  // Not vacuous: some mutations stay valid, most are refused with problems.
  expect(counter.seen.get('problems') ?? 0).toBeGreaterThan(0);
  expect(counter.seen.get('valid') ?? 0).toBeGreaterThan(0);
});

test('fuzz: loadSpecs throws only SpecError, every problem located, for mutated spec files', async ({}, testInfo) => {
  const counter = new CaseCounter('spec loader (loadSpecs on files)');
  const dir = mkdtempSync(join(tmpdir(), 'roam-spec-fuzz-'));
  try {
    fc.assert(
      fc.property(fc.oneof(lineMutation, valueMutation), (text) => {
        counter.count++;
        writeFileSync(join(dir, FILE), text);
        try {
          loadSpecs('*.roam.yaml', dir);
          counter.saw('loaded');
        } catch (error) {
          if (!(error instanceof SpecError)) throw new Error(`loadSpecs threw ${String(error)} for ${JSON.stringify(text).slice(0, 400)}`);
          counter.saw('SpecError');
          expect(error.problems.length).toBeGreaterThan(0);
          const violation = locationViolation(text, error.problems);
          if (violation) throw new Error(`${violation} for ${JSON.stringify(text).slice(0, 400)}`);
          expect(error.message).toMatch(/\(fuzzed\.roam\.yaml:\d+:\d+\)/);
        }
      }),
      fuzzSettings(300),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  counter.report(testInfo);
  expect(counter.seen.get('SpecError') ?? 0).toBeGreaterThan(0);
});

test('deep nesting is a located problem, not a crash', () => {
  for (const text of ['['.repeat(20_000), `steps: ${'['.repeat(5_000)}${']'.repeat(5_000)}`, '{'.repeat(3_000), `${'- '.repeat(3_000)}x`]) {
    const { problems } = parseSpecText(text, FILE);
    expect(problems.length).toBeGreaterThan(0);
    expect(locationViolation(text, problems)).toBeUndefined();
  }
});

test('an alias with no anchor is a located problem, not a crash', () => {
  const { problems } = parseSpecText('scenario: *nowhere\n', FILE);
  expect(problems.length).toBeGreaterThan(0);
});

test('an alias bomb is a located problem, not a crash', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  ].join('\n');
  const { problems } = parseSpecText(bomb, FILE);
  expect(problems.length).toBeGreaterThan(0);
  expect(locationViolation(bomb, problems)).toBeUndefined();
});

// Limits (specs/spec-limits.ts): found by users, not by this suite. Before them a 3 MB file of
// 100k anchors kept validation busy for over a minute and 40k keys for 13 s: each is now one
// located problem, found by the lexer before the YAML is parsed.

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

test('spec limits: size, anchors, aliases, keys, values and nesting are each one located problem', () => {
  const cases: [string, string, string, number][] = [
    // [what, text, code, line of the problem]
    ['3 MB of 100k anchors', lines(100_000, (i) => `k${i}: &a${i} v`), 'spec_too_large', 1],
    ['101 anchors', lines(150, (i) => `k${i}: &a${i} v`), 'yaml_too_many_anchors', 101],
    ['101 aliases', `a: &a x\n${lines(150, (i) => `k${i}: *a`)}`, 'yaml_too_many_aliases', 102],
    ['20k keys', lines(20_000, (i) => `k${i}: 1`), 'yaml_too_many_keys', 5_001],
    ['30k values', `steps: [${Array.from({ length: 30_000 }, () => '1').join(',')}]`, 'yaml_too_many_values', 1],
    ['100 levels of blocks', lines(100, (i) => `${'  '.repeat(i)}k:`), 'yaml_too_deep', 65],
    ['20k levels of flow', '['.repeat(20_000), 'yaml_too_deep', 1],
  ];
  for (const [what, text, code, line] of cases) {
    const { problems, scenarios } = parseSpecText(text, FILE);
    expect(scenarios, what).toEqual([]);
    expect(
      problems.map((p) => p.code),
      what,
    ).toEqual([code]);
    expect(problems[0]!.location.line, what).toBe(line);
    expect(problems[0]!.message, what).toMatch(/split it|write the values out|flatten it/);
    expect(locationViolation(text, problems), what).toBeUndefined();
  }
});

test('spec limits: a file of many problems lists a hundred and counts the rest', () => {
  const text = VALID.replace(/steps:\n(.*\n)+?(?=\S)/, `steps:\n${lines(500, () => '  - wait: -1ms')}\n`);
  const { problems } = parseSpecText(text, FILE);
  expect(problems).toHaveLength(101);
  expect(problems[100]).toMatchObject({ code: 'too_many_problems', message: '400 more problems not listed: fix these first' });
});

// Near the limits, on either side: a limit problem exactly when a count goes over, never a crash.
const bloat = fc
  .record({
    anchors: fc.integer({ min: 0, max: 130 }),
    aliases: fc.integer({ min: 0, max: 130 }),
    // Clear of the limit by more than a library spec's own keys, on either side.
    keys: fc.oneof(fc.integer({ min: 0, max: 4_500 }), fc.integer({ min: 5_000, max: 5_200 })),
    depth: fc.integer({ min: 1, max: 80 }),
    seed: fc.constantFrom(...SEEDS),
  })
  .map(({ anchors, aliases, keys, depth, seed }) => {
    const parts = [seed.trimEnd()];
    if (anchors) parts.push(`extraAnchors:\n${lines(anchors, (i) => `  a${i}: &x${i} v`)}`);
    if (aliases) parts.push(`extraAliases:\n${lines(aliases, () => '  - *anchorForAliases')}`, 'anchorForAliases: &anchorForAliases v');
    if (keys) parts.push(`extraKeys: {${Array.from({ length: keys }, (_, i) => `k${i}: 1`).join(', ')}}`);
    parts.push(`extraDepth:\n${lines(depth, (i) => `${'  '.repeat(i + 1)}d${i}:`)}`);
    // The document's own mapping, extraDepth's, then one more per level but the last (a null).
    const over = anchors + (aliases ? 1 : 0) > 100 || aliases > 100 || keys >= 5_000 || 1 + depth > 64;
    return { text: parts.join('\n'), over };
  });

test('fuzz: texts near the spec limits get a limit problem or a schema problem, always located', async ({}, testInfo) => {
  const counter = new CaseCounter('spec loader near its limits');
  fc.assert(
    fc.property(bloat, ({ text, over }) => {
      counter.count++;
      const { problems } = parseSpecText(text, FILE);
      // Every case carries extra keys the schema refuses, so there is always a problem.
      expect(problems.length).toBeGreaterThan(0);
      const limit = problems.find((p) => /^(spec_too_large|yaml_too_)/.test(p.code));
      counter.saw(limit?.code ?? 'schema');
      expect(limit !== undefined, `over a limit: ${over}; problems: ${problems.map((p) => p.code).join(', ')}`).toBe(over);
      if (limit) expect(problems).toHaveLength(1);
      const violation = locationViolation(text, problems);
      if (violation) throw new Error(`${violation} for ${JSON.stringify(text).slice(0, 400)}`);
    }),
    fuzzSettings(120),
  );
  counter.report(testInfo);
  expect(counter.seen.get('schema') ?? 0).toBeGreaterThan(0);
  expect([...counter.seen.keys()].filter((k) => String(k).startsWith('yaml_too_')).length).toBeGreaterThan(1);
});
