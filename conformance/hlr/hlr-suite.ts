import type { ConformanceSuite } from '../core/conformance-case.js';
import { hlrAuthCases } from './hlr-auth-cases.js';
import type { HlrUnderTest } from './hlr-under-test.js';
import { hlrLocationCases } from './hlr-location-cases.js';
import { hlrPurgeCases } from './hlr-purge-cases.js';

/**
 * The HLR/HSS conformance suite, in the spirit of Osmocom's HLR_Tests: the
 * normal procedures (SendAuthInfo, UpdateLocation, PurgeMS) and the
 * error-cause matrix (unknown IMSI, roaming not allowed, PLMN not allowed,
 * a malformed IMSI, a forged AUTS, retries, a link that fails), against the
 * contract: where it allows a range, any value in the range passes.
 */
export const hlrSuite: ConformanceSuite<HlrUnderTest> = {
  role: 'hlr',
  name: 'HLR/HSS conformance',
  cases: [...hlrAuthCases, ...hlrLocationCases, ...hlrPurgeCases],
};
