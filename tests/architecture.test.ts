import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import { repoRoot } from './support/inline-project.js';

// The import direction of ARCHITECTURE.md: each layer may import only these.
const ALLOWED: Record<string, readonly string[]> = {
  simulator: [],
  chaos: [],
  protocols: ['simulator'],
  peers: ['protocols', 'simulator', 'chaos'],
  mocks: ['simulator'],
  reporters: ['simulator'],
  fixtures: ['simulator', 'mocks', 'chaos', 'reporters'],
  specs: ['fixtures', 'simulator', 'mocks', 'chaos', 'reporters'],
};

test('every layer imports only what ARCHITECTURE.md allows', () => {
  const violations: string[] = [];
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    for (const file of globSync(`${layer}/**/*.ts`, { cwd: repoRoot, ignore: ['**/*.test.ts'] })) {
      const source = readFileSync(join(repoRoot, file), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        if (!specifier!.startsWith('.')) continue;
        const target = relative(repoRoot, resolve(dirname(join(repoRoot, file)), specifier!)).split(sep)[0]!;
        if (target !== layer && !allowed.includes(target)) violations.push(`${file} imports ${specifier} (${layer} -> ${target})`);
      }
    }
  }
  expect(violations).toEqual([]);
});

test('wire codecs (protocols/) import only the error root of the simulator', () => {
  const violations = globSync('protocols/**/*.ts', { cwd: repoRoot, ignore: ['**/*.test.ts', '**/test-support/**'] }).flatMap((file) => {
    const source = readFileSync(join(repoRoot, file), 'utf8');
    return [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)]
      .map((m) =>
        relative(repoRoot, resolve(dirname(join(repoRoot, file)), m[1]!))
          .split(sep)
          .join('/'),
      )
      .filter((target) => target.startsWith('simulator/') && target !== 'simulator/errors.js')
      .map((target) => `${file} imports ${target}`);
  });
  expect(violations).toEqual([]);
});

test('examples use the public package only', () => {
  const violations = globSync('examples/**/*.ts', { cwd: repoRoot, ignore: ['**/node_modules/**'] }).flatMap((file) => {
    const source = readFileSync(join(repoRoot, file), 'utf8');
    return [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)]
      .map((m) => m[1]!)
      .filter((s) => s.startsWith('.') && /\.\.\/(\.\.\/)*(simulator|mocks|chaos|fixtures|specs|reporters|cli)\//.test(s))
      .map((s) => `${file} imports ${s}`);
  });
  expect(violations).toEqual([]);
});
