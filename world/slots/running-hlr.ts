import type { HomeLocationRegister, ProvisionRequest } from '../../simulator/elements/home-location-register.js';
import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { ServedElement } from '../../mocks/element/served-element.js';
import type { HlrClient } from '../../mocks/hlr/client.js';
import type { VlrDirectory } from '../../mocks/vlr/client.js';
import type { StartedOsmoHlr } from '../../peers/osmo-hlr/launcher.js';
import type { ResolvedSlot } from './element-slot.js';

/** An HLR filling a home network's slot, whoever runs it. */
export interface RunningHlr {
  /** `host:port` VLRs reach it at (through a chaos proxy). */
  readonly address: string;
  /** How VLRs speak to it. */
  readonly protocol: 'http' | 'gsup';
  readonly element: ServedElement<HomeLocationRegister> | undefined;
  readonly osmo: StartedOsmoHlr | undefined;
  /** The admin client, when the HLR speaks the HTTP contract. */
  readonly admin: HlrClient | undefined;
  /** Said once to the user about this HLR, e.g. that it is provisioned by them. */
  readonly notice?: string;
  provision(request: ProvisionRequest): Promise<void>;
  close(): Promise<void>;
}

/** What starting an HLR slot needs. */
export interface HlrSlotInit {
  readonly slot: ResolvedSlot;
  readonly plmn: PlmnId;
  readonly agreements: RoamingAgreements;
  readonly host: string;
  readonly hasher: IdentityHasher;
  readonly vlrs: VlrDirectory;
  /** `skip`: an HLR the world did not start is provisioned by the user. */
  readonly provisioning: 'admin' | 'skip';
}
