import { parsePlmn } from '../../simulator/plmn.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { billingElement } from '../../mocks/billing/element.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { ChargingCredentials } from '../../mocks/billing/charging-credential.js';
import { CONTRACT_VERSIONS, contractNameOf } from '../../mocks/http/element-info.js';
import { resolveSlot } from '../../world/slots/slot-schemes.js';
import { openChaosLink } from '../targets/chaos-link.js';
import { aboutElement } from '../targets/element-about.js';
import type { TargetOptions } from '../targets/target-options.js';
import type { BillingUnderTest } from './billing-under-test.js';

/**
 * Opens a billing system for the suite: `builtin` (ours, on an ephemeral
 * port, checking a world credential the suite presents) or the user's at an
 * `http(s)://` URL (with `token`, if it authenticates its senders). A chaos
 * proxy goes in front of it.
 *
 * @example
 * ```ts
 * await using billing = await openBillingTarget({ target: 'http://127.0.0.1:7003', token: 'partner-token' });
 * ```
 */
export async function openBillingTarget(options: TargetOptions): Promise<BillingUnderTest & AsyncDisposable> {
  const home = parsePlmn(options.home ?? '262-01').id;
  const visited = parsePlmn(options.visited ?? '208-01').id;
  const slot = resolveSlot('billing', options.target, 'the conformance run');
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    let url: string;
    let address: string;
    let authorization: string | undefined;
    if (slot.kind === 'external') {
      ({ url, address } = slot);
      authorization = options.token ? `Bearer ${options.token}` : undefined;
    } else {
      const agreements = new RoamingAgreements();
      agreements.add(home, visited);
      // As in a world: billing takes charging events only from VLRs holding the world's credential.
      const credentials = ChargingCredentials.generate();
      const served = await serveElement(billingElement(home, agreements, { credentials }));
      cleanups.push(() => served.close());
      ({ url, address } = served);
      authorization = credentials.authorizationFor(`vlr:${visited}`);
    }
    const link = await openChaosLink('billing', address);
    cleanups.push(() => link.close());
    const about = await aboutElement(url, authorization ? { authorization } : {});
    const baseUrl = `http://${link.listen}`;
    return {
      implementation: {
        role: 'billing',
        target: slot.kind === 'external' ? slot.url : 'builtin',
        protocol: 'http',
        ...(about ? { implementation: about.implementation, version: about.version } : {}),
        contract: about?.contract ?? { name: contractNameOf('billing'), version: CONTRACT_VERSIONS.billing },
        ...(options.partner ? { partner: options.partner } : {}),
      },
      home,
      visited,
      baseUrl,
      authorization,
      authenticates: authorization !== undefined,
      client: new BillingClient({ baseUrl, ...(authorization ? { authorization } : {}) }),
      anonymous: new BillingClient({ baseUrl }),
      link: link.faults,
      close: closeAll,
      [Symbol.asyncDispose]: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
