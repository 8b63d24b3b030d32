import { test, expect } from '@playwright/test';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, type CodeBlock } from '../support/readme-blocks.js';
import { repoRoot, runNode, writeInlineProject } from '../support/inline-project.js';

// Every TypeScript snippet a user may copy type-checks as it stands, against
// the built package's own types, strictly: the README's project files and
// scripts, and the install guide's config.
test.describe.configure({ timeout: 180_000 });

const SOURCES = ['README.md', join('docs', 'install.md')];

test('every TypeScript block of the README and the install guide type-checks against the package', async () => {
  const files: Record<string, string> = {};
  const origin = new Map<string, string>();
  for (const source of SOURCES) {
    for (const block of codeBlocks(join(repoRoot, source)).filter((b: CodeBlock) => b.lang === 'ts')) {
      // Project files keep their names (a test file imports beside it); others get one of their own.
      const name = block.attributes['file'] ?? `snippets/${source.replace(/[/.]/g, '-')}-${block.line}.ts`;
      files[name] = block.code;
      origin.set(name, `${source}:${block.line}`);
    }
  }
  expect(Object.keys(files).length).toBeGreaterThan(5);
  expect(Object.keys(files)).toContain('playwright.config.ts');
  const project = writeInlineProject('readme-types', {
    ...files,
    'package.json': JSON.stringify({ name: 'readme-types', private: true, type: 'module' }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: Object.keys(files),
    }),
  });
  // As after `npm install --save-dev roaming-harness`: the package's exports map and its built types.
  mkdirSync(join(project.dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(project.dir, 'node_modules', 'roaming-harness'), 'dir');
  try {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const { code, output } = await runNode([tsc, '-p', 'tsconfig.json', '--pretty', 'false'], project.dir);
    // Name each error by the block it came from.
    const located = output.replace(/^([^\s(]+)\((\d+),(\d+)\)/gm, (_, file: string, line: string) => {
      const at = origin.get(file);
      return at ? `${at} (+${Number(line) - 1} lines)` : `${file}(${line})`;
    });
    expect(located, located).toBe('');
    expect(code).toBe(0);
  } finally {
    project.remove();
  }
});
