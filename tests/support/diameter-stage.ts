/**
 * A roaming world at the port level over Diameter, for tests: the home HLR
 * of 262-01 served as an HSS over S6a and its billing as an OCS over Gy,
 * the VLR/MMEs of 208-01 and 214-01 each with its own S6a and Gy clients,
 * every link optionally through a proxy (`through`), and a
 * {@link DiameterTrace} of everything when asked. `attach` runs the two
 * exchanges of an attach and returns the state the phone ends in.
 *
 * @module
 */
import { Faker, base, en } from '@faker-js/faker';
import { createBillingState, recordCharge, type BillingState } from '../../mocks/billing/billing-state.js';
import { DiameterClient } from '../../peers/diameter/peer-client.js';
import type { DiameterTraffic } from '../../peers/diameter/peer-connection.js';
import { DiameterHss, type DiameterHssOptions } from '../../peers/diameter/s6a/diameter-hss.js';
import { mmeRequestHandler } from '../../peers/diameter/s6a/mme-requests.js';
import { S6aHomeNetwork, type S6aHomeNetworkOptions } from '../../peers/diameter/s6a/s6a-home-network.js';
import { S6aVisitedNetworks } from '../../peers/diameter/s6a/s6a-visited-networks.js';
import { DiameterOcs, type DiameterOcsOptions } from '../../peers/diameter/gy/diameter-ocs.js';
import { GyChargingPort } from '../../peers/diameter/gy/gy-charging-port.js';
import { RejectError, type RejectCause } from '../../simulator/causes.js';
import { realClock } from '../../core/clock.js';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import type { HandoverPort } from '../../simulator/signaling/ports.js';
import { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { answerChallenge } from '../../simulator/procedures/attach.js';
import { SubscriberFactory, type Subscriber } from '../../simulator/subscriber.js';

/** The visited networks of the stage. */
export const VISITED: readonly PlmnId[] = ['208-01', '214-01'];
/** Networks with no agreement with the home network. */
export const UNAGREED: PlmnId = '310-410';

/** Where a client connects for a link: the server itself, or a proxy in front of it. */
export type LinkRouter = (link: string, upstream: { host: string; port: number }) => Promise<{ host: string; port: number }>;

/** How to build the stage. */
export interface DiameterStageOptions {
  readonly through?: LinkRouter;
  /** Tx of S6a requests (default 2 s). */
  readonly s6aTimeoutMs?: number;
  /** Tx of Gy requests (default 2 s). */
  readonly gyTimeoutMs?: number;
  readonly watchdogMs?: number;
  readonly onTraffic?: (traffic: DiameterTraffic) => void;
  readonly hss?: Partial<Omit<DiameterHssOptions, 'hlr' | 'identity' | 'visitedNetworks'>>;
  readonly ocs?: Partial<Omit<DiameterOcsOptions, 'identity' | 'charge'>>;
  /** A second OCS for failover (its billing state is the same). */
  readonly secondaryOcs?: boolean;
  readonly mme?: Partial<Pick<S6aHomeNetworkOptions, 'vectors' | 'ratType' | 'roamingNotAllowed' | 'ratNotAllowed'>>;
}

/** How an attach ended for the phone. */
export type AttachResult =
  | { readonly state: 'REGISTERED'; readonly msisdn: string }
  | { readonly state: 'REJECTED'; readonly cause: RejectCause; readonly reason: string };

/** What a test sees of a port-level roaming world, whatever its protocol. */
export interface RoamingStage {
  readonly protocol: 'http' | 'diameter';
  readonly agreements: RoamingAgreements;
  readonly hlr: HomeLocationRegister;
  readonly billing: BillingState;
  readonly vlrs: ReadonlyMap<PlmnId, VisitorLocationRegister>;
  /** A new subscriber of 262-01, provisioned in the HLR unless `provision` is false. */
  subscriber(options?: { provision?: boolean; roaming?: { allowed?: boolean } }): Subscriber;
  attach(subscriber: Subscriber, visited: PlmnId): Promise<AttachResult>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A started Diameter stage. */
export interface DiameterStage extends RoamingStage {
  readonly protocol: 'diameter';
  readonly hss: DiameterHss;
  /** The HSS's CLR and IDR sender. */
  readonly hssVisitedNetworks: S6aVisitedNetworks;
  readonly ocs: readonly DiameterOcs[];
  readonly hssClients: ReadonlyMap<PlmnId, DiameterClient>;
  readonly ocsClients: ReadonlyMap<PlmnId, readonly DiameterClient[]>;
}

/** Runs the two exchanges of an attach at `vlr` and returns the state the phone ends in. */
export async function attachAt(vlr: VisitorLocationRegister, subscriber: Subscriber): Promise<AttachResult> {
  try {
    let step = await vlr.attachRequest(subscriber.imsi);
    for (let round = 0; round < 3; round++) {
      const next = await vlr.authenticationResponse(step.transactionId, answerChallenge(subscriber, step));
      if (next.kind === 'accept') return { state: 'REGISTERED', msisdn: next.msisdn };
      step = next;
    }
    throw new Error('the attach did not end after three challenges');
  } catch (error) {
    if (error instanceof RejectError) return { state: 'REJECTED', cause: error.rejectCause, reason: error.reason };
    throw error;
  }
}

/** The Origin-Host of the MME of `plmn`, as 3GPP TS 23.003 §19.4.2.4 names it. */
export function mmeHost(plmn: PlmnId): string {
  const [mcc, mnc] = plmn.split('-') as [string, string];
  return `mme.epc.mnc${mnc.padStart(3, '0')}.mcc${mcc}.3gppnetwork.org`;
}

/** The realm of the EPC of `plmn`. */
export function epcRealm(plmn: PlmnId): string {
  return mmeHost(plmn).replace(/^mme\./, '');
}

/** Starts the stage. */
export async function startDiameterStage(options: DiameterStageOptions = {}, seed = 11): Promise<DiameterStage> {
  const through: LinkRouter = options.through ?? (async (_link, upstream) => ({ host: upstream.host, port: upstream.port }));
  const agreements = new RoamingAgreements();
  for (const visited of VISITED) agreements.add('262-01', visited);
  const visitedNetworks = new S6aVisitedNetworks();
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements, visitedNetworks, onCancelLocationFailed: () => undefined });
  const billing = createBillingState('262-01', agreements);
  const traffic = options.onTraffic ? { onTraffic: options.onTraffic } : {};
  const home = { originHost: 'hss.epc.mnc001.mcc262.3gppnetwork.org', originRealm: epcRealm('262-01') };
  const hss = await DiameterHss.serve({ ...options.hss, ...traffic, hlr, visitedNetworks, identity: home });
  const ocsIdentity = (n: number) => ({
    originHost: `ocs${n}.mnc001.mcc262.3gppnetwork.org`,
    originRealm: 'mnc001.mcc262.3gppnetwork.org',
  });
  const ocs = [await DiameterOcs.serve({ ...options.ocs, ...traffic, identity: ocsIdentity(1), charge: (e) => recordCharge(billing, e) })];
  if (options.secondaryOcs)
    ocs.push(await DiameterOcs.serve({ ...options.ocs, ...traffic, identity: ocsIdentity(2), charge: (e) => recordCharge(billing, e) }));

  const vlrs = new Map<PlmnId, VisitorLocationRegister>();
  const hssClients = new Map<PlmnId, DiameterClient>();
  const ocsClients = new Map<PlmnId, DiameterClient[]>();
  const handoverTargets = new Map<PlmnId, HandoverPort>();
  for (const plmn of VISITED) {
    const identity = { originHost: mmeHost(plmn), originRealm: epcRealm(plmn) };
    const s6a = await through(`vlr:${plmn} -> hlr:262-01`, { host: hss.host, port: hss.port });
    const hssClient = new DiameterClient({
      ...s6a,
      ...traffic,
      identity: { ...identity, applications: ['s6a'] },
      requestTimeoutMs: options.s6aTimeoutMs ?? 2_000,
      ...(options.watchdogMs ? { watchdogMs: options.watchdogMs } : {}),
      onRequest: mmeRequestHandler({
        cancelLocation: (imsi) => vlrs.get(plmn)?.cancelLocation(imsi) ?? false,
        insertSubscriberData: (imsi, data) => {
          const record = vlrs.get(plmn)?.records.get(imsi);
          if (record) record.services = data.services;
          return record !== undefined;
        },
      }),
    });
    const clients: DiameterClient[] = [];
    for (const [i, server] of ocs.entries()) {
      const gy = await through(`vlr:${plmn} -> ${i ? `billing-${i + 1}` : 'billing'}:262-01`, { host: server.host, port: server.port });
      clients.push(
        new DiameterClient({
          ...gy,
          ...traffic,
          identity: { ...identity, applications: ['gy'] },
          ...(options.watchdogMs ? { watchdogMs: options.watchdogMs } : {}),
        }),
      );
    }
    const vlr = new VisitorLocationRegister({
      plmn,
      vlrNumber: `vlr-${plmn}`,
      clock: realClock,
      homeNetworks: new Map([['262-01' as PlmnId, new S6aHomeNetwork({ ...options.mme, client: hssClient, servingPlmn: plmn })]]),
      charging: new GyChargingPort({ peers: clients, txTimeoutMs: options.gyTimeoutMs ?? 2_000 }),
      handoverTargets,
    });
    vlrs.set(plmn, vlr);
    handoverTargets.set(plmn, vlr);
    hssClients.set(plmn, hssClient);
    ocsClients.set(plmn, clients);
  }

  const factory = new SubscriberFactory(new Faker({ locale: [en, base], seed }));
  const close = async () => {
    await Promise.all([...vlrs.values()].map((v) => v.settled()));
    await Promise.all([...hssClients.values(), ...[...ocsClients.values()].flat()].map((c) => c.close()));
    await Promise.all([hss.close(), ...ocs.map((o) => o.close())]);
  };
  return {
    protocol: 'diameter',
    agreements,
    hlr,
    billing,
    hss,
    hssVisitedNetworks: visitedNetworks,
    ocs,
    vlrs,
    hssClients,
    ocsClients,
    subscriber(opts = {}) {
      const [subscriber] = factory.create({ home: '262-01' });
      if (opts.provision !== false) {
        const { k, opc } = subscriber!.credentials.reveal();
        hlr.provision({ imsi: subscriber!.imsi, msisdn: subscriber!.msisdn, k, opc, ...(opts.roaming ? { roaming: opts.roaming } : {}) });
      }
      return subscriber!;
    },
    attach: (subscriber, visited) => attachAt(vlrs.get(visited)!, subscriber),
    close,
    [Symbol.asyncDispose]: close,
  };
}
