import { CdrCollector } from '../billing/cdr-collector.js';
import { ChargingLedger } from '../billing/charging-ledger.js';
import type { Clock } from '../../core/clock.js';
import {
  directAccess,
  directCallRouting,
  directHandover,
  directHomeNetwork,
  directSmsCentre,
  directVisitedNetworks,
  type Delay,
} from '../elements/direct-ports.js';
import { HomeLocationRegister } from '../elements/home-location-register.js';
import type { ChargingPort, HandoverPort, HomeNetworkPort } from '../signaling/ports.js';
import { VisitorLocationRegister } from '../elements/visitor-location-register.js';
import { RoamError } from '../../core/errors.js';
import { UnknownNameError } from '../domain-errors.js';
import { LatencyModel, type LatencyProfile, type SignalingLeg } from '../latency/latency-model.js';
import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';
import type { RoamingAgreements } from '../policy/agreements.js';
import type { SteeringPolicy } from '../policy/steering-policy.js';
import type { ServingNetworkPort } from '../signaling/serving-network-port.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { operatorOf } from '../reference/operators.js';
import type { SimulationTopology, TopologyHome, TopologyVisited } from './topology.js';

/** How to register a network: its PLMN, and optionally a name and the latencies that differ in it. */
export interface NetworkInit {
  readonly plmn: string | Plmn;
  /** Shown in diagrams and reports; the operator's brand from the reference data when omitted. */
  readonly name?: string;
  readonly latency?: LatencyProfile;
}

/** A home network: its HLR/HSS and its billing system. */
export interface HomeNetwork extends TopologyHome {
  readonly kind: 'home';
  readonly plmn: Plmn;
  readonly name: string;
  readonly hlr: HomeLocationRegister;
  /** The home billing system's record of every charging event (empty when the simulator does not retain them). */
  readonly ledger: ChargingLedger;
  /** The home billing system's CDRs: usage records closed as charging events arrive. */
  readonly cdrs: CdrCollector;
}

/** A visited network: its VLR/MME, and the subscriber's access to it. */
export interface VisitedNetwork extends TopologyVisited {
  readonly kind: 'visited';
  readonly plmn: Plmn;
  readonly name: string;
  readonly vlr: VisitorLocationRegister;
  /** How phones reach this network (with the radio leg's modelled delay). */
  readonly access: ServingNetworkPort;
}

/** A network registered twice under the same PLMN. */
export class NetworkExistsError extends RoamError {
  constructor(plmn: PlmnId, kind: string) {
    super('ROAM_NETWORK_EXISTS', `register network ${plmn}`, `a ${kind} network with that PLMN is already registered`, {
      hint: 'Register each PLMN once; look it up with network(plmn) afterwards',
    });
  }
}

/**
 * The networks of an in-memory roaming world, wired together through the
 * direct ports: every visited VLR reaches every home HLR and billing system,
 * HLRs send CancelLocation to VLRs, VLRs hand calls over to each other.
 * Each link waits a delay drawn from the latency model on the world's
 * clock, so the virtual clock advances instead of sleeping.
 *
 * @internal the engine of {@link RoamingSimulator}.
 */
export class NetworkRegistry implements SimulationTopology<HomeNetwork, VisitedNetwork> {
  readonly #clock: Clock;
  readonly #random: SeededRandom;
  readonly #latency: LatencyModel | undefined;
  readonly #agreements: RoamingAgreements;
  readonly #retainEvents: boolean;
  readonly #retainCdrs: boolean;
  readonly #homes = new Map<PlmnId, HomeNetwork>();
  readonly #homesByPrefix = new Map<string, HomeNetwork>();
  readonly #visited = new Map<PlmnId, VisitedNetwork & { homeRoutes: Map<PlmnId, HomeNetworkPort>; handover: Map<PlmnId, HandoverPort> }>();

  constructor(options: {
    clock: Clock;
    random: SeededRandom;
    latency: LatencyModel | undefined;
    agreements: RoamingAgreements;
    /** Keep every charging event in each home's ledger (true when omitted). */
    retainChargingEvents?: boolean;
    /** Keep each home's closed CDRs (true when omitted); when not, they only go to `cdrs.onRecord`. */
    retainCdrs?: boolean;
  }) {
    this.#retainEvents = options.retainChargingEvents ?? true;
    this.#retainCdrs = options.retainCdrs ?? true;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#latency = options.latency;
    this.#agreements = options.agreements;
  }

