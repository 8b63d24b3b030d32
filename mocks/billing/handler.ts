import { ChargingLedger } from '../../simulator/billing/charging-ledger.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { withHealth } from '../http/health.js';
import { problem } from '../http/problem.js';
import { createRouter, route } from '../http/element-router.js';
import { rateCdrs, recordCharge, type BillingState } from './billing-state.js';
import { billingContract as c } from './contract.js';
import { checkChargingScope, guardIntake } from './intake-guard.js';

/**
 * The mock billing system (home OCS + CDR collector) as a fetch handler over
 * a {@link BillingState}: charging events in, once per idempotency key, from
 * authenticated elements only when the state has the world's credentials;
 * CDRs, rated CDRs and the intake's refusals out, for reconciliation.
 *
 * @example
 * ```ts
 * await using billing = await serveElement(billingElement('262-01', agreements));
 * const rated = await new BillingClient({ baseUrl: billing.url }).ratedCdrs();
 * ```
 */
export function createBillingHandler(state: BillingState): FetchHandler;
/**
 * A billing system that only takes and lists charging events, with no home
 * network, CDRs or rating: its CDR endpoints answer 501.
 *
 * @deprecated Pass a {@link BillingState} from `createBillingState(homePlmn, agreements)`.
 */
export function createBillingHandler(name: string, ledger: ChargingLedger): FetchHandler;
export function createBillingHandler(stateOrName: BillingState | string, ledger?: ChargingLedger): FetchHandler {
  if (typeof stateOrName === 'string') return ledgerOnly(stateOrName, ledger ?? new ChargingLedger());
  const state = stateOrName;
  const name = `billing:${state.homePlmn}`;
  return withHealth(
    name,
    guardIntake(
      state,
      createRouter(name, [
        route(
          c.recordChargingEvent,
          ({ body, request }) =>
            checkChargingScope(state, request, body) ?? { recorded: true as const, duplicate: recordCharge(state, body).duplicate },
        ),
        route(c.listChargingEvents, () => ({ events: state.ledger.events() })),
        route(c.listCdrs, () => ({
          records: state.cdrs.records,
          open: state.cdrs.openSessions,
          duplicates: state.cdrs.duplicates,
          registrations: state.cdrs.registrations,
        })),
        route(c.listRatedCdrs, () => rateCdrs(state)),
        route(c.listIntakeRejections, () => ({ rejections: state.rejections })),
      ]),
    ),
  );
}

function ledgerOnly(name: string, ledger: ChargingLedger): FetchHandler {
  const noCdrs = () =>
    problem(
      501,
      'Not implemented',
      `[roam] Failed to list CDRs: ${name} was created from a bare ChargingLedger, without its home network and agreements. Create it with createBillingHandler(createBillingState(homePlmn, agreements)).`,
    );
  return withHealth(
    name,
    createRouter(name, [
      route(c.recordChargingEvent, ({ body }) => ({ recorded: true as const, duplicate: ledger.record(body).duplicate })),
      route(c.listChargingEvents, () => ({ events: ledger.events() })),
      route(c.listCdrs, noCdrs),
      route(c.listRatedCdrs, noCdrs),
    ]),
  );
}
