import type { ChargingLedger } from '../../simulator/billing/charging-ledger.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { createRouter, route } from '../http/router.js';
import { billingContract as c } from './contract.js';

/** The mock billing system as a fetch handler over a {@link ChargingLedger}. */
export function createBillingHandler(name: string, ledger: ChargingLedger): FetchHandler {
  return withHealth(
    name,
    createRouter(name, [
      route(c.recordChargingEvent, ({ body }) => ({ recorded: true as const, duplicate: ledger.record(body).duplicate })),
      route(c.listChargingEvents, () => ({ events: ledger.events() })),
    ]),
  );
}
