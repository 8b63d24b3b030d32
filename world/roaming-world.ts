import { randomBytes } from 'node:crypto';
import { ChaosNetwork, type LinkInfo } from '../chaos/chaos-network.js';
import { chosenChaosBackend, selectChaosBackend } from '../chaos/backends/select-backend.js';
import type { ChaosBackendKind } from '../chaos/backends/chaos-backend.js';
import { realClock } from '../core/clock.js';
import { EventLog } from '../simulator/roaming-events.js';
import { IdentityHasher } from '../simulator/identity-hasher.js';
import { parsePlmn, type PlmnId } from '../simulator/plmn.js';
import { RoamingAgreements, TARIFFS } from '../simulator/policy/agreements.js';
import type { AttachOutcome, ExchangeRunner } from '../simulator/procedures/attach.js';
import type { Subscriber, SubscriberProfile } from '../simulator/subscriber.js';
import { UnknownNameError } from '../simulator/domain-errors.js';
import { RoamingSimulator } from '../simulator/simulation/roaming-simulator.js';
import { VlrClient } from '../mocks/vlr/client.js';
import type { HlrClient } from '../mocks/hlr/client.js';
import type { BillingClient } from '../mocks/billing/client.js';
import { DEFAULT_WORLD, hlrOptionOf, InvalidWorldOptionError, type HlrBackend, type WorldOptions } from './world-options.js';
import { worldSlotsOf } from './slots/world-slots.js';
import type { StartedHomeNetwork } from './home-network.js';
import type { StartedVisitedNetwork } from './visited-network.js';
import {
  elementHostKindOf,
  openElementHost,
  openProxyHost,
  checkHostedSlots,
  proxiesInOf,
  type ElementHostKind,
} from './element-host/element-host.js';
import { NetworkedTopology } from './networked-topology.js';
import { waitUntilReady } from './readiness.js';
import { checkWorldExposure } from './exposure.js';
import { adminTokenFromEnv } from '../mocks/http/bearer-token.js';
import type { WorldPcap } from './diameter/world-pcap.js';
import { worldDiameterOf } from './diameter/world-diameter.js';

/** Options of one attach. */
export interface AttachOptions {
  /** The visited network, e.g. `208-01`. */
  readonly visited: string;
  /** Wraps each exchange, e.g. in a Playwright step; the simulator's `exchange` when omitted. */
  readonly exchange?: ExchangeRunner;
}

/** The simulator of a networked world: its procedures run over real sockets and chaos proxies. */
export type NetworkedSimulator = RoamingSimulator<StartedHomeNetwork, StartedVisitedNetwork>;

/**
 * A running roaming world: home HLRs and billing systems, visited VLRs, a
 * Toxiproxy proxy on every link, subscribers, and the event log. Start it
 * with {@link startRoamingWorld}; close it when done.
 */
