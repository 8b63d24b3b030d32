import { seededFaker } from '../random/seeded-faker.js';
import { UsageJournal } from '../billing/usage-record.js';
import { realClock, type Clock } from '../../core/clock.js';
import { VirtualClock } from '../../core/virtual-clock.js';
import { RoamError } from '../../core/errors.js';
import { UnknownNameError } from '../domain-errors.js';
import { EventLog, type EventSink } from '../roaming-events.js';
import { IdentityHasher } from '../identity-hasher.js';
import { parseImsi, parseMsisdn } from '../identity.js';
import { LatencyModel } from '../latency/latency-model.js';
import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';
import { RoamingAgreements, TARIFFS, parseTariff, type Tariff } from '../policy/agreements.js';
import { SteeringPolicy } from '../policy/steering-policy.js';
import { SeededRandom } from '../random/seeded-random.js';
import { countryOfMcc } from '../reference/operators.js';
import { mobileMsisdnFor } from '../reference/msisdn.js';
import { RoamingStatistics } from '../statistics/call-statistics.js';
import { Subscriber, SubscriberFactory, type SubscriberProfile } from '../subscriber.js';
import { NetworkRegistry, type HomeNetwork, type NetworkInit, type VisitedNetwork } from './network-registry.js';
import type { SimulationTopology, TopologyHome, TopologyVisited } from './topology.js';
import type { NetworkRef, RoamingSimulatorOptions, SubscriberRef, SubscriberRegistration } from './simulator-options.js';
import type { ExchangeRunner } from '../procedures/attach.js';

export type { NetworkRef, RoamingSimulatorOptions, SubscriberRef, SubscriberRegistration } from './simulator-options.js';

/** A procedure that needs the phone registered somewhere, asked of a phone that is not. */
export class NotRegisteredError extends RoamError {
  constructor(subscriberId: string, procedure: string) {
    super('ROAM_NOT_REGISTERED', procedure, `subscriber ${subscriberId} is not registered in any network`, {
      hint: 'Attach it first with attach(subscriber, visitedPlmn)',
    });
  }
}

/**
 * The engine under {@link RoamingSimulator}: networks, subscribers, where
 * each phone is registered, and how procedures are run on the clock.
 *
 * @internal extended by RoamingSimulator; use that.
 */
export class SimulatorCore<H extends TopologyHome = HomeNetwork, V extends TopologyVisited = VisitedNetwork> {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly agreements: RoamingAgreements;
  /** Ground truth: what subscribers really used, per network. */
  readonly journal: UsageJournal;
  readonly statistics = new RoamingStatistics();
  /** The events, when no `events` sink was given. */
  readonly eventLog: EventLog | undefined;
  readonly hasher: IdentityHasher;
  readonly latency: LatencyModel | undefined;
  /** Wraps each exchange with the network, e.g. in a Playwright step; none when omitted. */
  exchange: ExchangeRunner | undefined;
  protected readonly networks: SimulationTopology<H, V>;
  protected readonly events: EventSink;
  protected readonly serving = new Map<string, PlmnId>();
  protected readonly retainSessions: boolean;
  readonly #subscribers = new Map<string, Subscriber>();
  readonly #automatic: boolean;
  readonly #tariff: Tariff;
  #factory: SubscriberFactory | undefined;
  readonly #factorySeed: number;
  readonly #keys: SeededRandom;
  #correlation = 0;

