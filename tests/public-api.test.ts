import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './support/inline-project.js';

// The public surface is the exports map of package.json, each entry point a hand-written list.
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
};
const entries = Object.entries(pkg.exports)
  .filter((e): e is [string, { types: string; default: string }] => typeof e[1] === 'object')
  .map(([name, target]) => ({ name, source: target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts') }));

test('every entry point of the exports map has a source file, and none of them re-exports a whole module', () => {
  expect(entries.length).toBeGreaterThan(10);
  for (const { name, source } of entries) {
    expect(existsSync(join(repoRoot, source)), `${name} -> ${source}`).toBe(true);
    expect(readFileSync(join(repoRoot, source), 'utf8'), `${source} has an export *`).not.toMatch(/^export \* from/m);
  }
});

test('every name an entry point exports is documented where it is declared', () => {
  const program = ts.createProgram(
    entries.map((e) => join(repoRoot, e.source)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  const undocumented: string[] = [];
  for (const { name, source } of entries) {
    const file = program.getSourceFile(join(repoRoot, source))!;
    const module = checker.getSymbolAtLocation(file)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (!declaration) continue;
      const documented =
        symbol.getDocumentationComment(checker).length > 0 ||
        ts.getJSDocTags(declaration).length > 0 ||
        // `export const x = ...` keeps its comment on the variable statement.
        (ts.isVariableDeclaration(declaration) && ts.getJSDocCommentsAndTags(declaration).length > 0);
      if (!documented) undocumented.push(`${name}: ${exported.name} (${declaration.getSourceFile().fileName.replace(`${repoRoot}/`, '')})`);
    }
  }
  expect(undocumented).toEqual([]);
});
