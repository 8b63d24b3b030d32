import type { Clock } from '../../core/clock.js';
import type { ExchangeRunner } from '../procedures/attach.js';
import type { SubscriberData } from '../signaling/ports.js';
import type { EventSink } from '../roaming-events.js';
import type { LatencyProfile } from '../latency/latency-model.js';
import type { Plmn } from '../plmn.js';
import type { RoamingAgreements, Tariff } from '../policy/agreements.js';
import type { Seed } from '../random/seeded-random.js';
import type { Subscriber, SubscriberProfile } from '../subscriber.js';
import type { HomeNetwork, NetworkInit, VisitedNetwork } from './network-registry.js';
import type { SimulationTopology, TopologyHome, TopologyVisited } from './topology.js';

/** How to build a {@link RoamingSimulator}. */
export interface RoamingSimulatorOptions<H extends TopologyHome = HomeNetwork, V extends TopologyVisited = VisitedNetwork> {
  /** `virtual` (default): a discrete-event clock, no sleeping; `real`: the wall clock; or any {@link Clock}. */
  readonly clock?: 'virtual' | 'real' | Clock;
  /** Where virtual time 0 sits on the calendar (2025-01-01T00:00:00Z when omitted). */
  readonly startAt?: number | string | Date;
  /** Seeds every random draw (latencies, RANDs, generated subscribers); 1 when omitted. */
  readonly seed?: Seed;
  /** Latency model: the reference figures (docs/latency-model.md) when omitted; `false` for none (everything answers at once). */
  readonly latency?: false | { readonly defaults?: LatencyProfile; readonly networks?: Readonly<Record<string, LatencyProfile>> };
  /** Where events go; an in-memory {@link EventLog} (`eventLog`) when omitted. */
  readonly events?: EventSink;
  /** HMAC key of the IMSI/MSISDN pseudonyms; derived from the seed when omitted, so logs repeat. Set it for real identities. */
  readonly pseudonymKey?: string;
  /**
   * `automatic` (default): each home network gets an agreement at `defaultTariff` with each visited
   * network as they register; `explicit`: only what you add to `agreements`.
   */
  readonly agreements?: 'automatic' | 'explicit';
  readonly defaultTariff?: Tariff | string;
  /** Keep ended call sessions for getSessionStatistics (true when omitted); false for long soak runs. */
  readonly retainSessions?: boolean;
  /** Keep every charging event in the home ledgers (true when omitted); false for long soak runs (CDRs are kept either way). */
  readonly retainChargingEvents?: boolean;
  /**
   * Keep ground-truth records and CDRs (true when omitted). False for long soak runs that
   * reconcile as they go through `journal.onRecord` and each home's `cdrs.onRecord`.
   */
  readonly retainUsage?: boolean;
  /**
   * The networks to run against, instead of in-memory ones: a networked
   * roaming world passes its elements on real sockets behind chaos proxies.
   * Gets the simulator's clock and agreements.
   */
  readonly topology?: (context: { readonly clock: Clock; readonly agreements: RoamingAgreements }) => SimulationTopology<H, V>;
  /** Wraps each exchange between phone and network, e.g. in a Playwright step (it can also be set later). */
  readonly exchange?: ExchangeRunner;
  /** The agreements to use (e.g. the ones a networked world's elements were built with); a new set when omitted. */
  readonly roamingAgreements?: RoamingAgreements;
}

/** A subscriber as an operator provisions it: the record its HLR holds. */
export interface SubscriberRegistration {
  readonly imsi: string;
  readonly msisdn: string;
  /** The home network; the one whose MCC+MNC starts the IMSI when omitted. */
  readonly home?: string | Plmn;
  /** 32 hex digits; a seeded random key when omitted. The SIM and the HLR get the same one. */
  readonly k?: string;
  readonly opc?: string;
  /** True when omitted. */
  readonly roamingAllowed?: boolean;
  /** Visited networks allowed; every network with an agreement when omitted. */
  readonly allowedNetworks?: readonly string[];
  readonly services?: SubscriberData['services'];
  readonly profile?: SubscriberProfile;
}

/** A network given by PLMN id, by MCC and MNC (with an optional name), or in full. */
export type NetworkRef =
  string | Plmn | NetworkInit | { readonly mcc: string; readonly mnc: string; readonly name?: string; readonly latency?: LatencyProfile };

/** A subscriber given as its SIM, or by IMSI. */
export type SubscriberRef = Subscriber | string;
