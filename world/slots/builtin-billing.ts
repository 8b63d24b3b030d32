import type { ServedElement } from '../../mocks/element/served-element.js';
import type { BillingState } from '../../mocks/billing/billing-state.js';
import { BillingClient } from '../../mocks/billing/client.js';
import type { RunningBilling } from './start-billing.js';

/**
 * The world's own billing element as a home network runs it, whatever the
 * VLRs speak to it (HTTP, or Gy through a Diameter front at `address`):
 * CDRs read from its state, administered over its HTTP API.
 */
export function builtinBilling(element: ServedElement<BillingState>, address: string = element.address): RunningBilling {
  return {
    address,
    element,
    admin: new BillingClient({ baseUrl: element.url }),
    get billedUsage() {
      return element.state.cdrs.records;
    },
    get openUsage() {
      return element.state.cdrs.openUsage;
    },
    refresh: async () => undefined,
    close: () => element.close(),
  };
}
