import { test, expect } from '@playwright/test';
import { expect as roamingExpect } from '../../fixtures/test.js';
import { IllegalTransitionError, RoamError } from '../../simulator/errors.js';
import { ROAMING_CATEGORIES, type AllureCategory } from './categories.js';

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
  const reconciled = 'Error: expect(received).toBeReconciled()\n\nMissing: 2 charges\nDuplicated: 0';
  expect(categoryOf(reconciled)).toEqual({ allure3: 'Reconciliation drift', allure2: 'Reconciliation drift' });
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
