import { RoamError } from '../core/errors.js';
import { UnknownNameError } from '../simulator/domain-errors.js';
import { parsePlmn, type Plmn, type PlmnId } from '../simulator/plmn.js';
import type { ChargingEvent } from '../simulator/signaling/ports.js';
import type { SimulationTopology } from '../simulator/simulation/topology.js';
import type { StartedHomeNetwork } from './home-network.js';
import type { StartedVisitedNetwork } from './visited-network.js';

/** A networked world's networks are the ones it started with. */
export class FixedTopologyError extends RoamError {
  constructor(kind: 'home' | 'visited', plmn: string) {
    super(
      'ROAM_FIXED_TOPOLOGY',
      `add ${kind} network ${plmn} to a running roaming world`,
      'its elements and proxies were started with the world',
      {
        hint: `List it in the world options (\`${kind}: [...]\`, or \`use: { roaming: { ${kind}: [...] } }\` in playwright.config.ts)`,
      },
    );
  }
}

/**
 * The simulator's view of a networked roaming world: home networks whose
 * HLR and billing are real services, visited networks whose VLRs phones
 * reach through chaos proxies. The {@link RoamingSimulator} runs the same
 * procedures, statistics and ground truth over it as over its in-memory
 * networks.
 */
export class NetworkedTopology implements SimulationTopology<StartedHomeNetwork, StartedVisitedNetwork> {
  readonly #homes: ReadonlyMap<PlmnId, StartedHomeNetwork>;
  readonly #visited: ReadonlyMap<PlmnId, StartedVisitedNetwork>;
  readonly #byPrefix = new Map<string, StartedHomeNetwork>();

  constructor(homes: ReadonlyMap<PlmnId, StartedHomeNetwork>, visited: ReadonlyMap<PlmnId, StartedVisitedNetwork>) {
    this.#homes = homes;
    this.#visited = visited;
    for (const home of homes.values()) this.#byPrefix.set(home.plmn.mcc + home.plmn.mnc, home);
  }

  get homes(): readonly StartedHomeNetwork[] {
    return [...this.#homes.values()];
  }

  get visited(): readonly StartedVisitedNetwork[] {
    return [...this.#visited.values()];
  }

  /** @throws {UnknownNameError} naming the home networks of this world. */
  home(plmn: string | Plmn): StartedHomeNetwork {
    const id = parsePlmn(plmn).id;
    const found = this.#homes.get(id);
    if (!found) throw new UnknownNameError('home network', id, [...this.#homes.keys()]);
    return found;
  }

  /** @throws {UnknownNameError} naming the visited networks of this world. */
  visitedNetwork(plmn: string | Plmn): StartedVisitedNetwork {
    const id = parsePlmn(plmn).id;
    const found = this.#visited.get(id);
    if (!found) throw new UnknownNameError('visited network', id, [...this.#visited.keys()]);
    return found;
  }

  homeOfImsi(imsi: string): StartedHomeNetwork | undefined {
    return this.#byPrefix.get(imsi.slice(0, 6)) ?? this.#byPrefix.get(imsi.slice(0, 5));
  }

  /** Provisioning finished, CancelLocations sent, every VLR's charging sent (or parked). */
  async settled(): Promise<void> {
    await Promise.all(this.homes.map((h) => h.settled()));
    await Promise.all(this.homes.map((h) => h.hlrElement?.state.cancellationsSettled()));
    await Promise.all(this.visited.map((v) => v.settled()));
  }

  /** Charging events every VLR's sender still holds: parked for replay, or rejected by billing. */
  undeliveredCharging(): ChargingEvent[] {
    return this.visited.flatMap((v) => [...v.charging.values()].flatMap((sender) => sender.deadLetters.map((d) => d.event)));
  }

  /** @throws {FixedTopologyError} always: a running world's networks are fixed. */
  addHome(init: { plmn: string | Plmn }): StartedHomeNetwork {
    throw new FixedTopologyError('home', parsePlmn(init.plmn).id);
  }

  /** @throws {FixedTopologyError} always: a running world's networks are fixed. */
  addVisited(init: { plmn: string | Plmn }): StartedVisitedNetwork {
    throw new FixedTopologyError('visited', parsePlmn(init.plmn).id);
  }
}
