import type { Plmn } from '../../simulator/plmn.js';
import { parsePlmn } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { ElementDefinition } from '../element/served-element.js';
import { createBillingState, type BillingState } from './billing-state.js';
import { createBillingHandler } from './handler.js';

/**
 * The billing system of `homePlmn` as an element `serveElement` can crash
 * and restart, with its state (events, CDRs) or with a fresh one.
 *
 * @example
 * ```ts
 * await using billing = await serveElement(billingElement('262-01', agreements));
 * await billing.restart({ keepState: false }); // every event and CDR lost
 * ```
 */
export function billingElement(homePlmn: string | Plmn, agreements: RoamingAgreements): ElementDefinition<BillingState> {
  const home = parsePlmn(homePlmn);
  return {
    name: `billing:${home.id}`,
    createState: () => createBillingState(home, agreements),
    handler: (state) => createBillingHandler(state),
  };
}
