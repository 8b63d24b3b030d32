import type { ConformanceSuite } from '../core/conformance-case.js';
import { vlrAttachCases } from './vlr-attach-cases.js';
import { vlrServiceCases } from './vlr-service-cases.js';
import type { VlrUnderTest } from './vlr-under-test.js';

/**
 * The VLR/MME conformance suite, in the spirit of Osmocom's MSC_Tests: the
 * suite plays the phones, the home HLR and billing, and checks attach
 * (authentication, resynchronisation, the refusal causes, an unreachable
 * HLR), location updates, detach, CancelLocation and charging.
 */
export const vlrSuite: ConformanceSuite<VlrUnderTest> = {
  role: 'vlr',
  name: 'VLR/MME conformance',
  cases: [...vlrAttachCases, ...vlrServiceCases],
};
