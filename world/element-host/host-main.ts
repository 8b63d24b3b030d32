/**
 * An element host: a worker thread or a child process that runs a world's
 * network elements (HLRs, billing systems, VLRs and the VLRs' clients), so
 * they get an event loop, and a core, of their own. The world calls it
 * through {@link HostRpc}; the host asks the world to create the links its
 * VLRs reach other elements through (the chaos proxies stay with the world).
 *
 * Started by `openElementHost`; never imported for its exports.
 *
 * @module
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { LinkInfo } from '../../chaos/link-info.js';
import type { StartedChaosBackend } from '../../chaos/backends/chaos-backend.js';
import { realClock } from '../../core/clock.js';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import type { ProvisionRequest } from '../../simulator/elements/home-location-register.js';
import { ChargingCredentials } from '../../mocks/billing/charging-credential.js';
import { VlrClient } from '../../mocks/vlr/client.js';
import type { ServedElement } from '../../mocks/element/served-element.js';
import { startHomeNetwork, type StartedHomeNetwork } from '../home-network.js';
import { startVisitedNetwork, type StartedVisitedNetwork } from '../visited-network.js';
import {
  agreementsFrom,
  type BillingSnapshot,
  type ElementDescriptor,
  type EmbeddedChaosDescriptor,
  type HomeDescriptor,
  type HomeStart,
  type HostSettings,
  type UndeliveredCharging,
  type VisitedDescriptor,
  type VisitedStart,
  ELEMENT_HOST_CHILD_ENV,
} from './host-descriptors.js';
import { ElementHostError, HostRpc, type HostMessage, type HostPort } from './host-rpc.js';

/** The networks and elements one host runs. */
class HostedNetworks {
  readonly homes = new Map<PlmnId, StartedHomeNetwork>();
  readonly visited = new Map<PlmnId, StartedVisitedNetwork>();
  readonly elements = new Map<string, ServedElement<unknown>>();
  #settings: { hasher: IdentityHasher; credentials: ChargingCredentials } | undefined;
  #rpc: HostRpc | undefined;

  attach(rpc: HostRpc): void {
    this.#rpc = rpc;
  }

  init(settings: HostSettings): void {
    this.#settings = { hasher: new IdentityHasher(settings.hashKey), credentials: new ChargingCredentials(settings.chargingSecret) };
  }

  get settings(): { hasher: IdentityHasher; credentials: ChargingCredentials } {
    if (!this.#settings) throw new ElementHostError('start a network in the element host', 'the host was not given its settings');
    return this.#settings;
  }

  async startHome(init: HomeStart): Promise<HomeDescriptor> {
    const home = await startHomeNetwork({ ...init, agreements: agreementsFrom(init.agreements), ...this.settings });
    this.homes.set(home.plmn.id, home);
    if (home.hlrElement) this.elements.set(home.hlrElement.name, home.hlrElement);
    this.elements.set(home.billing.name, home.billing);
    return {
      plmn: home.plmn.id,
      hlrBackend: home.hlrBackend,
      hlrProtocol: home.hlrProtocol,
      ...(home.hlrElement ? { hlr: describe(home.hlrElement) } : {}),
      billing: describe(home.billing),
      hlrAddress: home.hlrAddress,
      billingAddress: home.billingAddress,
    };
  }

  async startVisited(init: VisitedStart): Promise<VisitedDescriptor> {
    const homes = new Map(init.homes.map((id) => [id, this.home(id)] as const));
    let access: LinkInfo | undefined;
    const network = await startVisitedNetwork({
      plmn: init.plmn,
      homes,
      agreements: agreementsFrom(init.agreements),
      host: init.host,
      clock: realClock,
      slot: { kind: 'builtin', role: 'vlr' },
      ...this.settings,
      ...(init.charging ? { charging: init.charging } : {}),
      ...(init.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: init.requestTimeoutMs }),
      // The world owns the proxies: each link the VLR needs is made there, and named as in-process.
      chaos: {
        addLink: async (name: string, upstream: string) => {
          const link = await this.#rpc!.call<LinkInfo>('addLink', name, upstream);
          if (name.startsWith('ue -> ')) access = link;
          return link;
        },
      },
    });
    this.visited.set(network.plmn.id, network);
    this.elements.set(network.vlrElement.name, network.vlrElement);
    return {
      plmn: network.plmn.id,
      vlrNumber: network.vlrNumber,
      vlr: describe(network.vlrElement),
      address: network.address,
      access: access!,
      chargingHomes: [...network.charging.keys()],
      uplinks: [...network.uplinks],
    };
  }

