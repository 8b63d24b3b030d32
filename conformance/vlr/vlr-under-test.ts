import type { LinkFaults } from '../../chaos/link-faults.js';
import type { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { BillingState } from '../../mocks/billing/billing-state.js';
import type { VlrClient } from '../../mocks/vlr/client.js';
import type { ImplementationUnderTest } from '../core/suite-run.js';
import type { SubscriberSupply } from '../subscribers/subscriber-supply.js';

/**
 * A VLR/MME as the VLR suite drives it: phones reach it through a chaos
 * proxy, and the suite emulates its whole environment (the home HLR and
 * billing system, each behind its own proxy), as Osmocom's MSC_Tests do.
 */
export interface VlrUnderTest {
  readonly implementation: ImplementationUnderTest;
  /** The VLR's own network. */
  readonly visited: PlmnId;
  /** The home network the emulated HLR serves. */
  readonly home: PlmnId;
  /** The phone's side: the VLR's HTTP contract through the `ue` proxy. */
  readonly access: VlrClient;
  /** Subscribers provisioned in the emulated HLR. */
  readonly subscribers: SubscriberSupply;
  /** The emulated home HLR, to see what the VLR told it. */
  readonly hlr: HomeLocationRegister;
  /** The emulated billing system, to see what the VLR charged. */
  readonly billing: () => BillingState;
  /** Faults on the link from the VLR to the emulated HLR. */
  readonly hlrLink: LinkFaults;
  close(): Promise<void>;
}
