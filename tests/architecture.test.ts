import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { globSync } from 'tinyglobby';
import { repoRoot } from './support/inline-project.js';

// The allowed-imports table is the one in ARCHITECTURE.md: this test reads it, so the document and the code cannot drift.
const ARCHITECTURE = join(repoRoot, 'ARCHITECTURE.md');

/** Folders outside the table: they may import anything (examples are checked on their own below). */
const OUTSIDE = new Set(['cli', 'bench', 'tests', 'examples', 'node_modules', 'dist', 'docs', 'test-results']);

function allowedImports(): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>();
  for (const line of readFileSync(ARCHITECTURE, 'utf8').split('\n')) {
    const row = /^\| `([a-z-]+)\/` \|.*\| ([a-z, ]+) \|$/.exec(line);
    if (!row) continue;
    const allowed = row[2]!.trim() === 'nothing' ? [] : row[2]!.split(',').map((s) => s.trim());
    table.set(row[1]!, new Set(allowed));
  }
  return table;
}

/** Every module specifier a file imports: static imports and exports, `import '...'`, and dynamic `import()`. */
function specifiersOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function folderOf(file: string, specifier: string): string {
  return relative(repoRoot, resolve(dirname(file), specifier)).split(sep)[0]!;
}

test('ARCHITECTURE.md has a row for every top-level code folder, and every folder it allows exists', () => {
  const table = allowedImports();
  const codeFolders = readdirSync(repoRoot).filter(
    (name) =>
      !name.startsWith('.') &&
      !OUTSIDE.has(name) &&
      statSync(join(repoRoot, name)).isDirectory() &&
      globSync(`${name}/**/*.ts`, { cwd: repoRoot }).length > 0,
  );
  expect([...table.keys()].sort()).toEqual(codeFolders.sort());
  for (const [folder, allowed] of table) for (const target of allowed) expect(table.has(target), `${folder} allows ${target}`).toBe(true);
});

test('every folder imports only what the table in ARCHITECTURE.md allows, statically or with import()', () => {
  const table = allowedImports();
  expect(table.size).toBeGreaterThan(5);
  const violations: string[] = [];
  for (const [folder, allowed] of table) {
    for (const file of globSync(`${folder}/**/*.ts`, { cwd: repoRoot, absolute: true, ignore: ['**/*.test.ts', '**/test-support/**'] })) {
      for (const specifier of specifiersOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = folderOf(file, specifier);
        if (target !== folder && !allowed.has(target))
          violations.push(`${relative(repoRoot, file)} imports ${specifier} (${folder} -> ${target})`);
      }
    }
  }
  expect(violations).toEqual([]);
});

test('the pure layers import no Playwright, no sockets and no files', () => {
  const pure = ['core', 'metrics', 'simulator'];
  const forbidden = /^(@playwright\/|allure-|node:(http|https|net|dgram|fs|fs\/promises|child_process)$)/;
  const violations = pure.flatMap((folder) =>
    globSync(`${folder}/**/*.ts`, { cwd: repoRoot, absolute: true, ignore: ['**/*.test.ts'] }).flatMap((file) =>
      specifiersOf(file)
        .filter((s) => forbidden.test(s))
        .map((s) => `${relative(repoRoot, file)} imports ${s}`),
    ),
  );
  expect(violations).toEqual([]);
});

test('the checker sees dynamic import() too', () => {
  const specifiers = ts
    .preProcessFile("const m = await import('../world/roaming-world.js'); import '../core/errors.js';", true, true)
    .importedFiles.map((f) => f.fileName);
  expect(specifiers).toEqual(['../world/roaming-world.js', '../core/errors.js']);
});

test('examples use the public package only', () => {
  const violations = globSync('examples/**/*.ts', { cwd: repoRoot, absolute: true, ignore: ['**/node_modules/**'] }).flatMap((file) =>
    specifiersOf(file)
      .filter(
        (s) =>
          s.startsWith('.') &&
          /\.\.\/(\.\.\/)*(core|metrics|simulator|protocols|mocks|peers|chaos|world|fixtures|specs|reporters|cli)\//.test(s),
      )
      .map((s) => `${relative(repoRoot, file)} imports ${s}`),
  );
  expect(violations).toEqual([]);
});
