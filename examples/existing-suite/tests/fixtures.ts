import { test as base } from '@playwright/test';
import { RoamingStatusService } from '../src/roaming-status.js';

/** The HLR the service talks to in this suite's own tests (answered by MSW, never on the network). */
export const HLR_URL = 'https://hlr.operator.example';

/** The project's own fixture, as it was before roaming-harness. */
export const test = base.extend<{ statusService: RoamingStatusService }>({
  statusService: async ({}, use) => use(new RoamingStatusService(HLR_URL)),
});
export { expect } from '@playwright/test';
