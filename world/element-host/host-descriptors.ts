/**
 * What crosses between a world and its element host: plain data that
 * describes networks and elements started in the host, and the agreements
 * they need, rebuilt on the other side.
 *
 * @internal
 */
import type { LinkInfo } from '../../chaos/link-info.js';
import type { HlrLinkProtocol } from '../link-protocols.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import type { OpenUsage } from '../../simulator/billing/cdr-collector.js';
import type { UsageRecord } from '../../simulator/billing/usage-record.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { RoamingAgreements, type RoamingAgreement } from '../../simulator/policy/agreements.js';
import type { HlrBackend, ChargingDeliveryOptions } from '../world-options.js';

/** Where an element started in the host listens. */
export interface ElementDescriptor {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** The embedded Toxiproxy started in the host: its API. */
export interface EmbeddedChaosDescriptor {
  readonly url: string;
}

/** A home network started in the host. */
export interface HomeDescriptor {
  readonly plmn: PlmnId;
  readonly hlrBackend: HlrBackend;
  /** How VLRs speak to the HLR: our HTTP contract, or GSUP (osmo-hlr). */
  readonly hlrProtocol: HlrLinkProtocol;
  /** Our HLR; absent when the HLR is osmo-hlr. */
  readonly hlr?: ElementDescriptor;
  readonly billing: ElementDescriptor;
  readonly hlrAddress: string;
  readonly billingAddress: string;
}

/** A visited network started in the host. */
export interface VisitedDescriptor {
  readonly plmn: PlmnId;
  readonly vlrNumber: string;
  readonly vlr: ElementDescriptor;
  readonly address: string;
  /** The `ue -> vlr:<plmn>` link the phones use. */
  readonly access: LinkInfo;
  /** Home networks this VLR sends charging to. */
  readonly chargingHomes: readonly PlmnId[];
  /** Where the VLR reaches each home: the listen addresses of its proxies to the HLR and billing. */
  readonly uplinks: readonly (readonly [PlmnId, { readonly hlr: string; readonly billing: string }])[];
}

/** What billing of a home network holds, read after the world has settled. */
export interface BillingSnapshot {
  readonly records: readonly UsageRecord[];
  readonly open: readonly OpenUsage[];
}

/** Charging events a VLR still holds for each home network (parked or rejected). */
export type UndeliveredCharging = Readonly<Record<PlmnId, readonly ChargingEvent[]>>;

/** The host's own settings, sent once when it starts. */
export interface HostSettings {
  /** Key of the world's pseudonyms. */
  readonly hashKey: string;
  /** The world's charging secret: the host's VLRs and billing systems share it, nothing else. */
  readonly chargingSecret: string;
}

/** A home network to start in the host. */
export interface HomeStart {
  readonly plmn: PlmnId;
  readonly agreements: readonly RoamingAgreement[];
  readonly host: string;
  /** The world's own HLRs only: an element host runs no element of the user's. */
  readonly hlr: 'mock' | 'osmo-hlr';
  /** The world's `requestTimeoutMs`, when it gives one. */
  readonly requestTimeoutMs?: number;
}

/** A visited network to start in the host (its homes were started there before). */
export interface VisitedStart {
  readonly plmn: PlmnId;
  readonly homes: readonly PlmnId[];
  readonly agreements: readonly RoamingAgreement[];
  readonly host: string;
  readonly charging?: ChargingDeliveryOptions;
  /** The world's `requestTimeoutMs`, when it gives one. */
  readonly requestTimeoutMs?: number;
}

/** The agreements `list` describes, as a {@link RoamingAgreements}. */
export function agreementsFrom(list: readonly RoamingAgreement[]): RoamingAgreements {
  const agreements = new RoamingAgreements();
  for (const a of list) agreements.add(a.home, a.visited, a.tariff, a.allowed === false ? { allowed: false } : {});
  return agreements;
}

/** Set to `1` in the environment of a child process started as an element host. */
export const ELEMENT_HOST_CHILD_ENV = 'ROAM_ELEMENT_HOST_CHILD';