  constructor(options: RoamingSimulatorOptions<H, V> = {}) {
    const seed = options.seed ?? 1;
    this.agreements = options.roamingAgreements ?? new RoamingAgreements();
    this.exchange = options.exchange;
    this.random = new SeededRandom(seed);
    this.clock =
      options.clock === 'real'
        ? realClock
        : options.clock === undefined || options.clock === 'virtual'
          ? new VirtualClock(options.startAt !== undefined ? { startAt: options.startAt } : {})
          : options.clock;
    this.latency = options.latency === false ? undefined : new LatencyModel({ random: this.random.fork('latency'), ...options.latency });
    this.eventLog = options.events ? undefined : new EventLog();
    this.events = options.events ?? this.eventLog!.sink;
    this.hasher = new IdentityHasher(options.pseudonymKey ?? `roaming-simulator:${this.random.seed}`);
    this.#automatic = (options.agreements ?? 'automatic') === 'automatic';
    this.retainSessions = options.retainSessions ?? true;
    this.journal = new UsageJournal({ retain: options.retainUsage ?? true });
    this.#tariff = parseTariff(options.defaultTariff ?? TARIFFS['standard']!);
    // The faker (and its locale data) loads on the first subscriber made, not when a world starts.
    this.#factorySeed = this.random.fork('subscribers').nextUint32();
    this.#keys = this.random.fork('keys');
    this.networks =
      options.topology?.({ clock: this.clock, agreements: this.agreements }) ??
      (new NetworkRegistry({
        clock: this.clock,
        random: this.random,
        latency: this.latency,
        agreements: this.agreements,
        retainChargingEvents: options.retainChargingEvents ?? true,
        retainCdrs: options.retainUsage ?? true,
        // Without a topology of its own, H and V are the in-memory registry's types.
      }) as unknown as SimulationTopology<H, V>);
  }

  /** Registers a home network: its HLR/HSS and billing system. @throws {InvalidPlmnError}, {@link NetworkExistsError} */
  registerHomeNetwork(
    init: NetworkRef,
    options: { readonly steering?: { readonly preferred: readonly string[]; readonly maxRejects?: number } } = {},
  ): H {
    const parsed = networkInit(init);
    const steering = options.steering ? new SteeringPolicy(options.steering) : undefined;
    const home = this.networks.addHome(parsed, steering);
    if (this.#automatic) for (const v of this.networks.visited) this.#agree(home.plmn.id, v.plmn.id);
    return home;
  }

  /** Registers a visited network: its VLR/MME. @throws {InvalidPlmnError}, {@link NetworkExistsError} */
  registerVisitedNetwork(init: NetworkRef): V {
    const visited = this.networks.addVisited(networkInit(init));
    if (this.#automatic) for (const h of this.networks.homes) this.#agree(h.plmn.id, visited.plmn.id);
    return visited;
  }

  /** A registered network. @throws {UnknownNameError} naming the PLMN and the registered ones. */
  network(plmn: string | Plmn): H | V {
    const id = parsePlmn(plmn).id;
    const found = [...this.networks.homes, ...this.networks.visited].find((n) => n.plmn.id === id);
    if (!found)
      throw new UnknownNameError(
        'network',
        id,
        [...this.networks.homes, ...this.networks.visited].map((n) => n.plmn.id),
      );
    return found;
  }

  get homeNetworks(): readonly H[] {
    return this.networks.homes;
  }

  get visitedNetworks(): readonly V[] {
    return this.networks.visited;
  }

  /**
   * Provisions a subscriber in its home HLR and returns its SIM. Everything
   * is validated first: on any error nothing is registered.
   *
   * @throws {InvalidIdentityError}, {@link InvalidPlmnError}, {@link UnknownNameError} (home network), {@link SubscriberExistsError}
   */
  registerSubscriber(registration: SubscriberRegistration): Subscriber {
    const home = registration.home !== undefined ? this.networks.home(registration.home) : this.#homeOf(parseImsi(registration.imsi));
    const subscriber = new Subscriber({
      imsi: registration.imsi,
      msisdn: registration.msisdn,
      home: home.plmn,
      k: registration.k ?? this.#keys.hex(32),
      opc: registration.opc ?? this.#keys.hex(32),
      ...(registration.profile ? { profile: registration.profile } : {}),
    });
    this.#provision(home, subscriber, registration);
    return subscriber;
  }

  /** Makes and provisions `count` subscribers of `home` from seeded reference data (valid IMSIs and MSISDNs). */
  createSubscribers(options: {
    readonly home: string | Plmn;
    readonly count?: number;
    readonly profile?: SubscriberProfile;
    readonly allowedNetworks?: readonly string[];
    readonly roamingAllowed?: boolean;
    /** False: SIMs the HLR does not know (their calls fail with IMSI_UNKNOWN). True when omitted. */
    readonly provision?: boolean;
  }): Subscriber[] {
    const home = this.networks.home(options.home);
    this.#factory ??= new SubscriberFactory(seededFaker(this.#factorySeed));
    const made = this.#factory.create({
      home: home.plmn,
      count: options.count ?? 1,
      ...(options.profile ? { profile: options.profile } : {}),
    });
    if (options.provision === false) return made;
    for (const s of made) this.#provision(home, s, options);
    return made;
  }

