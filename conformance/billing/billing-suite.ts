import type { ConformanceSuite } from '../core/conformance-case.js';
import { billingEventCases } from './billing-event-cases.js';
import { billingSessionCases } from './billing-session-cases.js';
import type { BillingUnderTest } from './billing-under-test.js';

/**
 * The billing/OCS conformance suite, in the spirit of Osmocom's dia2gsup and
 * charging tests: event and session charging, and the error-cause matrix
 * (idempotent retries, duplicate charging events, key conflicts, strangers,
 * invalid events, anonymous senders, sessions left open, lost answers).
 */
export const billingSuite: ConformanceSuite<BillingUnderTest> = {
  role: 'billing',
  name: 'Billing/OCS conformance',
  cases: [...billingEventCases, ...billingSessionCases],
};
