import type { LinkFaults } from '../../chaos/link-faults.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { HomeNetworkPort } from '../../simulator/signaling/ports.js';
import type { ImplementationUnderTest } from '../core/suite-run.js';
import type { SubscriberSupply } from '../subscribers/subscriber-supply.js';

/**
 * An HLR/HSS as the HLR suite drives it: as one or more VLRs would, through
 * a chaos proxy, over the HTTP contract or GSUP; with subscribers the suite
 * provisions (or the user did).
 */
export interface HlrUnderTest {
  readonly implementation: ImplementationUnderTest;
  /** The home network whose IMSIs the HLR holds. */
  readonly home: PlmnId;
  /** A visited network the home has a roaming agreement with. */
  readonly visited: PlmnId;
  /** A visited network the home has no agreement with. */
  readonly unagreed: PlmnId;
  readonly subscribers: SubscriberSupply;
  /** The HLR as the VLR numbered `vlrNumber` reaches it (over GSUP, its own connection with that name). */
  vlr(vlrNumber: string): HomeNetworkPort;
  /** Faults on the link between the suite's VLRs and the HLR. */
  readonly link: LinkFaults;
  close(): Promise<void>;
}
