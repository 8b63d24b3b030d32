import type { HomeLocationRegister, ProvisionRequest } from '../simulator/elements/home-location-register.js';
import type { UsageRecord } from '../simulator/billing/usage-record.js';
import type { OpenUsage } from '../simulator/billing/cdr-collector.js';
import type { IdentityHasher } from '../simulator/identity-hasher.js';
import { operatorOf } from '../simulator/reference/operators.js';
import { parsePlmn, type Plmn, type PlmnId } from '../simulator/plmn.js';
import type { RoamingAgreements } from '../simulator/policy/agreements.js';
import type { TopologyHome } from '../simulator/simulation/topology.js';
import type { ServedElement } from '../mocks/element/served-element.js';
import type { BillingState } from '../mocks/billing/billing-state.js';
import type { ChargingCredentials } from '../mocks/billing/charging-credential.js';
import type { HlrClient } from '../mocks/hlr/client.js';
import type { BillingClient } from '../mocks/billing/client.js';
import { VlrDirectory } from '../mocks/vlr/client.js';
import type { StartedOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import type { HlrBackend } from './world-options.js';
import { inFlightLimit } from './in-flight-limit.js';
import type { ResolvedSlot } from './slots/element-slot.js';
import { startHlrSlot } from './slots/start-hlr.js';
import { startBillingSlot } from './slots/start-billing.js';
import { homeLinkProtocols, type BillingLinkProtocol, type HlrLinkProtocol, type LinkProtocols } from './link-protocols.js';
import type { WorldPcap } from './diameter/world-pcap.js';

/**
 * A home network of a networked world: its HLR/HSS (ours, osmo-hlr, or the
 * user's at a URL) and its billing system (ours or the user's), each a real
 * service. It is also the simulator's {@link TopologyHome}: subscribers are
 * provisioned through the HLR's admin API (or osmo-hlr's VTY), and the
 * billed usage is the billing system's CDR store.
 */
export interface StartedHomeNetwork extends TopologyHome {
  readonly plmn: Plmn;
  /** Which HLR runs here. */
  readonly hlrBackend: HlrBackend;
  /** What fills the HLR and billing slots. */
  readonly slots: { readonly hlr: ResolvedSlot; readonly billing: ResolvedSlot };
  /** How VLRs speak to the HLR: the HTTP contract, GSUP, or S6a over Diameter. */
  readonly hlrProtocol: HlrLinkProtocol;
  /** How VLRs speak to billing: the HTTP contract, or Gy over Diameter. */
  readonly billingProtocol: BillingLinkProtocol;
  /** Our HLR as a crashable element; undefined when the HLR is not ours. */
  readonly hlrElement: ServedElement<HomeLocationRegister> | undefined;
  /** The running osmo-hlr the world started; undefined otherwise. */
  readonly osmoHlr: StartedOsmoHlr | undefined;
  /** Our billing system (OCS + CDR collector) as a crashable element. @throws when billing is the user's, at a URL. */
  readonly billing: ServedElement<BillingState>;
  /** `host:port` VLRs reach the HLR at: HTTP, GSUP for osmo-hlr, or the HSS's Diameter port. */
  readonly hlrAddress: string;
  /** `host:port` of the billing server (the OCS's Diameter port over Gy). */
  readonly billingAddress: string;
  /** Direct admin client of an HLR that speaks the HTTP contract. @throws when the HLR speaks GSUP (provision through the world instead). */
  readonly admin: HlrClient;
  /** Direct client of billing. @throws {OcsHasNoCdrReadsError} when billing is the user's OCS over Gy. */
  readonly billingAdmin: BillingClient;
  /** How our HLR reaches VLRs for CancelLocation (filled in as visited networks start). */
  readonly vlrs: VlrDirectory;
  /** What the user should know about this network's elements (e.g. that they provision its HLR), said once. */
  readonly notices: readonly string[];
  /** Provisioning calls not finished yet, so {@link settled} can wait for them; also reads the CDRs of billing at a URL again. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** What a home network is started with. */
export interface HomeNetworkInit {
  readonly plmn: PlmnId;
  readonly agreements: RoamingAgreements;
  readonly host: string;
  /** What fills the HLR slot: `mock`/`osmo-hlr` (as before), or a resolved slot. */
  readonly hlr: HlrBackend | ResolvedSlot;
  /** What fills the billing slot; built-in when omitted. */
  readonly billing?: ResolvedSlot;
  readonly hasher: IdentityHasher;
  /** The world's charging credentials: built-in billing takes charging events only from elements holding one. */
  readonly credentials?: ChargingCredentials;
  /** `skip`: an HLR the world did not start is provisioned by the user. Default `admin`. */
  readonly provisioning?: 'admin' | 'skip';
  /** Bearer token for a billing system at a URL. */
  readonly billingToken?: string;
  /** The protocol of the VLRs' links to this network (the world's `protocols` option). */
  readonly protocols?: LinkProtocols;
  /** Tx of the CancelLocation requests a built-in HSS sends. */
  readonly requestTimeoutMs?: number;
  /** The world's Diameter pcap, when one is written. */
  readonly pcap?: WorldPcap;
}

/** Starts a home network's HLR/HSS and billing system on ephemeral ports (or points at the user's). */
export async function startHomeNetwork(init: HomeNetworkInit): Promise<StartedHomeNetwork> {
  const plmn = parsePlmn(init.plmn);
  const vlrs = new VlrDirectory();
  const hlrSlot: ResolvedSlot =
    typeof init.hlr === 'string'
      ? init.hlr === 'osmo-hlr'
        ? { kind: 'osmo-hlr', role: 'hlr' }
        : { kind: 'builtin', role: 'hlr' }
      : init.hlr;
  const billingSlot: ResolvedSlot = init.billing ?? { kind: 'builtin', role: 'billing' };
  const protocols = homeLinkProtocols(init.protocols, plmn.id, { hlr: hlrSlot, billing: billingSlot });
  const pcap = init.pcap ? { pcap: init.pcap } : {};
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const billing = await startBillingSlot({
      slot: billingSlot,
      plmn,
      agreements: init.agreements,
      host: init.host,
      hasher: init.hasher,
      credentials: init.credentials,
      ...(init.billingToken ? { token: init.billingToken } : {}),
      protocol: protocols.billing,
      ...pcap,
    });
    cleanups.push(() => billing.close());
    const hlr = await startHlrSlot({
      slot: hlrSlot,
      plmn: plmn.id,
      agreements: init.agreements,
      host: init.host,
      hasher: init.hasher,
      vlrs,
      provisioning: init.provisioning ?? 'admin',
      protocol: protocols.hlr,
      ...(init.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: init.requestTimeoutMs }),
      ...pcap,
    });
    cleanups.push(() => hlr.close());
    // Thousands at once would time out at the HLR: a few dozen in flight keep it busy without queueing there.
    const provisioning = inFlightLimit(32);
    const pending = new Set<Promise<unknown>>();
    // A provisioning that failed before anyone waited is kept, so settled() still reports it.
    const failures: unknown[] = [];
    const track = (work: Promise<unknown>) => {
      const tracked = work.catch((error: unknown) => void failures.push(error)).finally(() => pending.delete(tracked));
      pending.add(tracked);
    };
    return {
      kind: 'home',
      plmn,
      // A getter: the operator list loads when a name is first read, not when a world starts.
      get name() {
        return operatorOf(plmn)?.brand ?? plmn.id;
      },
      hlrBackend: hlrSlot.kind === 'builtin' ? 'mock' : hlrSlot.kind,
      slots: { hlr: hlrSlot, billing: billingSlot },
      hlrProtocol: hlr.protocol,
      billingProtocol: protocols.billing,
      hlrElement: hlr.element,
      osmoHlr: hlr.osmo,
      get billing(): ServedElement<BillingState> {
        if (!billing.element) {
          throw new Error(
            `[roam] Failed to get the billing element of ${plmn.id}: its billing system is yours, at ${billingSlot.kind === 'external' ? billingSlot.url : 'a URL'}. Use world.billing('${plmn.id}') (its client) instead.`,
          );
        }
        return billing.element;
      },
      hlrAddress: hlr.address,
      billingAddress: billing.address,
      get admin(): HlrClient {
        if (!hlr.admin) {
          throw new Error(
            `[roam] Failed to get the HLR admin client of ${plmn.id}: its HLR speaks ${hlr.protocol === 'gsup' ? 'GSUP, and is provisioned over VTY or by you' : 'S6a, and is provisioned by you'}. Use world.simulator.registerSubscriber or world.subscribers.create.`,
          );
        }
        return hlr.admin;
      },
      get billingAdmin(): BillingClient {
        return billing.admin;
      },
      vlrs,
      notices: hlr.notice ? [hlr.notice] : [],
      provision: (request: ProvisionRequest) => track(provisioning(() => hlr.provision(request))),
      get billedUsage(): readonly UsageRecord[] {
        return billing.billedUsage;
      },
      get openUsage(): readonly OpenUsage[] | undefined {
        return billing.openUsage;
      },
      settled: async () => {
        while (pending.size > 0) await Promise.all(pending);
        const failed = failures.splice(0);
        if (failed.length === 1) throw failed[0];
        if (failed.length > 1) {
          throw new AggregateError(
            failed,
            `[roam] Failed to provision ${failed.length} subscribers in ${plmn.id}: ${String((failed[0] as Error)?.message ?? failed[0])}`,
          );
        }
        await billing.refresh();
      },
      close: async () => {
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
}