  home(id: PlmnId): StartedHomeNetwork {
    const home = this.homes.get(id);
    if (!home) throw new ElementHostError(`find home network ${id} in the element host`, 'it was not started there');
    return home;
  }

  visitedNetwork(id: PlmnId): StartedVisitedNetwork {
    const network = this.visited.get(id);
    if (!network) throw new ElementHostError(`find visited network ${id} in the element host`, 'it was not started there');
    return network;
  }

  element(name: string): ServedElement<unknown> {
    const element = this.elements.get(name);
    if (!element) throw new ElementHostError(`find element ${name} in the element host`, 'it was not started there');
    return element;
  }

  undelivered(id: PlmnId): UndeliveredCharging {
    const out: Record<PlmnId, readonly ChargingEvent[]> = {};
    for (const [home, sender] of this.visitedNetwork(id).charging) out[home] = sender.deadLetters.map((d) => d.event);
    return out;
  }

  async close(): Promise<void> {
    for (const network of [...this.visited.values()].reverse()) await network.close().catch(() => undefined);
    for (const home of [...this.homes.values()].reverse()) await home.close().catch(() => undefined);
    this.visited.clear();
    this.homes.clear();
    this.elements.clear();
  }
}

function describe(element: ServedElement<unknown>): ElementDescriptor {
  return { name: element.name, host: element.host, port: element.port };
}

/** Serves the world's calls on `port` until it says close. */
function serve(port: HostPort): void {
  const hosted = new HostedNetworks();
  // The embedded Toxiproxy, when the world puts its proxies here; it loads only then.
  let chaos: StartedChaosBackend | undefined;
  const closeChaos = async () => {
    const started = chaos;
    chaos = undefined;
    await started?.close();
  };
  const rpc = new HostRpc(port, {
    init: (settings: HostSettings) => hosted.init(settings),
    startHome: (init: HomeStart) => hosted.startHome(init),
    startVisited: (init: VisitedStart) => hosted.startVisited(init),
    addVlr: (home: PlmnId, vlrNumber: string, baseUrl: string) => hosted.home(home).vlrs.add(vlrNumber, new VlrClient({ baseUrl })),
    addHandoverRoute: (visited: PlmnId, other: PlmnId, listen: string) => hosted.visitedNetwork(visited).addHandoverRoute(other, listen),
    provision: (home: PlmnId, requests: readonly ProvisionRequest[]) => {
      for (const request of requests) void hosted.home(home).provision(request);
    },
    homeSettled: async (home: PlmnId) => {
      await hosted.home(home).settled();
      await hosted.home(home).hlrElement?.state.cancellationsSettled();
    },
    visitedSettled: async (visited: PlmnId): Promise<UndeliveredCharging> => {
      await hosted.visitedNetwork(visited).settled();
      return hosted.undelivered(visited);
    },
    billing: (home: PlmnId): BillingSnapshot => ({
      records: hosted.home(home).billedUsage,
      open: hosted.home(home).openUsage ?? [],
    }),
    drain: async (visited: PlmnId, home: PlmnId, timeoutMs: number) => {
      const sender = hosted.visitedNetwork(visited).charging.get(home);
      return sender ? sender.drain(timeoutMs) : true;
    },
    crash: async (name: string) => {
      await hosted.element(name).crash();
    },
    restart: async (name: string, keepState: boolean) => {
      await hosted.element(name).restart({ keepState });
    },
    startChaos: async (host: string | undefined, token: string | undefined): Promise<EmbeddedChaosDescriptor> => {
      if (!chaos) {
        const { startEmbeddedBackend } = await import('../../chaos/backends/embedded-backend.js');
        chaos = await startEmbeddedBackend('in the element host', host, token);
      }
      return { url: chaos.url };
    },
    closeChaos,
    close: async () => {
      await closeChaos().catch(() => undefined);
      await hosted.close();
      // Answer first; the world ends the host once answered, or it ends when nothing is left to do.
      setTimeout(() => process.exit(0), 1_000).unref();
    },
  });
  hosted.attach(rpc);
}

if (!isMainThread && parentPort && (workerData as { roamElementHost?: boolean } | null)?.roamElementHost === true) {
  const port = parentPort;
  serve({ post: (m) => port.postMessage(m), onMessage: (listener) => port.on('message', listener) });
} else if (process.send && process.env[ELEMENT_HOST_CHILD_ENV] === '1') {
  serve({ post: (m) => void process.send!(m), onMessage: (listener) => process.on('message', (m) => listener(m as HostMessage)) });
  // The world is gone (closed, or died): so is the host.
  process.on('disconnect', () => process.exit(0));
}
