import type { OpenUsage } from '../billing/cdr-collector.js';
import type { UsageRecord } from '../billing/usage-record.js';
import type { ChargingEvent } from '../signaling/ports.js';
import type { ProvisionRequest } from '../elements/home-location-register.js';
import type { Plmn } from '../plmn.js';
import type { SteeringPolicy } from '../policy/steering-policy.js';
import type { ServingNetworkPort } from '../signaling/serving-network-port.js';
import type { NetworkInit } from './network-registry.js';

/** What a simulation needs of a home network: provisioning in its HLR and the CDRs its billing closed. */
export interface TopologyHome {
  readonly kind: 'home';
  readonly plmn: Plmn;
  readonly name: string;
  /** Provisions a subscriber; may finish later (a real HLR over VTY), see {@link SimulationTopology.settled}. */
  provision(request: ProvisionRequest): void | Promise<void>;
  /** The usage records the home billing system closed so far. */
  readonly billedUsage: readonly UsageRecord[];
  /** Sessions the home billing system started and has not closed, for reconciliation to report. */
  readonly openUsage?: readonly OpenUsage[];
}

/** What a simulation needs of a visited network: how phones reach it. */
export interface TopologyVisited {
  readonly kind: 'visited';
  readonly plmn: Plmn;
  readonly name: string;
  /** The phone's way into this network: an in-memory VLR, or an HTTP client through a chaos proxy. */
  readonly access: ServingNetworkPort;
}

/**
 * The networks a {@link RoamingSimulator} runs its procedures against. The
 * in-memory {@link NetworkRegistry} (virtual or real clock, no sockets) is
 * one; a networked roaming world (elements on real sockets behind chaos
 * proxies) is another, so the same simulator code, statistics and ground
 * truth serve both.
 */
export interface SimulationTopology<H extends TopologyHome = TopologyHome, V extends TopologyVisited = TopologyVisited> {
  readonly homes: readonly H[];
  readonly visited: readonly V[];
  /** @throws {UnknownNameError} naming the PLMN and the networks there are. */
  home(plmn: string | Plmn): H;
  /** @throws {UnknownNameError} naming the PLMN and the networks there are. */
  visitedNetwork(plmn: string | Plmn): V;
  /** The home network whose MCC+MNC starts `imsi`, if any. */
  homeOfImsi(imsi: string): H | undefined;
  /** Resolves when background work (provisioning, CancelLocation, charging) has finished. */
  settled(): Promise<void>;
  /** Charging events the visited networks still hold (not delivered to billing), when they keep any. */
  undeliveredCharging?(): readonly ChargingEvent[];
  /** Adds a home network; a topology whose networks are fixed throws, saying so. */
  addHome(init: NetworkInit, steering?: SteeringPolicy): H;
  /** Adds a visited network; a topology whose networks are fixed throws, saying so. */
  addVisited(init: NetworkInit): V;
}
