import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { billingSuite } from './billing/billing-suite.js';
import { hlrSuite } from './hlr/hlr-suite.js';
import { vlrSuite } from './vlr/vlr-suite.js';

test('docs/conformance.md lists every case of every suite, with its procedure and expectation', () => {
  // Table cells may be padded to line up: spaces are compared as one.
  const doc = readFileSync(fileURLToPath(new URL('../docs/conformance.md', import.meta.url)), 'utf8').replace(/ {2,}/g, ' ');
  for (const suite of [hlrSuite, vlrSuite, billingSuite] as const) {
    expect(suite.cases.length, suite.name).toBeGreaterThan(0);
    for (const c of suite.cases as readonly { id: string; procedure: string; expectation: string }[]) {
      expect(doc, c.id).toContain(`| \`${c.id}\` | ${c.procedure} | ${c.expectation} |`.replace(/ {2,}/g, ' '));
    }
  }
});
