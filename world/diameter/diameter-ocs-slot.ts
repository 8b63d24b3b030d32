/**
 * The built-in billing of a world served as an OCS over Gy: the billing
 * element keeps its HTTP API (CDR reads, reconciliation) and a Diameter
 * server in front of the same billing state takes the VLRs' credit-control
 * requests, each one a charging event as the HTTP intake would record it.
 *
 * @module
 */
import { serveElement } from '../../mocks/element/served-element.js';
import { billingElement } from '../../mocks/billing/element.js';
import { recordCharge } from '../../mocks/billing/billing-state.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { DiameterOcs } from '../../peers/diameter/gy/diameter-ocs.js';
import type { Plmn } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { ChargingCredentials } from '../../mocks/billing/charging-credential.js';
import type { RunningBilling } from '../slots/start-billing.js';
import { liveState, withDiameterFront } from './diameter-front.js';
import { ocsName } from './diameter-names.js';
import type { WorldPcap } from './world-pcap.js';
import { builtinBilling } from '../slots/builtin-billing.js';

/** What the OCS of a home network is started with. */
export interface DiameterOcsSlotInit {
  readonly plmn: Plmn;
  readonly agreements: RoamingAgreements;
  readonly host: string;
  readonly hasher: IdentityHasher;
  readonly pcap?: WorldPcap;
  /** The world's credentials: the HTTP intake, unused by the VLRs now, still takes events only from their holders. */
  readonly credentials: ChargingCredentials | undefined;
}

/**
 * Starts the built-in billing of `init.plmn` with its Gy front. Gy has no
 * bearer token: the charging credential of the HTTP intake does not apply,
 * and the OCS takes requests from any peer whose capabilities exchange
 * names Gy (as a lab OCS does).
 */
export async function startDiameterOcs(init: DiameterOcsSlotInit): Promise<RunningBilling> {
  const served = await serveElement(billingElement(init.plmn, init.agreements, init.credentials ? { credentials: init.credentials } : {}), {
    host: init.host,
    hasher: init.hasher,
  });
  const billing = liveState(served);
  let fronted;
  try {
    fronted = await withDiameterFront(served, (port) =>
      DiameterOcs.serve({
        identity: ocsName(init.plmn.id),
        host: init.host,
        charge: (event) => recordCharge(billing, event),
        ...(port === undefined ? {} : { port }),
        ...(init.pcap ? { onTraffic: init.pcap.onTraffic } : {}),
      }),
    );
  } catch (error) {
    await served.close();
    throw error;
  }
  init.pcap?.serviceAt(fronted.address);
  return builtinBilling(fronted.element, fronted.address);
}