export interface StartedRoamingWorld {
  /** Every link through a proxy, e.g. `vlr:208-01 -> hlr:262-01`. */
  readonly links: readonly LinkInfo[];
  /** Fault control on those links. */
  readonly chaos: ChaosNetwork;
  /** Every event of every procedure run in this world. */
  readonly events: EventLog;
  /** Pseudonyms of identities as they appear in events and logs. */
  readonly hasher: IdentityHasher;
  /**
   * The roaming simulator over this world's elements, on the real clock:
   * attach, location update, calls and handoffs, data, SMS, detach,
   * statistics and billing reconciliation, each procedure over HTTP (or
   * GSUP, or Diameter) through the chaos proxies.
   */
  readonly simulator: NetworkedSimulator;
  /** Which HLR the (first) home network runs. */
  readonly hlrBackend: HlrBackend;
  /** Where the elements run: in this thread, a worker thread or a child process. */
  readonly elementHost: ElementHostKind;
  /** What the user should know about the elements in their slots (e.g. an HLR they provision themselves), each said once. */
  readonly notices: readonly string[];
  readonly subscribers: {
    /** Creates and provisions one subscriber of `home` (default: the first home network). */
    create(options?: { home?: string; profile?: SubscriberProfile }): Promise<Subscriber>;
    /** Creates and provisions `count` subscribers; resolves when the HLR has them all. */
    createMany(options: { count: number; home?: string; profile?: SubscriberProfile }): Promise<Subscriber[]>;
  };
  /** Attaches a subscriber to a visited network through the access and inter-PLMN links. */
  attach(subscriber: Subscriber, options: AttachOptions): Promise<AttachOutcome>;
  /** A home network's elements (HLR, billing), e.g. to crash and restart them. */
  homeNetwork(home?: string): StartedHomeNetwork;
  /** A visited network's VLR element and its charging senders. */
  visitedNetwork(visited: string): StartedVisitedNetwork;
  /** The admin client of a home network's HLR when it speaks the HTTP contract (direct, not through a proxy). */
  hlr(home?: string): HlrClient;
  /** The client of a home network's billing system (direct, not through a proxy). */
  billing(home?: string): BillingClient;
  /**
   * Waits until every charging event parked by a VLR while billing was
   * unreachable has been delivered; false when `timeoutMs` passes first.
   */
  drainCharging(timeoutMs?: number): Promise<boolean>;
  /** The pcap of the world's Diameter traffic, written when the world closes; undefined unless `diameterPcap` (or `ROAM_DIAMETER_PCAP`) asked for one. */
  readonly diameterPcap: WorldPcap | undefined;
  /** The Toxiproxy API in use. */
  readonly toxiproxyUrl: string;
  /** Which chaos backend runs the proxies, and why it was chosen. */
  readonly chaosBackend: { readonly kind: ChaosBackendKind; readonly reason: string; readonly version: string };
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Brings up a roaming world on 127.0.0.1: each element on its own ephemeral
 * port, a proxy in front of each, on the chaos backend chosen by
 * `options.chaos` (the embedded Toxiproxy unless told otherwise), with our
 * mock HLR or osmo-hlr as `options.hlr` says.
 *
 * @example
 * ```ts
 * await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
 * const roamer = await world.subscribers.create();
 * const attach = await world.attach(roamer, { visited: '208-01' });
 * const call = await world.simulator.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
 * ```
 */
export async function startRoamingWorld(options: WorldOptions = {}): Promise<StartedRoamingWorld> {
  const host = options.host ?? DEFAULT_WORLD.host;
  // Before anything listens: a host other machines reach needs a token on the control APIs, or the risk taken.
  const adminToken = adminTokenFromEnv();
  const exposure = checkWorldExposure({ host, token: adminToken, allowRemote: options.allowRemote ?? false });
  if (exposure) process.stderr.write(exposure);
  const homeIds = (options.home ?? DEFAULT_WORLD.home).map((id) => parsePlmn(id).id);
  const visitedIds = (options.visited ?? DEFAULT_WORLD.visited).map((id) => parsePlmn(id).id);
  const slots = worldSlotsOf(
    { hlr: hlrOptionOf(options), ...(options.vlr ? { vlr: options.vlr } : {}), ...(options.billing ? { billing: options.billing } : {}) },
    homeIds,
    visitedIds,
  );
  // osmo-hlr's driver (launcher, VTY, GSUP) loads only for worlds that run it.
  if ([...slots.hlr.values()].some((slot) => slot.kind === 'osmo-hlr') && !(await import('../peers/osmo-hlr/launcher.js')).findOsmoHlr()) {
    throw new InvalidWorldOptionError('hlr', 'osmo-hlr', 'osmo-hlr is not installed: apt-get install osmo-hlr, or set OSMO_HLR_BIN');
  }
  const firstHlr = slots.hlr.get(homeIds[0]!)!;
  const hlrBackend: HlrBackend = firstHlr.kind === 'builtin' ? 'mock' : firstHlr.kind;
  const agreements = buildAgreements(options, homeIds, visitedIds);
  const diameter = await worldDiameterOf(options, { slots, homes: homeIds, visited: visitedIds, agreements });
  const pcap = diameter.pcap;
  const hashKey = options.hashKey ?? process.env['ROAM_HASH_KEY'] ?? randomBytes(16).toString('hex');
  const hasher = new IdentityHasher(hashKey);
  const events = new EventLog();
  const elementHostKind = elementHostKindOf(options.elementHost);
  const proxiesIn = proxiesInOf(options.chaos?.proxiesIn);
  // Before anything starts: a worker or child process runs the world's own elements only.
  checkHostedSlots(elementHostKind, slots, options);
  const backendChoice = {
    ...(options.chaos?.backend ? { backend: options.chaos.backend } : {}),
    ...(options.chaos?.url ? { url: options.chaos.url } : {}),
    ...(options.toxiproxyUrl ? { backend: 'external' as const, url: options.toxiproxyUrl } : {}),
  };
  if (proxiesIn !== 'world') {
    const chosen = chosenChaosBackend(backendChoice);
    if (chosen.kind !== 'embedded') {
      throw new InvalidWorldOptionError(
        'chaos.proxiesIn',
        proxiesIn,
        `the chaos backend is ${chosen.kind} (${chosen.reason}), whose proxies run where that Toxiproxy runs. Use the embedded backend, or leave chaos.proxiesIn at 'world'.`,
      );
    }
  }
  const billingToken = options.billingAuth?.token;

  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  // The pcap is written once everything is closed, so it ends with each connection's DPR/DPA.
  const close = async () => {
    await closeAll();
    await pcap?.write();
  };
  try {
    const elementHost = await openElementHost({ kind: elementHostKind, hashKey });
    cleanups.push(() => elementHost.close());
    // One secret per world: its VLRs authenticate to its billing systems, and nothing else can,
    // unless the user turned the world's credential off.
    const credentials = options.billingAuth?.worldCredential === false ? undefined : elementHost.credentials;
    const proxyHost = proxiesIn === 'own-process' ? await openProxyHost(hashKey) : undefined;
    if (proxyHost) cleanups.push(() => proxyHost.close());
    const startEmbedded = proxyHost?.startEmbeddedChaos ?? (proxiesIn === 'element-host' ? elementHost.startEmbeddedChaos : undefined);
    const backend = await selectChaosBackend({
      host,
      // The admin token guards the embedded Toxiproxy API too: one token for every control API of the world.
      ...(adminToken ? { token: adminToken } : {}),
      ...backendChoice,
      ...(startEmbedded ? { startEmbedded } : {}),
    });
    cleanups.push(() => backend.close());
    const chaos = new ChaosNetwork(backend);
    cleanups.push(() => chaos.removeLinks());

    // Networks of one kind start side by side (the visited ones need the homes); each started one is closed on
    // the way out, even when another failed to start.
    const homes = new Map<PlmnId, StartedHomeNetwork>(
      await startAll(homeIds, cleanups, (id) =>
        elementHost.startHomeNetwork({
          plmn: id,
          agreements,
          host,
          hlr: slots.hlr.get(id)!,
          billing: slots.billing.get(id)!,
          hasher,
          ...(credentials ? { credentials } : {}),
          ...(options.provisioning ? { provisioning: options.provisioning } : {}),
          ...(billingToken ? { billingToken } : {}),
          ...(options.protocols ? { protocols: options.protocols } : {}),
          ...diameter,
        }),
      ),
    );
    const visited = new Map<PlmnId, StartedVisitedNetwork>(
      await startAll(visitedIds, cleanups, (id) =>
        elementHost.startVisitedNetwork({
          plmn: id,
          homes,
          agreements,
          chaos,
          host,
          clock: realClock,
          hasher,
          slot: slots.vlr.get(id)!,
          ...(credentials ? { credentials } : {}),
          ...(billingToken ? { billingToken } : {}),
          ...(options.charging ? { charging: options.charging } : {}),
          ...diameter,
        }),
      ),
    );
    await wireBackLinks(chaos, homes, visited, agreements);
    await elementHost.flush();

    const topology = new NetworkedTopology(homes, visited);
    const simulator: NetworkedSimulator = new RoamingSimulator({
      clock: 'real',
      seed: options.seed ?? DEFAULT_WORLD.seed,
      latency: false,
      events: events.sink,
      pseudonymKey: hashKey,
      agreements: 'explicit',
      roamingAgreements: agreements,
      topology: () => topology,
    });

    const homeOf = (id: string | undefined) => topology.home(id ?? homeIds[0]!);
    const createMany = async ({ count, home, profile }: { count: number; home?: string; profile?: SubscriberProfile }) => {
      const network = homeOf(home);
      const created = simulator.createSubscribers({ home: network.plmn, count, ...(profile ? { profile } : {}) });
      await network.settled();
      return created;
    };

    // GSUP and Diameter links carry no HTTP: osmo-hlr's launcher already waited for it, a GSUP HLR at a URL is the
    // user's to start, and the VLRs' Diameter clients opened their connections (CER/CEA) as they started.
    const notHttp = new Set([
      ...[...homes.values()].filter((h) => h.hlrProtocol !== 'http').map((h) => `hlr:${h.plmn.id}`),
      ...[...homes.values()].filter((h) => h.billingProtocol !== 'http').map((h) => `billing:${h.plmn.id}`),
    ]);
    await waitUntilReady(chaos.links().filter((link) => !notHttp.has(link.name.split(' -> ')[1] ?? '')));
    const notices = [...homes.values()].flatMap((h) => h.notices);

    return {
      get links() {
        return chaos.links();
      },
      chaos,
      events,
      hasher,
      simulator,
      hlrBackend,
      elementHost: elementHostKind,
      notices,
      diameterPcap: pcap,
      toxiproxyUrl: chaos.url,
      chaosBackend: { kind: backend.kind, reason: backend.reason, version: backend.version },
      subscribers: {
        create: async (o = {}) => (await createMany({ ...o, count: 1 }))[0]!,
        createMany,
      },
      attach: (subscriber, { visited: visitedId, exchange }) => simulator.attach(subscriber, visitedId, exchange ? { exchange } : {}),
      homeNetwork: homeOf,
      visitedNetwork: (id) => topology.visitedNetwork(id),
      hlr: (home) => homeOf(home).admin,
      billing: (home) => homeOf(home).billingAdmin,
      drainCharging: async (timeoutMs = 30_000) => {
        const senders = topology.visited.flatMap((v) => [...v.charging.values()]);
        const drained = await Promise.all(senders.map((s) => s.drain(timeoutMs)));
        await topology.settled();
        return drained.every(Boolean);
      },
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** HLR -> VLR links (CancelLocation, mock HLR only) and VLR -> VLR links (handover). */
async function wireBackLinks(
  chaos: ChaosNetwork,
  homes: ReadonlyMap<PlmnId, StartedHomeNetwork>,
  visited: ReadonlyMap<PlmnId, StartedVisitedNetwork>,
  agreements: RoamingAgreements,
): Promise<void> {
  for (const [id, network] of visited) {
    for (const [homeId, home] of homes) {
      // Only our HLR sends CancelLocation, and only to a VLR it can be told about; over S6a it goes back on the MME's own connection.
      if (!home.hlrElement || home.hlrProtocol === 'diameter' || !agreements.between(homeId, id)) continue;
      const back = await chaos.addLink(`hlr:${homeId} -> vlr:${id}`, network.address);
      home.vlrs.add(network.vlrNumber, new VlrClient({ baseUrl: `http://${back.listen}` }));
    }
    for (const [otherId, other] of visited) {
      if (otherId === id) continue;
      const handover = await chaos.addLink(`vlr:${id} -> vlr:${otherId}`, other.address);
      network.addHandoverRoute(otherId, handover.listen);
    }
  }
}

function buildAgreements(options: WorldOptions, homes: PlmnId[], visited: PlmnId[]): RoamingAgreements {
  const agreements = new RoamingAgreements();
  if (!options.agreements) {
    for (const h of homes) for (const v of visited) agreements.add(h, v, TARIFFS['standard']);
    return agreements;
  }
  for (const a of options.agreements) {
    const tariff = typeof a.tariff === 'string' ? TARIFFS[a.tariff] : a.tariff;
    if (typeof a.tariff === 'string' && !tariff) throw new UnknownNameError('tariff', a.tariff, Object.keys(TARIFFS));
    agreements.add(a.home, a.visited, tariff ?? TARIFFS['standard']);
  }
  return agreements;
}

/**
 * Starts one network per id side by side and returns them in the order of
 * the ids. Every network that started gets its close in `cleanups`, so a
 * failure of one leaves none of the others running; the first failure is
 * thrown once all have settled.
 */
async function startAll<N extends { close(): Promise<void> }>(
  ids: readonly PlmnId[],
  cleanups: (() => Promise<void>)[],
  start: (id: PlmnId) => Promise<N>,
): Promise<[PlmnId, N][]> {
  const settled = await Promise.allSettled(ids.map(start));
  const started: [PlmnId, N][] = [];
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      cleanups.push(() => result.value.close());
      started.push([ids[i]!, result.value]);
    }
  });
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return started;
}
