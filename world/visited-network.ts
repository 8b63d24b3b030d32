import { VisitorLocationRegister } from '../simulator/elements/visitor-location-register.js';
import type { ChargingEvent, ChargingPort, HandoverPort, HomeNetworkPort } from '../simulator/signaling/ports.js';
import type { Clock } from '../core/clock.js';
import type { IdentityHasher } from '../simulator/identity-hasher.js';
import { operatorOf } from '../simulator/reference/operators.js';
import { parsePlmn, type Plmn, type PlmnId } from '../simulator/plmn.js';
import type { RoamingAgreements } from '../simulator/policy/agreements.js';
import type { TopologyVisited } from '../simulator/simulation/topology.js';
import type { ChaosNetwork } from '../chaos/chaos-network.js';
import { serveElement, type ServedElement } from '../mocks/element/served-element.js';
import { vlrElement } from '../mocks/vlr/element.js';
import { VlrClient } from '../mocks/vlr/client.js';
import { HlrClient } from '../mocks/hlr/client.js';
import { BillingClient } from '../mocks/billing/client.js';
import { ReliableChargingSender } from '../mocks/billing/charging-sender.js';
import type { ChargingCredentials } from '../mocks/billing/charging-credential.js';
import type { StartedHomeNetwork } from './home-network.js';
import type { ReconnectingGsupHome } from './reconnecting-gsup-home.js';
import type { StartedOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import { describeOsmoHlrExit } from '../peers/osmo-hlr/osmo-hlr-exit.js';
import type { ChargingDeliveryOptions } from './world-options.js';
import type { ResolvedSlot } from './slots/element-slot.js';
import type { DiameterClient } from '../peers/diameter/peer-client.js';
import type { DiameterUplinkInit } from './diameter/diameter-uplinks.js';
import { mmeName } from './diameter/diameter-names.js';
import type { WorldPcap } from './diameter/world-pcap.js';

/**
 * A visited network of a networked world: its VLR/MME as a crashable
 * element. Phones reach it through the `ue -> vlr:<plmn>` proxy; it reaches
 * each home HLR and billing system through `vlr:<plmn> -> hlr:<home>` and
 * `vlr:<plmn> -> billing:<home>`, and other VLRs (handover) through
 * `vlr:<plmn> -> vlr:<other>`.
 */
export interface StartedVisitedNetwork extends TopologyVisited {
  readonly plmn: Plmn;
  /** What fills the VLR slot: ours, or the user's at a URL. */
  readonly slot: ResolvedSlot;
  /** The VLR as a crashable element (its state is the VLR). @throws when the VLR is the user's. */
  readonly vlrElement: ServedElement<VisitorLocationRegister>;
  /** The VLR running now (a restart without state makes a new one). @throws when the VLR is the user's. */
  readonly vlr: VisitorLocationRegister;
  /**
   * Where this network's VLR reaches each home, by home PLMN: the listen
   * addresses of the `vlr:<plmn> -> hlr:<home>` and `vlr:<plmn> -> billing:<home>`
   * proxies. A VLR given by URL must be configured to use them.
   */
  readonly uplinks: ReadonlyMap<PlmnId, { readonly hlr: string; readonly billing: string }>;
  /** The VLR number HLRs store. */
  readonly vlrNumber: string;
  /** `host:port` of the VLR server. */
  readonly address: string;
  /** The phone's way in: a client through the `ue -> vlr:<plmn>` proxy. */
  readonly access: VlrClient;
  /** The charging sender towards each home network's billing, by home PLMN. */
  readonly charging: ReadonlyMap<PlmnId, ReliableChargingSender>;
  /** Routes handovers to `other` through the `vlr:<plmn> -> vlr:<other>` proxy at `listen`. */
  addHandoverRoute(other: PlmnId, listen: string): void;
  /** Waits for this VLR's background work: charging sends, parked events replayable now. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** What a visited network is started with. */
export interface VisitedNetworkInit {
  readonly plmn: PlmnId;
  readonly homes: ReadonlyMap<PlmnId, StartedHomeNetwork>;
  readonly agreements: RoamingAgreements;
  /** Where the VLR's links are made: the world's chaos network (or, in an element host, the world through it). */
  readonly chaos: Pick<ChaosNetwork, 'addLink'>;
  readonly host: string;
  readonly clock: Clock;
  readonly hasher: IdentityHasher;
  readonly charging?: ChargingDeliveryOptions;
  /** The world's charging credentials: the VLR presents its own (`vlr:<plmn>`) to every billing system. */
  readonly credentials?: ChargingCredentials;
  /** What fills the VLR slot; built-in when omitted. */
  readonly slot?: ResolvedSlot;
  /** Bearer token the VLR sends to a home billing system given by URL (instead of the world's credential). */
  readonly billingToken?: string;
  /** How long the VLR waits for a home network's answer, whatever the protocol. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** The world's Diameter pcap, when one is written. */
  readonly pcap?: WorldPcap;
}

/** The VLR's wait for a home network's answer when the world does not say. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * How long a phone waits for its VLR: 5 s longer than the VLR waits for a
 * home network (as an attaching phone's T3410, 15 s, outlasts the network's
 * 10 s), so an unreachable home reaches the phone as the VLR's reject
 * (`NETWORK_FAILURE`), never as the phone's own timeout.
 */
export function accessTimeoutMs(requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS): number {
  return requestTimeoutMs + 5_000;
}

/**
 * Starts a visited network's VLR, with proxies to every home network it has
 * an agreement with, and the phone's access proxy.
 */
export async function startVisitedNetwork(init: VisitedNetworkInit): Promise<StartedVisitedNetwork> {
  const plmn = parsePlmn(init.plmn);
  const vlrNumber = `vlr-${plmn.id}`;
  const homeNetworks = new Map<PlmnId, HomeNetworkPort>();
  const senders = new Map<PlmnId, ReliableChargingSender>();
  const gsupHomes: ReconnectingGsupHome[] = [];
  const handoverTargets = new Map<PlmnId, HandoverPort>();
  const uplinks = new Map<PlmnId, { hlr: string; billing: string }>();
  const slot: ResolvedSlot = init.slot ?? { kind: 'builtin', role: 'vlr' };
  const diameterClients: DiameterClient[] = [];
  const timeoutMs = init.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // A restart without state makes a new VLR: the HSS's CLR and IDR go to the one running now.
  let element: ServedElement<VisitorLocationRegister> | undefined;
  for (const [homeId, home] of init.homes) {
    if (!init.agreements.between(homeId, plmn.id)) continue;
    // Diameter is a stream of messages on a long-lived connection: faults act per connection, not per request.
    const traffic = (protocol: string) => ({ traffic: protocol === 'diameter' ? ('stream' as const) : ('request-response' as const) });
    const toHlr = await init.chaos.addLink(`vlr:${plmn.id} -> hlr:${homeId}`, home.hlrAddress, traffic(home.hlrProtocol));
    const toBilling = await init.chaos.addLink(`vlr:${plmn.id} -> billing:${homeId}`, home.billingAddress, traffic(home.billingProtocol));
    uplinks.set(homeId, { hlr: toHlr.listen, billing: toBilling.listen });
    if (home.hlrProtocol === 'diameter') init.pcap?.serviceAt(toHlr.listen);
    if (home.billingProtocol === 'diameter') init.pcap?.serviceAt(toBilling.listen);
    // A VLR given by URL reaches the homes on its own, through the same proxies.
    if (slot.kind === 'external') continue;
    const diameter = (role: 'hlr' | 'billing', address: string): DiameterUplinkInit => {
      const peer = home.slots[role];
      const given = peer.kind === 'external' ? peer.options : {};
      const name = mmeName(plmn.id, vlrNumber);
      return {
        visited: plmn.id,
        home: homeId,
        address,
        identity: { originHost: given['originHost'] ?? name.originHost, originRealm: given['originRealm'] ?? name.originRealm },
        ...(given['destinationRealm'] ? { destinationRealm: given['destinationRealm'] } : {}),
        ...(given['destinationHost'] ? { destinationHost: given['destinationHost'] } : {}),
        requestTimeoutMs: timeoutMs,
        hasher: init.hasher,
        ...(init.pcap ? { onTraffic: init.pcap.onTraffic } : {}),
      };
    };
    if (home.hlrProtocol === 'diameter') {
      // The Diameter stack loads only for worlds whose links speak it.
      const { s6aUplink } = await import('./diameter/diameter-uplinks.js');
      // A crashed VLR answers nothing, CancelLocation included.
      const s6a = s6aUplink(diameter('hlr', toHlr.listen), () => (element?.isUp ? element.state : undefined));
      diameterClients.push(s6a.client);
      homeNetworks.set(homeId, s6a.port);
    } else if (home.hlrProtocol === 'http') {
      homeNetworks.set(homeId, new HlrClient({ baseUrl: `http://${toHlr.listen}`, vlrNumber, timeoutMs }));
    } else {
      // The GSUP client loads only for worlds whose HLR speaks GSUP.
      const { ReconnectingGsupHome: GsupHome } = await import('./reconnecting-gsup-home.js');
      const gsup = new GsupHome({
        address: toHlr.listen,
        hasher: init.hasher,
        home: homeId,
        death: () => deathOf(home.osmoHlr),
      });
      gsupHomes.push(gsup);
      homeNetworks.set(homeId, gsup);
    }
    if (home.billingProtocol === 'diameter') {
      const { gyUplink } = await import('./diameter/diameter-uplinks.js');
      const gy = gyUplink(diameter('billing', toBilling.listen));
      diameterClients.push(gy.client);
      senders.set(homeId, new ReliableChargingSender(gy.port, { ...init.charging, clock: init.clock }));
      continue;
    }
    const authorization =
      home.slots.billing.kind === 'external' && init.billingToken
        ? `Bearer ${init.billingToken}`
        : init.credentials?.authorizationFor(`vlr:${plmn.id}`);
    senders.set(
      homeId,
      new ReliableChargingSender(
        new BillingClient({ baseUrl: `http://${toBilling.listen}`, ...(authorization ? { authorization } : {}) }),
        { ...init.charging, clock: init.clock },
      ),
    );
  }
  const charging: ChargingPort = {
    record: (event: ChargingEvent) => {
      const home = [...senders.keys()].find((id) => event.imsi.startsWith(id.replace('-', '')));
      const sender = home && senders.get(home);
      if (!sender) {
        return Promise.reject(
          new Error(
            `[roam] Failed to send a charging event from ${plmn.id}: no billing route to the subscriber's home network. Add a roaming agreement.`,
          ),
        );
      }
      return sender.record(event);
    },
  };
  if (slot.kind !== 'external') {
    const served = await serveElement(
      vlrElement({ plmn: plmn.id, vlrNumber, homeNetworks, clock: init.clock, charging, handoverTargets }),
      {
        host: init.host,
        hasher: init.hasher,
      },
    );
    element =
      diameterClients.length === 0 ? served : (await import('./diameter/diameter-uplinks.js')).resetUplinksOnCrash(served, diameterClients);
  }
  const close = async () => {
    for (const sender of senders.values()) sender.stop();
    await element?.close();
    await Promise.all([...gsupHomes.map((g) => g.close()), ...diameterClients.map((c) => c.close())]);
  };
  const ours = (what: string) => {
    if (element) return element;
    throw new Error(
      `[roam] Failed to get the ${what} of ${plmn.id}: its VLR is yours, at ${slot.kind === 'external' ? slot.url : 'a URL'}. Reach it through world.visitedNetwork('${plmn.id}').access.`,
    );
  };
  const address = element?.address ?? (slot.kind === 'external' ? slot.address : '');
  try {
    // The capabilities exchange proves each Diameter link's wiring before the first procedure, as /readyz does over HTTP.
    await Promise.all(diameterClients.map((client) => client.connect()));
    const access = await init.chaos.addLink(`ue -> vlr:${plmn.id}`, address);
    return {
      kind: 'visited',
      plmn,
      // A getter: the operator list loads when a name is first read, not when a world starts.
      get name() {
        return operatorOf(plmn)?.brand ?? plmn.id;
      },
      slot,
      get vlrElement() {
        return ours('VLR element');
      },
      get vlr() {
        return ours('VLR').state;
      },
      uplinks,
      vlrNumber,
      address,
      access: new VlrClient({ baseUrl: `http://${access.listen}`, timeoutMs: accessTimeoutMs(timeoutMs) }),
      charging: senders,
      // A VLR given by URL is configured by its owner; handovers from it are its own business.
      addHandoverRoute: (other, listen) => void (element && handoverTargets.set(other, new VlrClient({ baseUrl: `http://${listen}` }))),
      settled: async () => {
        await element?.state.settled();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** How osmo-hlr died, when it did without being stopped. */
function deathOf(osmo: StartedOsmoHlr | undefined): string | undefined {
  const exit = osmo?.exitStatus();
  return exit && !exit.stopped ? describeOsmoHlrExit(exit) : undefined;
}
