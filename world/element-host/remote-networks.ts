/**
 * The world's view of networks whose elements run in an element host: the
 * same `StartedHomeNetwork` / `StartedVisitedNetwork` shapes, over HTTP to
 * the elements (through the proxies, as in-process) and over calls to the
 * host for what HTTP does not carry (provisioning's completion, settling,
 * crash and restart, billing's records for reconciliation).
 *
 * An element's in-memory state lives in the host: reading it from here
 * throws {@link ElementInHostError}, except the few waits the world's
 * topology makes (`cancellationsSettled`, `settled`).
 *
 * @internal
 */
import { RoamError } from '../../core/errors.js';
import type { ElementFaults } from '../../mocks/element/element-faults.js';
import type { ElementLog } from '../../mocks/element/element-log.js';
import type { ServedElement } from '../../mocks/element/served-element.js';
import type { ReliableChargingSender, DeadLetter } from '../../mocks/billing/charging-sender.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { VlrClient } from '../../mocks/vlr/client.js';
import { VlrDirectory } from '../../mocks/vlr/vlr-directory.js';
import type { HomeLocationRegister, ProvisionRequest } from '../../simulator/elements/home-location-register.js';
import type { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { BillingState } from '../../mocks/billing/billing-state.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import { operatorOf } from '../../simulator/reference/operators.js';
import { parsePlmn, type PlmnId } from '../../simulator/plmn.js';
import type { StartedHomeNetwork } from '../home-network.js';
import type { StartedVisitedNetwork } from '../visited-network.js';
import type { BillingSnapshot, ElementDescriptor, HomeDescriptor, UndeliveredCharging, VisitedDescriptor } from './host-descriptors.js';
import type { HostRpc } from './host-rpc.js';

/** Something only the element host can reach: an element's in-memory state, faults object or log. */
export class ElementInHostError extends RoamError {
  constructor(element: string, what: string, where: string) {
    super('ROAM_ELEMENT_IN_HOST', `read ${what} of ${element}`, `the element runs in an element host (${where}), not in this thread`, {
      hint: "Use its HTTP API (world.hlr(), world.billing(), /admin/v1/faults at the element's url), or start the world with elementHost: 'in-process'",
    });
  }
}

/** Calls to the host made without waiting (links wired, provisioning sent), so `flush` can wait for them. */
export class PendingCalls {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #failures: unknown[] = [];

  track(call: Promise<unknown>): void {
    const tracked = call.catch((error: unknown) => void this.#failures.push(error)).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  /** Waits for every call tracked so far; throws the first that failed. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
    const failed = this.#failures.splice(0);
    if (failed.length) throw failed[0];
  }
}

/** A served element in the host, crashed and restarted through it. */
class RemoteElement<S> implements ServedElement<S> {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly address: string;
  readonly #rpc: HostRpc;
  readonly #where: string;
  readonly #state: S;
  #up = true;

  constructor(descriptor: ElementDescriptor, rpc: HostRpc, where: string, waits: Readonly<Record<string, () => Promise<unknown>>>) {
    this.name = descriptor.name;
    this.host = descriptor.host;
    this.port = descriptor.port;
    this.address = `${descriptor.host}:${descriptor.port}`;
    this.url = `http://${this.address}`;
    this.#rpc = rpc;
    this.#where = where;
    const name = this.name;
    this.#state = new Proxy({} as object, {
      get(_, property) {
        if (typeof property === 'string' && property in waits) return waits[property];
        if (property === 'then') return undefined;
        throw new ElementInHostError(name, `the state (${String(property)})`, where);
      },
    }) as S;
  }

  get state(): S {
    return this.#state;
  }

  get faults(): ElementFaults {
    throw new ElementInHostError(this.name, 'the faults object', this.#where);
  }

  get log(): ElementLog {
    throw new ElementInHostError(this.name, 'the log', this.#where);
  }

  get isUp(): boolean {
    return this.#up;
  }

  async crash(): Promise<void> {
    await this.#rpc.call('crash', this.name);
    this.#up = false;
  }

  async restart(options: { keepState?: boolean } = {}): Promise<void> {
    await this.#rpc.call('restart', this.name, options.keepState ?? true);
    this.#up = true;
  }

  async close(): Promise<void> {
    // The host closes its elements when the world closes it.
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** The HLR's VLR directory in the host: VLRs added here are added there. */
class RemoteVlrDirectory extends VlrDirectory {
  readonly #add: (vlrNumber: string, baseUrl: string) => void;

  constructor(add: (vlrNumber: string, baseUrl: string) => void) {
    super();
    this.#add = add;
  }

  override add(vlrNumber: string, client: VlrClient): void {
    super.add(vlrNumber, client);
    this.#add(vlrNumber, client.baseUrl);
  }
}

/** The world's side of one element host: what it needs to build remote networks. */
export interface HostLink {
  readonly rpc: HostRpc;
  readonly pending: PendingCalls;
  /** `worker thread` or `child process`, for errors. */
  readonly where: string;
  /** Reads every home's billing again (after visited networks settled, so their last charging is in). */
  refreshBilling(): Promise<void>;
}

/** A home network whose HLR and billing run in the host. */
export function remoteHome(descriptor: HomeDescriptor, link: HostLink): StartedHomeNetwork & { refreshBilling(): Promise<void> } {
  const { rpc, pending, where } = link;
  const plmn = parsePlmn(descriptor.plmn);
  const id = plmn.id;
  let billing: BillingSnapshot = { records: [], open: [] };
  // Provisioning requests go to the host in batches, one message per turn of the event loop.
  let batch: ProvisionRequest[] = [];
  const sendBatch = () => {
    const requests = batch;
    batch = [];
    pending.track(rpc.call('provision', id, requests));
  };
  const hlrElement = descriptor.hlr
    ? new RemoteElement<HomeLocationRegister>(descriptor.hlr, rpc, where, { cancellationsSettled: () => rpc.call('homeSettled', id) })
    : undefined;
  const admin = descriptor.hlr ? new HlrClient({ baseUrl: `http://${descriptor.hlr.host}:${descriptor.hlr.port}` }) : undefined;
  const refreshBilling = async () => {
    billing = await rpc.call<BillingSnapshot>('billing', id);
  };
  return {
    kind: 'home',
    plmn,
    get name() {
      return operatorOf(plmn)?.brand ?? plmn.id;
    },
    hlrBackend: descriptor.hlrBackend,
    slots: {
      hlr: descriptor.hlrBackend === 'osmo-hlr' ? { kind: 'osmo-hlr', role: 'hlr' } : { kind: 'builtin', role: 'hlr' },
      billing: { kind: 'builtin', role: 'billing' },
    },
    hlrProtocol: descriptor.hlrProtocol,
    // checkHostedSlots refuses Diameter links in a hosted world.
    billingProtocol: 'http',
    notices: [],
    hlrElement,
    osmoHlr: undefined,
    billing: new RemoteElement<BillingState>(descriptor.billing, rpc, where, {}),
    hlrAddress: descriptor.hlrAddress,
    billingAddress: descriptor.billingAddress,
    get admin(): HlrClient {
      if (!admin) {
        throw new Error(
          `[roam] Failed to get the HLR admin client of ${id}: its HLR is osmo-hlr, which is provisioned over VTY. Use world.simulator.registerSubscriber or world.subscribers.create.`,
        );
      }
      return admin;
    },
    billingAdmin: new BillingClient({ baseUrl: `http://${descriptor.billing.host}:${descriptor.billing.port}` }),
    vlrs: new RemoteVlrDirectory((vlrNumber, baseUrl) => pending.track(rpc.call('addVlr', id, vlrNumber, baseUrl))),
    provision: (request) => {
      if (batch.length === 0) setImmediate(sendBatch);
      batch.push(request);
    },
    get billedUsage() {
      return billing.records;
    },
    get openUsage() {
      return billing.open;
    },
    settled: async () => {
      if (batch.length) sendBatch();
      await pending.flush();
      await rpc.call('homeSettled', id);
      await refreshBilling();
    },
    refreshBilling,
    close: async () => undefined,
  };
}

/** What the world's topology reads of a charging sender in the host: waits and what it still holds. */
class RemoteChargingSender {
  #held: readonly ChargingEvent[] = [];
  readonly #drain: (timeoutMs: number) => Promise<boolean>;

  constructor(drain: (timeoutMs: number) => Promise<boolean>) {
    this.#drain = drain;
  }

  drain(timeoutMs = 30_000): Promise<boolean> {
    return this.#drain(timeoutMs);
  }

  hold(events: readonly ChargingEvent[]): void {
    this.#held = events;
  }

  /** Events the host's sender held when the network last settled. */
  get deadLetters(): readonly DeadLetter[] {
    return this.#held.map((event) => ({ event, reason: 'held by the charging sender in the element host', replayable: true }));
  }

  stop(): void {}
}

/**
 * A visited network whose VLR runs in the host; phones reach it through the
 * world's access proxy and wait `accessTimeoutMs` for an answer.
 */
export function remoteVisited(descriptor: VisitedDescriptor, link: HostLink, accessTimeoutMs: number): StartedVisitedNetwork {
  const { rpc, pending, where } = link;
  const plmn = parsePlmn(descriptor.plmn);
  const id = plmn.id;
  const senders = new Map<PlmnId, RemoteChargingSender>(
    descriptor.chargingHomes.map((home) => [
      home,
      new RemoteChargingSender((timeoutMs) => rpc.call<boolean>('drain', id, home, timeoutMs)),
    ]),
  );
  const settle = async () => {
    await pending.flush();
    const held = await rpc.call<UndeliveredCharging>('visitedSettled', id);
    for (const [home, sender] of senders) sender.hold(held[home] ?? []);
    await link.refreshBilling();
  };
  const vlrElement = new RemoteElement<VisitorLocationRegister>(descriptor.vlr, rpc, where, { settled: settle });
  return {
    kind: 'visited',
    plmn,
    get name() {
      return operatorOf(plmn)?.brand ?? plmn.id;
    },
    slot: { kind: 'builtin', role: 'vlr' },
    vlrElement,
    get vlr() {
      return vlrElement.state;
    },
    uplinks: new Map(descriptor.uplinks),
    vlrNumber: descriptor.vlrNumber,
    address: descriptor.address,
    access: new VlrClient({ baseUrl: `http://${descriptor.access.listen}`, timeoutMs: accessTimeoutMs }),
    charging: senders as unknown as ReadonlyMap<PlmnId, ReliableChargingSender>,
    addHandoverRoute: (other, listen) => pending.track(rpc.call('addHandoverRoute', id, other, listen)),
    settled: settle,
    close: async () => undefined,
  };
}
