import { test, expect } from '@playwright/test';
import { hlrSuite } from './hlr/hlr-suite.js';
import { openHlrTarget } from './hlr/open-hlr-target.js';
import { conformanceTests } from './playwright.js';
import { startBrokenHlr } from './test-support/broken-hlr.js';
import type { StartedServer } from '../mocks/http/serve.js';

// The suite as a user's Playwright project runs it: one test a case.
conformanceTests(test, { suite: hlrSuite, open: () => openHlrTarget({ target: 'builtin' }), only: /^HLR-(AUTH-0[17]|LOC-0[34])$/ });

// A known failure of the implementation under test is expected to fail, and does: Playwright counts it as passing.
let broken: StartedServer | undefined;
test.afterAll(async () => broken?.close());
conformanceTests(test, {
  suite: { ...hlrSuite, name: 'HLR/HSS conformance of an HLR with a flipped AUTN' },
  open: async () => openHlrTarget({ target: (broken = await startBrokenHlr('flipped-autn')).url }),
  baseline: {
    format: 'roam-conformance-baseline/1',
    role: 'hlr',
    implementation: 'broken',
    cases: { 'HLR-AUTH-01': { expected: 'xfail', reason: 'its AUTN has a flipped bit' } },
  },
  only: /^HLR-AUTH-0[17]$/,
});

test('the cases above carry their procedure and expectation as annotations', () => {
  expect(hlrSuite.cases.find((c) => c.id === 'HLR-AUTH-07')?.procedure).toBe('SendAuthInfo for an IMSI the HLR does not hold');
});
