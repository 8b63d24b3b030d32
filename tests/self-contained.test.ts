import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { repoRoot } from './support/inline-project.js';

// The product speaks only of itself: no paths to files outside the repository, no tracker
// references, no remarks about where the work was done. The patterns are assembled from
// pieces so that this file does not match them itself.
const word = (...parts: string[]) => parts.join('');
const FORBIDDEN: readonly [string, RegExp][] = [
  ['a path outside the repository', new RegExp(word('(\\.\\./)+sha', 'red/|sha', 'red/(refer', 'ence|des', 'ign|see', 'ds)/|/wo', 'rk/'))],
  ['a tracker reference', new RegExp(word('\\b[Ii]ss', 'ue #?[0-9]+|the iss', 'ue (assumed|asks|says)'))],
  [
    'a remark about the machine the work ran on',
    new RegExp(word('uncom', 'mitted work|other work sha', 'res|sha', 'red mach', 'ine|private com', 'pile')),
  ],
  ["a reference to the users' source documents", new RegExp(word('\\bse', 'ed 0[0-9][0-9]\\b'))],
];

test('no file of the repository cites paths outside it, tracker issues or the machine the work happened on', () => {
  const files = globSync(['**/*.{ts,mts,mjs,js,md,json,yaml,yml}', '.ci/*', 'ARCHITECTURE.md'], {
    cwd: repoRoot,
    ignore: [
      'node_modules/**',
      'dist/**',
      '.bench-build/**',
      'test-results/**',
      '.inline/**',
      'package-lock.json',
      'allure-*/**',
      'run-data/**',
      'bench/results/**',
      'evidence/**',
      'slo-summary/**',
    ],
  });
  expect(files.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const [what, pattern] of FORBIDDEN)
        if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
    });
  }
  expect(found).toEqual([]);
});
