import type { UsageRecord } from '../../simulator/billing/usage-record.js';
import type { OpenUsage } from '../../simulator/billing/cdr-collector.js';
import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { Plmn } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { serveElement, type ServedElement } from '../../mocks/element/served-element.js';
import { billingElement } from '../../mocks/billing/element.js';
import type { BillingState } from '../../mocks/billing/billing-state.js';
import type { ChargingCredentials } from '../../mocks/billing/charging-credential.js';
import { BillingClient } from '../../mocks/billing/client.js';
import type { ResolvedSlot } from './element-slot.js';
import type { BillingLinkProtocol } from '../link-protocols.js';
import type { WorldPcap } from '../diameter/world-pcap.js';
import { OcsHasNoCdrReadsError } from '../diameter/ocs-errors.js';
import { builtinBilling } from './builtin-billing.js';

/** A billing system filling a home network's slot: ours, or the user's at a URL. */
export interface RunningBilling {
  /** `host:port` VLRs reach it at (through a chaos proxy). */
  readonly address: string;
  /** The element, when it is ours. */
  readonly element: ServedElement<BillingState> | undefined;
  /** A direct client (no proxy). */
  readonly admin: BillingClient;
  /** The CDRs closed so far: live for ours; for one at a URL, as of the last {@link refresh}. */
  readonly billedUsage: readonly UsageRecord[];
  readonly openUsage: readonly OpenUsage[] | undefined;
  /** Reads the CDRs of a billing system at a URL again (nothing to do for ours). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Starts (or, for a URL, points at) the billing system of `plmn`. */
export async function startBillingSlot(init: {
  readonly slot: ResolvedSlot;
  readonly plmn: Plmn;
  readonly agreements: RoamingAgreements;
  readonly host: string;
  readonly hasher: IdentityHasher;
  /** The world's credentials; undefined when built-in billing takes events from anyone. */
  readonly credentials: ChargingCredentials | undefined;
  /** Sent to a billing system at a URL when its own reads need one. */
  readonly token?: string;
  /** How VLRs speak to it: for the built-in billing, `http` or `diameter` (served as an OCS over Gy as well). Default `http`. */
  readonly protocol?: BillingLinkProtocol;
  /** The world's Diameter pcap, when one is written. */
  readonly pcap?: WorldPcap;
}): Promise<RunningBilling> {
  if (init.slot.kind !== 'external' && init.protocol === 'diameter') {
    // The Diameter stack loads only for worlds whose billing speaks it.
    const { startDiameterOcs } = await import('../diameter/diameter-ocs-slot.js');
    return startDiameterOcs({ ...init, ...(init.pcap ? { pcap: init.pcap } : {}) });
  }
  if (init.slot.kind !== 'external') {
    const element = await serveElement(
      billingElement(init.plmn, init.agreements, init.credentials ? { credentials: init.credentials } : {}),
      { host: init.host, hasher: init.hasher },
    );
    return builtinBilling(element);
  }
  if (init.slot.protocol === 'diameter') return diameterOcsAt(init.plmn.id, init.slot.url, init.slot.address);
  const admin = new BillingClient({ baseUrl: init.slot.url, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) });
  let records: readonly UsageRecord[] = [];
  return {
    address: init.slot.address,
    element: undefined,
    admin,
    get billedUsage() {
      return records;
    },
    openUsage: undefined,
    refresh: async () => {
      records = (await admin.cdrs()).records;
    },
    close: async () => undefined,
  };
}

/** A user's OCS over Gy: the world charges it, but Gy has no way to read CDRs back, so there is nothing to reconcile. */
function diameterOcsAt(home: string, url: string, address: string): RunningBilling {
  return {
    address,
    element: undefined,
    get admin(): BillingClient {
      throw new OcsHasNoCdrReadsError(home, url);
    },
    billedUsage: [],
    openUsage: undefined,
    refresh: async () => undefined,
    close: async () => undefined,
  };
}
