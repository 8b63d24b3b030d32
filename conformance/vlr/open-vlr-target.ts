import { realClock } from '../../core/clock.js';
import { parsePlmn, type PlmnId } from '../../simulator/plmn.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { HomeNetworkPort } from '../../simulator/signaling/ports.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { billingElement } from '../../mocks/billing/element.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { vlrElement } from '../../mocks/vlr/element.js';
import { VlrClient } from '../../mocks/vlr/client.js';
import { CONTRACT_VERSIONS, contractNameOf } from '../../mocks/http/element-info.js';
import { resolveSlot } from '../../world/slots/slot-schemes.js';
import { openChaosLink } from '../targets/chaos-link.js';
import { aboutElement } from '../targets/element-about.js';
import { TargetSetupError, type TargetOptions } from '../targets/target-options.js';
import { provisionedSupply } from '../subscribers/subscriber-supply.js';
import type { VlrUnderTest } from './vlr-under-test.js';

/**
 * Opens a VLR for the suite with its environment emulated: the home HLR
 * (built-in, with subscribers the suite provisions) and billing, each
 * behind a proxy. `builtin` is our VLR wired to them; a VLR at an
 * `http(s)://` URL must be configured to reach the HLR at `hlrListen` and
 * billing at `billingListen`.
 *
 * @throws {TargetSetupError} for a VLR at a URL without those addresses.
 */
export async function openVlrTarget(options: TargetOptions): Promise<VlrUnderTest & AsyncDisposable> {
  const home = parsePlmn(options.home ?? '262-01').id;
  const visited = parsePlmn(options.visited ?? '208-01').id;
  const slot = resolveSlot('vlr', options.target, 'the conformance run');
  if (slot.kind === 'external' && (!options.hlrListen || !options.billingListen)) {
    throw new TargetSetupError(
      slot.url,
      'a VLR reaches its HLR and billing on its own, and no address was given for them',
      'Configure your VLR with an HLR and a billing address on this machine and pass them as --hlr-listen host:port --billing-listen host:port: the suite emulates both there',
    );
  }
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const agreements = new RoamingAgreements();
    agreements.add(home, visited);
    const hlr = await serveElement(hlrElement({ plmn: home, agreements }));
    cleanups.push(() => hlr.close());
    // A stand-alone billing system: it takes charging events from the VLR under test without a credential.
    const billing = await serveElement(billingElement(home, agreements));
    cleanups.push(() => billing.close());
    const hlrLink = await openChaosLink('hlr', hlr.address, {
      name: 'vlr:under-test -> hlr:emulated',
      ...(options.hlrListen ? { listen: options.hlrListen } : {}),
    });
    cleanups.push(() => hlrLink.close());
    const billingLink = await openChaosLink('billing', billing.address, {
      name: 'vlr:under-test -> billing:emulated',
      ...(options.billingListen ? { listen: options.billingListen } : {}),
    });
    cleanups.push(() => billingLink.close());

    let address: string;
    let url: string;
    if (slot.kind === 'external') ({ address, url } = slot);
    else {
      const vlrNumber = `vlr-${visited}`;
      const homeNetworks = new Map<PlmnId, HomeNetworkPort>([[home, new HlrClient({ baseUrl: `http://${hlrLink.listen}`, vlrNumber })]]);
      const charging = new BillingClient({ baseUrl: `http://${billingLink.listen}` });
      const vlr = await serveElement(vlrElement({ plmn: visited, vlrNumber, homeNetworks, clock: realClock, charging }));
      cleanups.push(() => vlr.close());
      ({ address, url } = vlr);
    }
    const access = await openChaosLink('vlr', address, { name: 'ue -> vlr:under-test' });
    cleanups.push(() => access.close());
    const about = await aboutElement(url);
    const admin = new HlrClient({ baseUrl: hlr.url });
    return {
      implementation: {
        role: 'vlr',
        target: slot.kind === 'external' ? slot.url : 'builtin',
        protocol: 'http',
        ...(about ? { implementation: about.implementation, version: about.version } : {}),
        contract: about?.contract ?? { name: contractNameOf('vlr'), version: CONTRACT_VERSIONS.vlr },
        ...(options.partner ? { partner: options.partner } : {}),
      },
      visited,
      home,
      access: new VlrClient({ baseUrl: `http://${access.listen}` }),
      subscribers: provisionedSupply(
        home,
        async (keys, profile) =>
          void (await admin.provision({
            ...keys,
            roaming: { allowed: profile.roaming !== 'barred', ...(profile.networks ? { networks: profile.networks } : {}) },
          })),
        'in the emulated home HLR',
      ),
      hlr: hlr.state,
      billing: () => billing.state,
      hlrLink: hlrLink.faults,
      close: closeAll,
      [Symbol.asyncDispose]: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
