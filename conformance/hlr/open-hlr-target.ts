import type { PlmnId } from '../../simulator/plmn.js';
import { parsePlmn } from '../../simulator/plmn.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import type { HomeNetworkPort } from '../../simulator/signaling/ports.js';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { CONTRACT_VERSIONS, contractNameOf } from '../../mocks/http/element-info.js';
import { startOsmoHlr } from '../../peers/osmo-hlr/launcher.js';
import { openProvisioning, provisionSubscriber, type HlrProvisioning } from '../../peers/osmo-hlr/provisioning.js';
import { ReconnectingGsupHome } from '../../world/reconnecting-gsup-home.js';
import type { ExternalSlot } from '../../world/slots/element-slot.js';
import { resolveSlot } from '../../world/slots/slot-schemes.js';
import { CaseSkipped } from '../core/case-context.js';
import { openChaosLink } from '../targets/chaos-link.js';
import { aboutElement } from '../targets/element-about.js';
import { fileSupply, provisionedSupply, type SubscriberSupply } from '../subscribers/subscriber-supply.js';
import { TargetSetupError, type TargetOptions } from '../targets/target-options.js';
import type { HlrUnderTest } from './hlr-under-test.js';
import { vtyVersion } from './vty-version.js';

/**
 * Opens an HLR for the suite: `builtin` (ours, served on an ephemeral port
 * in this process), `osmo-hlr` (started here), or the user's at an
 * `http(s)://` or `gsup://` URL. A chaos proxy goes in front of it.
 *
 * @throws {TargetSetupError} when the target cannot be reached or provisioned, saying what to give.
 * @example
 * ```ts
 * await using hlr = await openHlrTarget({ target: 'gsup://127.0.0.5:4222?vty=4258' });
 * const run = await runSuite(hlrSuite, hlr, hlr.implementation);
 * ```
 */
export async function openHlrTarget(options: TargetOptions): Promise<HlrUnderTest & AsyncDisposable> {
  const home = parsePlmn(options.home ?? '262-01').id;
  const visited = parsePlmn(options.visited ?? '208-01').id;
  const unagreed = parsePlmn(options.unagreed ?? '001-01').id;
  const slot = resolveSlot('hlr', options.target, 'the conformance run');
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    let external: ExternalSlot;
    let builtin = false;
    if (slot.kind === 'builtin') {
      const agreements = new RoamingAgreements();
      agreements.add(home, visited);
      const served = await serveElement(hlrElement({ plmn: home, agreements }));
      cleanups.push(() => served.close());
      external = { kind: 'external', role: 'hlr', protocol: 'http', url: served.url, address: served.address, options: {} };
      builtin = true;
    } else if (slot.kind === 'osmo-hlr') {
      const osmo = await startOsmoHlr();
      cleanups.push(() => osmo.stop());
      const url = `gsup://${osmo.address}:${osmo.gsupPort}`;
      external = {
        kind: 'external',
        role: 'hlr',
        protocol: 'gsup',
        url,
        address: `${osmo.address}:${osmo.gsupPort}`,
        options: { vty: String(osmo.vtyPort) },
      };
    } else external = slot;

    const link = await openChaosLink('hlr', external.address);
    cleanups.push(() => link.close());
    const common = { home, visited, unagreed, link: link.faults, close: closeAll, [Symbol.asyncDispose]: closeAll };
    const target = builtin ? 'builtin' : slot.kind === 'osmo-hlr' ? 'osmo-hlr' : external.url;
    if (external.protocol === 'http') {
      const admin = new HlrClient({ baseUrl: external.url, ...(options.adminToken ? { adminToken: options.adminToken } : {}) });
      const about = await aboutElement(external.url);
      const subscribers = options.subscribers
        ? fileSupply(options.subscribers)
        : provisionedSupply(
            home,
            async (keys, profile) =>
              void (await admin.provision({
                ...keys,
                roaming: { allowed: profile.roaming !== 'barred', ...(profile.networks ? { networks: profile.networks } : {}) },
              })),
            'through the admin contract (POST /admin/v1/subscribers)',
          );
      return {
        ...common,
        implementation: {
          role: 'hlr',
          target,
          protocol: 'http',
          ...(about ? { implementation: about.implementation, version: about.version } : {}),
          contract: about?.contract ?? { name: contractNameOf('hlr'), version: CONTRACT_VERSIONS.hlr },
          ...(options.partner ? { partner: options.partner } : {}),
        },
        subscribers,
        vlr: (vlrNumber) => new HlrClient({ baseUrl: `http://${link.listen}`, vlrNumber }),
      };
    }
    const host = external.address.slice(0, external.address.lastIndexOf(':'));
    const vtyPort = Number(external.options['vty']) || undefined;
    let subscribers: SubscriberSupply;
    let version: string | undefined;
    if (options.subscribers) subscribers = fileSupply(options.subscribers);
    else if (vtyPort) {
      const vty = await openProvisioning({ host, port: vtyPort });
      cleanups.push(() => vty.close());
      version = await vtyVersion(vty).catch(() => undefined);
      subscribers = provisionedSupply(home, overVty(vty), 'over the VTY');
    } else {
      throw new TargetSetupError(
        external.url,
        'a GSUP HLR has no admin contract, and no subscriber list was given',
        `Add ?vty=<port> to the URL to provision over its VTY (osmo-hlr: ${external.url}?vty=4258), or give --subscribers <csv> of IMSIs and keys you provisioned`,
      );
    }
    const hasher = new IdentityHasher();
    const ports = new Map<string, ReconnectingGsupHome>();
    cleanups.push(async () => void (await Promise.all([...ports.values()].map((p) => p.close()))));
    return {
      ...common,
      implementation: {
        role: 'hlr',
        target,
        protocol: 'gsup',
        ...(version ? { implementation: 'osmo-hlr', version } : {}),
        contract: { name: 'GSUP (Osmocom, TS 29.002 MAP procedures)', version: 'osmo-hlr 1.x' },
        ...(options.partner ? { partner: options.partner } : {}),
      },
      subscribers,
      vlr: (vlrNumber): HomeNetworkPort => {
        let port = ports.get(vlrNumber);
        if (!port) ports.set(vlrNumber, (port = new ReconnectingGsupHome({ address: link.listen, hasher })));
        return port;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// osmo-hlr has one access mode for CS and PS and no list of networks per subscriber.
function overVty(vty: HlrProvisioning) {
  let queue: Promise<unknown> = Promise.resolve();
  return (keys: { imsi: string; msisdn: string; k: string; opc: string }, profile: { roaming?: string; networks?: readonly PlmnId[] }) => {
    if (profile.networks) throw new CaseSkipped("osmo-hlr's VTY cannot provision a list of networks a subscriber may roam in");
    const next = queue.then(() =>
      provisionSubscriber(vty, {
        imsi: keys.imsi,
        msisdn: keys.msisdn.replace(/^\+/, ''),
        milenage: { k: keys.k, opc: keys.opc },
        networkAccessMode: profile.roaming === 'barred' ? 'none' : 'cs+ps',
      }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
}
