import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withReference } from '../specs/reference-doc.js';
import { repoRoot } from './support/inline-project.js';

test('the README field reference is the one the zod schema generates (npm run docs rewrites it)', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  expect(readme).toContain('| `steps[].attach.who` (required) |');
  expect(withReference(readme)).toBe(readme);
});
