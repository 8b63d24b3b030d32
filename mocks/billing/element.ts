import type { Plmn } from '../../simulator/plmn.js';
import { parsePlmn } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { ElementDefinition } from '../element/served-element.js';
import { createBillingState, type BillingState } from './billing-state.js';
import { createBillingHandler } from './handler.js';
import type { ChargingCredentials } from './charging-credential.js';

/**
 * The billing system of `homePlmn` as an element `serveElement` can crash
 * and restart, with its state (events, CDRs) or with a fresh one. Given the
 * world's `credentials`, it takes charging events only from the world's VLRs.
 *
 * @example
 * ```ts
 * await using billing = await serveElement(billingElement('262-01', agreements));
 * await billing.restart({ keepState: false }); // every event and CDR lost
 * ```
 */
export function billingElement(
  homePlmn: string | Plmn,
  agreements: RoamingAgreements,
  options: { readonly credentials?: ChargingCredentials } = {},
): ElementDefinition<BillingState> {
  const home = parsePlmn(homePlmn);
  return {
    name: `billing:${home.id}`,
    // The credentials are configuration, not state: a restart without state still checks them.
    createState: () => createBillingState(home, agreements, options),
    handler: (state) => createBillingHandler(state),
  };
}
