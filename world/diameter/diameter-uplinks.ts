/**
 * A VLR's Diameter links to a home network: an S6a client (the VLR as an
 * MME, asking the HSS with AIR, ULR and PUR, answering its CLR and IDR on
 * the same connection) and a Gy client (the VLR's charging as credit-control
 * requests). Each connects to the chaos proxy of its link, reconnects after
 * a fault, and reports its messages as the steps of the VLR's transactions.
 *
 * @module
 */
import { DiameterClient } from '../../peers/diameter/peer-client.js';
import type { DiameterTraffic } from '../../peers/diameter/peer-types.js';
import { mmeRequestHandler } from '../../peers/diameter/s6a/mme-requests.js';
import { S6aHomeNetwork } from '../../peers/diameter/s6a/s6a-home-network.js';
import { GyChargingPort } from '../../peers/diameter/gy/gy-charging-port.js';
import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { ServedElement } from '../../mocks/element/served-element.js';
import type { DiameterName } from './diameter-names.js';
import { wireStepsOf } from './wire-steps.js';

/** What one Diameter uplink of a VLR is made from. */
export interface DiameterUplinkInit {
  /** The VLR's network. */
  readonly visited: PlmnId;
  /** The home network at the other end. */
  readonly home: PlmnId;
  /** `host:port` of the link's proxy. */
  readonly address: string;
  /** Who the VLR says it is in its CER. */
  readonly identity: DiameterName;
  /** Where requests are routed behind a DRA; the realm of the peer's CEA when omitted. */
  readonly destinationRealm?: string;
  readonly destinationHost?: string;
  /** Tx: how long a request waits for its answer. */
  readonly requestTimeoutMs: number;
  readonly hasher: IdentityHasher;
  /** Also told of every message (the world's pcap). */
  readonly onTraffic?: (traffic: DiameterTraffic) => void;
}

/** A client and the port built on it. */
export interface DiameterUplink<P> {
  readonly port: P;
  readonly client: DiameterClient;
}

/**
 * The VLR's S6a link: its home network port (E-UTRAN vectors, as an MME
 * asks for them), and the answers to the HSS's
 * CancelLocation and InsertSubscriberData for the VLR `vlr()` returns (the
 * one running now: a restart without state makes a new one).
 */
export function s6aUplink(init: DiameterUplinkInit, vlr: () => VisitorLocationRegister | undefined): DiameterUplink<S6aHomeNetwork> {
  const client = new DiameterClient({
    ...hostAndPort(init.address),
    identity: { ...init.identity, applications: ['s6a'] },
    requestTimeoutMs: init.requestTimeoutMs,
    onTraffic: traffic(init, `hlr:${init.home}`),
    onRequest: mmeRequestHandler({
      cancelLocation: (imsi) => vlr()?.cancelLocation(imsi) ?? false,
      insertSubscriberData: (imsi, data) => {
        const record = vlr()?.records.get(imsi);
        if (record) record.services = data.services;
        return record !== undefined;
      },
    }),
  });
  const port = new S6aHomeNetwork({
    client,
    servingPlmn: init.visited,
    ...(init.destinationRealm ? { destinationRealm: init.destinationRealm } : {}),
    ...(init.destinationHost ? { destinationHost: init.destinationHost } : {}),
  });
  return { port, client };
}

/** The VLR's Gy link: its charging port towards one OCS. */
export function gyUplink(init: DiameterUplinkInit): DiameterUplink<GyChargingPort> {
  const client = new DiameterClient({
    ...hostAndPort(init.address),
    identity: { ...init.identity, applications: ['gy'] },
    requestTimeoutMs: init.requestTimeoutMs,
    onTraffic: traffic(init, `billing:${init.home}`),
  });
  const port = new GyChargingPort({
    peers: [client],
    txTimeoutMs: init.requestTimeoutMs,
    ...(init.destinationRealm ? { destinationRealm: init.destinationRealm } : {}),
  });
  return { port, client };
}

function traffic(init: DiameterUplinkInit, to: string): (traffic: DiameterTraffic) => void {
  const steps = wireStepsOf({ from: `vlr:${init.visited}`, to }, init.hasher);
  const also = init.onTraffic;
  return also
    ? (t) => {
        steps(t);
        also(t);
      }
    : steps;
}

function hostAndPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(at + 1)) };
}

/**
 * The VLR element with its Diameter uplinks: a crash resets their
 * connections, as the death of an MME does, so the HSS's next CancelLocation
 * to it fails as it would over HTTP; the next request after the restart
 * connects again.
 */
export function resetUplinksOnCrash<S>(element: ServedElement<S>, clients: readonly DiameterClient[]): ServedElement<S> {
  if (clients.length === 0) return element;
  return new Proxy(element, {
    get(target, property) {
      if (property === 'crash') {
        return async () => {
          await target.crash();
          for (const client of clients) client.connection?.destroy('the VLR crashed');
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