  /** A registered subscriber's SIM. @throws {UnknownNameError} */
  subscriber(imsi: string): Subscriber {
    const found = this.#subscribers.get(imsi);
    if (!found) throw new UnknownNameError('subscriber', `IMSI ending ${imsi.slice(-4)}`, []);
    return found;
  }

  /** Every registered subscriber. */
  get subscribers(): readonly Subscriber[] {
    return [...this.#subscribers.values()];
  }

  /** The network the phone is registered in, if any. */
  servingNetworkOf(who: SubscriberRef): PlmnId | undefined {
    return this.serving.get(typeof who === 'string' ? who : who.imsi);
  }

  /** Lets `ms` of time pass on the simulator's clock (virtual: at once; real: sleeping). */
  elapse(ms: number): Promise<void> {
    return this.run(this.clock.sleep(ms));
  }

  /** Waits for background signalling (CancelLocation, charging of closed sessions) to finish. */
  settled(): Promise<void> {
    return this.run(this.networks.settled());
  }

  /**
   * Runs work on the simulator's clock: on a virtual clock, time advances
   * until it is done. Use it to call network elements directly.
   *
   * @example
   * ```ts
   * const challenge = await sim.run(france.vlr.attachRequest(imsi));
   * ```
   */
  run<T>(work: Promise<T>): Promise<T> {
    return this.clock instanceof VirtualClock ? this.clock.settle(work) : work;
  }

  protected nextCorrelation(kind: string): string {
    return `${kind}-${++this.#correlation}`;
  }

  /** The SIM for `who`: a registered one, or, for an IMSI nobody registered, a SIM its home HLR does not know. */
  protected simOf(who: SubscriberRef): Subscriber {
    if (typeof who !== 'string') return who;
    const known = this.#subscribers.get(who);
    if (known) return known;
    const home = this.#homeOf(parseImsi(who));
    const country = countryOfMcc(home.plmn.mcc) ?? 'DE';
    const digits = (n: number) => Array.from({ length: n }, () => String(this.#keys.int(0, 9))).join('');
    return new Subscriber({
      imsi: who,
      msisdn: mobileMsisdnFor(country, digits),
      home: home.plmn,
      k: this.#keys.hex(32),
      opc: this.#keys.hex(32),
    });
  }

  protected registeredIn(sim: Subscriber, procedure: string): PlmnId {
    const visited = this.serving.get(sim.imsi);
    if (!visited) throw new NotRegisteredError(this.hasher.subscriber(sim.imsi), procedure);
    return visited;
  }

  #provision(home: TopologyHome, subscriber: Subscriber, registration: Omit<Partial<SubscriberRegistration>, 'imsi' | 'msisdn'>): void {
    const { k, opc } = subscriber.credentials.reveal();
    void home.provision({
      imsi: subscriber.imsi,
      msisdn: parseMsisdn(subscriber.msisdn),
      k,
      opc,
      roaming: {
        allowed: registration.roamingAllowed ?? true,
        ...(registration.allowedNetworks ? { networks: registration.allowedNetworks } : {}),
      },
      ...(registration.services ? { services: registration.services } : {}),
    });
    this.#subscribers.set(subscriber.imsi, subscriber);
  }

  #homeOf(imsi: string): H {
    const home = this.networks.homeOfImsi(imsi);
    if (!home)
      throw new UnknownNameError(
        'home network of IMSI',
        `${imsi.slice(0, 6)}…`,
        this.networks.homes.map((h) => h.plmn.id),
      );
    return home;
  }

  #agree(home: PlmnId, visited: PlmnId): void {
    if (!this.agreements.between(home, visited)) this.agreements.add(home, visited, this.#tariff);
  }
}

function networkInit(init: NetworkRef): NetworkInit {
  if (typeof init === 'string') return { plmn: init };
  if ('plmn' in init) return init;
  const { mcc, mnc } = init;
  return {
    plmn: `${mcc}-${mnc}`,
    ...('name' in init && init.name !== undefined ? { name: init.name } : {}),
    ...('latency' in init && init.latency !== undefined ? { latency: init.latency } : {}),
  };
}