  get homes(): readonly HomeNetwork[] {
    return [...this.#homes.values()];
  }

  get visited(): readonly VisitedNetwork[] {
    return [...this.#visited.values()];
  }

  /** @throws {InvalidPlmnError}, {@link NetworkExistsError}, {@link InvalidLatencyError}: all before anything is registered. */
  addHome(init: NetworkInit, steering?: SteeringPolicy): HomeNetwork {
    const plmn = this.#claim(init);
    // One stream of RANDs per HLR, so vectors repeat from the seed.
    const rand = this.#random.fork(`rand:${plmn.id}`);
    const hlr = new HomeLocationRegister({
      plmn,
      agreements: this.#agreements,
      visitedNetworks: directVisitedNetworks(() => this.visited.map((v) => v.vlr), this.#delay('hlr', undefined)),
      rand: (n) => rand.bytes(n),
      ...(steering ? { steering } : {}),
    });
    const cdrs = new CdrCollector(plmn.id);
    const home: HomeNetwork = {
      kind: 'home',
      plmn,
      name: nameOf(init, plmn),
      hlr,
      ledger: new ChargingLedger(),
      cdrs,
      provision: (request) => void hlr.provision(request),
      get billedUsage() {
        return cdrs.records;
      },
      get openUsage() {
        return cdrs.openUsage;
      },
    };
    this.#homes.set(plmn.id, home);
    this.#homesByPrefix.set(plmn.mcc + plmn.mnc, home);
    for (const v of this.#visited.values()) v.homeRoutes.set(plmn.id, this.#homeRoute(home, v.vlr.vlrNumber, v.plmn.id));
    return home;
  }

  /** @throws as {@link addHome}. */
  addVisited(init: NetworkInit): VisitedNetwork {
    const plmn = this.#claim(init);
    const vlrNumber = `vlr-${plmn.id}`;
    const homeRoutes = new Map<PlmnId, HomeNetworkPort>();
    for (const home of this.#homes.values()) homeRoutes.set(home.plmn.id, this.#homeRoute(home, vlrNumber, plmn.id));
    const handover = new Map<PlmnId, HandoverPort>();
    const vlr = new VisitorLocationRegister({
      plmn,
      vlrNumber,
      homeNetworks: homeRoutes,
      clock: this.#clock,
      charging: this.#chargingFrom(plmn.id),
      callRouting: directCallRouting(this.#delay('call-setup', plmn.id)),
      handoverTargets: handover,
      smsCentre: directSmsCentre(this.#delay('sms', plmn.id)),
      ...(this.#latency ? { registrationDelay: this.#delay('vlr', plmn.id) } : {}),
    });
    const network = {
      kind: 'visited' as const,
      plmn,
      name: nameOf(init, plmn),
      vlr,
      access: directAccess(vlr, this.#delay('radio', plmn.id)),
      homeRoutes,
      handover,
    };
    for (const other of this.#visited.values()) {
      other.handover.set(plmn.id, directHandover(vlr, this.#delay(LatencyModel.handoffLeg(other.plmn.id, plmn.id), plmn.id)));
      handover.set(other.plmn.id, directHandover(other.vlr, this.#delay(LatencyModel.handoffLeg(plmn.id, other.plmn.id), other.plmn.id)));
    }
    this.#visited.set(plmn.id, network);
    return network;
  }

  /** @throws {UnknownNameError} naming the PLMN and the networks that are registered. */
  home(plmn: string | Plmn): HomeNetwork {
    const fast = typeof plmn === 'string' ? this.#homes.get(plmn as PlmnId) : undefined;
    if (fast) return fast;
    const id = parsePlmn(plmn).id;
    const found = this.#homes.get(id);
    if (!found) throw new UnknownNameError('home network', id, [...this.#homes.keys()]);
    return found;
  }

  /** @throws {UnknownNameError} naming the PLMN and the networks that are registered. */
  visitedNetwork(plmn: string | Plmn): VisitedNetwork {
    const fast = typeof plmn === 'string' ? this.#visited.get(plmn as PlmnId) : undefined;
    if (fast) return fast;
    const id = parsePlmn(plmn).id;
    const found = this.#visited.get(id);
    if (!found) throw new UnknownNameError('visited network', id, [...this.#visited.keys()]);
    return found;
  }

  /** The home network whose MCC+MNC starts `imsi`, if registered. */
  homeOfImsi(imsi: string): HomeNetwork | undefined {
    // MNCs have two or three digits, so try both prefixes.
    return this.#homesByPrefix.get(imsi.slice(0, 6)) ?? this.#homesByPrefix.get(imsi.slice(0, 5));
  }

  /** Waits for CancelLocations and background charging to finish everywhere. */
  async settled(): Promise<void> {
    await Promise.all(this.homes.map((h) => h.hlr.cancellationsSettled()));
    await Promise.all(this.visited.map((v) => v.vlr.settled()));
  }

  #claim(init: NetworkInit): Plmn {
    const plmn = parsePlmn(init.plmn);
    const existing = this.#homes.get(plmn.id) ? 'home' : this.#visited.get(plmn.id) ? 'visited' : undefined;
    if (existing) throw new NetworkExistsError(plmn.id, existing);
    // Validates every range before it changes anything.
    if (init.latency) (this.#latency ?? new LatencyModel({ random: this.#random.fork('validation') })).setNetwork(plmn, init.latency);
    return plmn;
  }

  #homeRoute(home: HomeNetwork, vlrNumber: string, visited: PlmnId): HomeNetworkPort {
    return directHomeNetwork(home.hlr, { vlrNumber, delay: this.#delay('hlr', visited) });
  }

  // Charging goes to the subscriber's home billing system, found by IMSI: its CDR collector, and its ledger.
  #chargingFrom(visited: PlmnId): ChargingPort {
    const delay = this.#delay('billing', visited);
    return {
      record: async (event) => {
        const home = this.homeOfImsi(event.imsi);
        if (!home) throw new UnknownNameError('home billing system for IMSI', `${event.imsi.slice(0, 5)}…`, [...this.#homes.keys()]);
        await delay();
        if (this.#retainEvents) home.ledger.record(event);
        home.cdrs.record(event);
      },
    };
  }

  #delay(leg: SignalingLeg, network: PlmnId | undefined): Delay {
    const model = this.#latency;
    if (!model) return async () => {};
    return model.delay(this.#clock, leg, network);
  }
}

function nameOf(init: NetworkInit, plmn: Plmn): string {
  return init.name ?? operatorOf(plmn)?.brand ?? plmn.id;
}
