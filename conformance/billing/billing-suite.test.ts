import { test, expect } from '@playwright/test';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { createBillingState } from '../../mocks/billing/billing-state.js';
import { createBillingHandler } from '../../mocks/billing/handler.js';
import { bearerMatches } from '../../mocks/http/bearer-token.js';
import { problem } from '../../mocks/http/problem.js';
import { serveHandler } from '../../mocks/http/serve.js';
import { runSuite } from '../core/run-suite.js';
import { startDoubleCountingBilling } from '../test-support/broken-billing.js';
import { billingSuite } from './billing-suite.js';
import { openBillingTarget } from './open-billing-target.js';

test('the built-in billing system, checking the credential the suite presents, passes every case', async () => {
  await using billing = await openBillingTarget({ target: 'builtin' });
  const run = await runSuite(billingSuite, billing, billing.implementation);
  expect(run.cases.filter((c) => c.status !== 'passed')).toEqual([]);
});

test('a billing system at a URL with its own bearer token passes every case, the anonymous one included', async () => {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const honest = createBillingHandler(createBillingState('262-01', agreements));
  await using served = await serveHandler(async (request) =>
    bearerMatches(request.headers.get('authorization'), 'ocs-token-7')
      ? honest(request)
      : problem(401, 'Unauthorized', 'a bearer token is needed'),
  );
  await using billing = await openBillingTarget({ target: served.url, token: 'ocs-token-7', partner: 'FRAEX' });
  const run = await runSuite(billingSuite, billing, billing.implementation);
  expect(run.cases.filter((c) => c.status !== 'passed')).toEqual([]);
  expect(run.implementation).toMatchObject({ target: served.url, partner: 'FRAEX', version: expect.any(String) });
});

test('a billing system that counts a retried event twice fails, naming the procedure and the expectation', async () => {
  await using broken = await startDoubleCountingBilling();
  await using billing = await openBillingTarget({ target: broken.url });
  const run = await runSuite(billingSuite, billing, billing.implementation);
  const failed = Object.fromEntries(run.cases.filter((c) => c.status === 'failed').map((c) => [c.id, c.message]));
  expect(Object.keys(failed).sort()).toEqual(['BILL-EVT-02', 'BILL-EVT-03', 'BILL-NET-01']);
  expect(failed['BILL-EVT-02']).toBe(
    'a call charged start, interim (30 s) sent twice with the same idempotency key (a VLR retrying after a lost answer), stop (15 s): expected the retry acknowledged as a duplicate, the interim listed once, and one CDR of 45 s; got the retry acknowledged with duplicate false, and 1 CDR of 75 s',
  );
  expect(failed['BILL-NET-01']).toMatch(/: expected the retry acknowledged, and one CDR of 45 s: never billed twice; got 1 CDR of 75 s$/);
  expect(run.cases.find((c) => c.id === 'BILL-AUTH-01')).toMatchObject({
    status: 'skipped',
    message: expect.stringMatching(/no credential to check/),
  });
});
