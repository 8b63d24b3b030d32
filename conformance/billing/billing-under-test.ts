import type { LinkFaults } from '../../chaos/link-faults.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { BillingClient } from '../../mocks/billing/client.js';
import type { ImplementationUnderTest } from '../core/suite-run.js';

/** A billing system (OCS + CDR collector) as the billing suite drives it: as a VLR sends it charging events, through a chaos proxy. */
export interface BillingUnderTest {
  readonly implementation: ImplementationUnderTest;
  /** The home network whose subscribers it bills. */
  readonly home: PlmnId;
  /** The visited network the suite's events come from. */
  readonly visited: PlmnId;
  /** A client presenting the credential the target takes (if any), through the proxy. */
  readonly client: BillingClient;
  /** A client presenting no credential, through the proxy. */
  readonly anonymous: BillingClient;
  /** Whether the target was given a credential to check: then an anonymous charge must be refused. */
  readonly authenticates: boolean;
  /** Base URL through the proxy, for requests outside the typed client (malformed bodies). */
  readonly baseUrl: string;
  /** The `Authorization` header the client sends, if any. */
  readonly authorization: string | undefined;
  readonly link: LinkFaults;
  close(): Promise<void>;
}
