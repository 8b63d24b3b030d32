import { HomeLocationRegister, type ProvisionRequest } from '../simulator/elements/home-location-register.js';
import type { UsageRecord } from '../simulator/billing/usage-record.js';
import type { OpenUsage } from '../simulator/billing/cdr-collector.js';
import type { IdentityHasher } from '../simulator/identity-hasher.js';
import { operatorOf } from '../simulator/reference/operators.js';
import { parsePlmn, type Plmn, type PlmnId } from '../simulator/plmn.js';
import type { RoamingAgreements } from '../simulator/policy/agreements.js';
import type { TopologyHome } from '../simulator/simulation/topology.js';
import { serveElement, type ServedElement } from '../mocks/element/served-element.js';
import { hlrElement } from '../mocks/hlr/element.js';
import { billingElement } from '../mocks/billing/element.js';
import type { BillingState } from '../mocks/billing/billing-state.js';
import type { ChargingCredentials } from '../mocks/billing/charging-credential.js';
import { HlrClient } from '../mocks/hlr/client.js';
import { BillingClient } from '../mocks/billing/client.js';
import { VlrDirectory } from '../mocks/vlr/client.js';
import type { StartedOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import type { HlrProvisioning } from '../peers/osmo-hlr/provisioning.js';
import type { HlrBackend } from './world-options.js';
import { inFlightLimit } from './in-flight-limit.js';

/**
 * A home network of a networked world: its HLR/HSS (our mock, or osmo-hlr)
 * and its billing system, each a real service on 127.0.0.1. It is also the
 * simulator's {@link TopologyHome}: subscribers are provisioned through the
 * HLR's admin API (or osmo-hlr's VTY), and the billed usage is the billing
 * system's CDR store.
 */
export interface StartedHomeNetwork extends TopologyHome {
  readonly plmn: Plmn;
  /** Which HLR runs here. */
  readonly hlrBackend: HlrBackend;
  /** Our HLR as a crashable element; undefined when the HLR is osmo-hlr. */
  readonly hlrElement: ServedElement<HomeLocationRegister> | undefined;
  /** The running osmo-hlr; undefined when the HLR is ours. */
  readonly osmoHlr: StartedOsmoHlr | undefined;
  /** The billing system (OCS + CDR collector) as a crashable element. */
  readonly billing: ServedElement<BillingState>;
  /** `host:port` VLRs reach the HLR at: HTTP for ours, GSUP for osmo-hlr. */
  readonly hlrAddress: string;
  /** `host:port` of the billing server. */
  readonly billingAddress: string;
  /** Direct admin client of our HLR. @throws when the HLR is osmo-hlr (provision through the world instead). */
  readonly admin: HlrClient;
  /** Direct client of billing. */
  readonly billingAdmin: BillingClient;
  /** How our HLR reaches VLRs for CancelLocation (filled in as visited networks start). */
  readonly vlrs: VlrDirectory;
  /** Provisioning calls not finished yet, so {@link settled} can wait for them. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** What a home network is started with. */
export interface HomeNetworkInit {
  readonly plmn: PlmnId;
  readonly agreements: RoamingAgreements;
  readonly host: string;
  readonly hlr: HlrBackend;
  readonly hasher: IdentityHasher;
  /** The world's charging credentials: billing takes charging events only from elements holding one. */
  readonly credentials?: ChargingCredentials;
}

/** Starts a home network's HLR/HSS and billing system on ephemeral ports. */
export async function startHomeNetwork(init: HomeNetworkInit): Promise<StartedHomeNetwork> {
  const plmn = parsePlmn(init.plmn);
  const vlrs = new VlrDirectory();
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const billing = await serveElement(billingElement(plmn, init.agreements, init.credentials ? { credentials: init.credentials } : {}), {
      host: init.host,
      hasher: init.hasher,
    });
    cleanups.push(() => billing.close());
    const hlr = init.hlr === 'mock' ? await startMockHlr(init, vlrs) : await startRealHlr();
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
      get name() {
        return operatorOf(plmn)?.brand ?? plmn.id;
      },
      hlrBackend: init.hlr,
      hlrElement: hlr.element,
      osmoHlr: hlr.osmo,
      billing,
      hlrAddress: hlr.address,
      billingAddress: `${billing.host}:${billing.port}`,
      get admin(): HlrClient {
        if (!hlr.admin) {
          throw new Error(
            `[roam] Failed to get the HLR admin client of ${plmn.id}: its HLR is osmo-hlr, which is provisioned over VTY. Use world.simulator.registerSubscriber or world.subscribers.create.`,
          );
        }
        return hlr.admin;
      },
      billingAdmin: new BillingClient({ baseUrl: billing.url }),
      vlrs,
      provision: (request) => track(provisioning(() => hlr.provision(request))),
      get billedUsage(): readonly UsageRecord[] {
        return billing.state.cdrs.records;
      },
      get openUsage(): readonly OpenUsage[] {
        return billing.state.cdrs.openUsage;
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

interface RunningHlr {
  readonly address: string;
  readonly element: ServedElement<HomeLocationRegister> | undefined;
  readonly osmo: StartedOsmoHlr | undefined;
  readonly admin: HlrClient | undefined;
  provision(request: ProvisionRequest): Promise<void>;
  close(): Promise<void>;
}

async function startMockHlr(init: HomeNetworkInit, vlrs: VlrDirectory): Promise<RunningHlr> {
  const element = await serveElement(hlrElement({ plmn: init.plmn, agreements: init.agreements, visitedNetworks: vlrs }), {
    host: init.host,
    hasher: init.hasher,
  });
  const admin = new HlrClient({ baseUrl: element.url });
  return {
    address: `${element.host}:${element.port}`,
    element,
    osmo: undefined,
    admin,
    provision: async (request) => void (await admin.provision(request)),
    close: () => element.close(),
  };
}

async function startRealHlr(): Promise<RunningHlr> {
  // osmo-hlr's driver loads only for worlds that run it.
  const [{ startOsmoHlr }, { openProvisioning, provisionSubscriber }, { GSUP_PORT }] = await Promise.all([
    import('../peers/osmo-hlr/launcher.js'),
    import('../peers/osmo-hlr/provisioning.js'),
    import('../peers/gsup/gsup-client.js'),
  ]);
  // osmo-hlr picks its own 127.0.0.x address: it cannot listen on ephemeral ports.
  const osmo = await startOsmoHlr();
  let admin: HlrProvisioning;
  try {
    admin = await openProvisioning({ host: osmo.address });
  } catch (error) {
    await osmo.stop();
    throw error;
  }
  // One VTY session answers one command at a time: queue provisioning.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    address: `${osmo.address}:${osmo.gsupPort ?? GSUP_PORT}`,
    element: undefined,
    osmo,
    admin: undefined,
    provision: (request) => {
      const next = queue.then(() =>
        provisionSubscriber(admin, {
          imsi: request.imsi,
          // osmo-hlr stores MSISDNs as digits only.
          msisdn: request.msisdn.replace(/^\+/, ''),
          milenage: { k: request.k, opc: request.opc },
          networkAccessMode: request.roaming?.allowed === false ? 'none' : 'cs+ps',
        }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await admin.close().catch(() => undefined);
      await osmo.stop();
    },
  };
}
