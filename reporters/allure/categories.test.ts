import { test, expect } from '@playwright/test';
import { expect as roamingExpect } from '../../fixtures/test.js';
import { RoamError } from '../../core/errors.js';
import { IllegalTransitionError } from '../../simulator/domain-errors.js';
import { FAILURE_PREFIXES, ROAMING_CATEGORIES, type AllureCategory } from './categories.js';

/** The category Allure 3 picks (regex search, first match wins) and Allure 2 picks (whole-message match). */
function categoryOf(message: string, status: 'failed' | 'broken' = 'failed'): { allure3?: string; allure2?: string } {
  const fits = (c: AllureCategory, whole: boolean) =>
    (c.matchedStatuses ?? []).includes(status) && new RegExp(whole ? `^(?:${c.messageRegex})$` : c.messageRegex!).test(message);
  return { allure3: ROAMING_CATEGORIES.find((c) => fits(c, false))?.name, allure2: ROAMING_CATEGORIES.find((c) => fits(c, true))?.name };
}

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    // Allure receives messages without colours.
    return (error as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('the assertion passed');
}

test('our matchers failures fall into their categories, the same in Allure 2 and 3', () => {
  const slo = failureOf(() => roamingExpect([900, 950], 'attach_latency p(95)<450ms').toMeetSlo('p(95)<450ms'));
  expect(categoryOf(slo)).toEqual({ allure3: 'SLO breach', allure2: 'SLO breach' });
  const path = failureOf(() => roamingExpect({ path: ['IDLE', 'AUTHENTICATING', 'REJECTED'] }).toHaveTransitioned(['IDLE', 'REGISTERED']));
  expect(categoryOf(path)).toEqual({ allure3: 'Transition violation', allure2: 'Transition violation' });
  const rate =
    'Error: expect(received).toHaveAttachSuccessRate(expected)\n\nExpected: at least "99.5%"\nReceived: "80%" (8 of 10 registered)';
  expect(categoryOf(rate)).toEqual({ allure3: 'SLO breach', allure2: 'SLO breach' });
  const reconciled = 'Error: expect(received).toBeReconciled()\n\nMissing: 2 charges\nDuplicated: 0';
  expect(categoryOf(reconciled)).toEqual({ allure3: 'Reconciliation drift', allure2: 'Reconciliation drift' });
  const drift = failureOf(() =>
    (roamingExpect as unknown as (r: unknown) => { toBeReconciled(): void })({
      matched: 0,
      missing: [{ truth: {}, detail: 'missing: voice of sub_0123456789abcdef was never billed' }],
      duplicated: [],
      misRated: [],
      unexpected: [],
      clean: false,
      summary: '1 usage records, 0 billed: 0 matched, 1 missing',
    }).toBeReconciled(),
  );
  expect(categoryOf(drift)).toEqual({ allure3: 'Reconciliation drift', allure2: 'Reconciliation drift' });
});

test('roam errors and socket errors are infrastructure errors; a refused state move is a transition violation', () => {
  const illegal = new IllegalTransitionError('attach', 'IDLE', 'REGISTERED', ['AUTHENTICATING']).message;
  expect(categoryOf(illegal, 'broken').allure3).toBe('Transition violation');
  const infra = new RoamError('ROAM_X', 'start the HLR on 127.0.0.1:0', 'EADDRINUSE').message;
  expect(categoryOf(`Error: ${infra}\n    at startHome`, 'broken')).toEqual({
    allure3: 'Infrastructure error',
    allure2: 'Infrastructure error',
  });
  expect(categoryOf('Error: connect ECONNREFUSED 127.0.0.1:4000', 'broken').allure3).toBe('Infrastructure error');
  expect(categoryOf('Error: expect(received).toBe(expected)', 'failed').allure3).toBeUndefined();
});

test('the stable prefixes alone sort a failure, whatever else the message says, in Allure 2 and 3', () => {
  const cases: [string, string][] = [
    [`Error: ${FAILURE_PREFIXES.sloBreach}: attach_latency p(95)<450ms measured 512ms over 30 samples`, 'SLO breach'],
    [`${FAILURE_PREFIXES.reconciliationDrift}: 2 missing, 0 duplicated, 1 mis-rated\n  missing: voice of sub_0123`, 'Reconciliation drift'],
    [`Error: ${FAILURE_PREFIXES.transitionViolation}: expected IDLE → REGISTERED\nreceived IDLE → REJECTED`, 'Transition violation'],
    [`Error: ${FAILURE_PREFIXES.infrastructure} start the HLR on 127.0.0.1:0: EADDRINUSE`, 'Infrastructure error'],
  ];
  for (const [message, category] of cases) {
    expect(categoryOf(message), message).toEqual({ allure3: category, allure2: category });
    expect(categoryOf(message, 'broken'), message).toEqual({ allure3: category, allure2: category });
  }
  // First match wins: an SLO breach whose message mentions a refused connection is still an SLO breach.
  expect(categoryOf(`SLO breached: attach_success rate>=99% measured 80% (ECONNREFUSED on 12 attaches)`).allure3).toBe('SLO breach');
  expect(categoryOf('Error: the transition table changed').allure3).toBeUndefined();
});
