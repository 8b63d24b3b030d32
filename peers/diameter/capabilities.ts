/**
 * The capabilities exchange (RFC 6733 §5.3): who a peer is (Origin-Host,
 * Origin-Realm, Host-IP-Address, Vendor-Id, Product-Name) and which
 * applications it supports, as S6a (a 3GPP Vendor-Specific-Application-Id)
 * and Gy (Auth-Application-Id 4). A connection opens only when the two
 * peers share an application, or one of them relays all.
 *
 * @module
 */
import { childrenOf, findAvps, numberOf, readAvp, requireText, textOf } from '../../protocols/diameter/avp-access.js';
import { APPLICATION, BASE, BASE_COMMANDS } from '../../protocols/diameter/dictionary-base.js';
import { VENDOR_3GPP } from '../../protocols/diameter/dictionary.js';
import { avp, COMMAND_FLAG, type AnyAvpInput, type DiameterMessage } from '../../protocols/diameter/message.js';
import type { RequestSpec } from '../../protocols/diameter/application-message.js';

/** The Diameter applications the harness speaks. */
export type DiameterApplication = 's6a' | 'gy';

/** The application id of each. */
export const APPLICATION_IDS: Readonly<Record<DiameterApplication, number>> = { s6a: APPLICATION.s6a, gy: APPLICATION.creditControl };

/** How a peer presents itself in CER/CEA. */
export interface PeerIdentity {
  /** Its DiameterIdentity (FQDN), e.g. `mme.epc.mnc001.mcc208.3gppnetwork.org`. */
  readonly originHost: string;
  readonly originRealm: string;
  /** Addresses to advertise; the socket's local address when omitted. */
  readonly hostIpAddresses?: readonly string[];
  /** The vendor of the product (IANA enterprise number); 0 when omitted. */
  readonly vendorId?: number;
  /** Default `roaming-harness`. */
  readonly productName?: string;
  /** The applications this peer serves or uses. */
  readonly applications: readonly DiameterApplication[];
  /** Changes when the peer restarts (RFC 6733 §8.16); the start time in seconds when omitted. */
  readonly originStateId?: number;
}

/** What a peer said about itself in its CER or CEA. */
export interface PeerCapabilities {
  readonly originHost: string;
  readonly originRealm: string;
  readonly hostIpAddresses: readonly string[];
  readonly vendorId: number;
  readonly productName: string;
  /** Auth application ids, plain or vendor-specific; 0xffffffff for a relay. */
  readonly applicationIds: readonly number[];
}

/**
 * The Origin-State-Id of this process when the identity sets none: its start
 * time in seconds, the same in every CER, CEA, DWR and DWA (a peer that sees
 * it change resets the connection, as freeDiameter does).
 */
export const PROCESS_STATE_ID = Math.floor(Date.now() / 1000) >>> 0;

/** The AVPs a CER or CEA carries after the result, for `identity`. */
export function capabilityAvps(identity: PeerIdentity, localAddress: string): AnyAvpInput[] {
  const apps = identity.applications;
  return [
    avp(BASE.OriginHost, identity.originHost),
    avp(BASE.OriginRealm, identity.originRealm),
    ...(identity.hostIpAddresses?.length ? identity.hostIpAddresses : [localAddress]).map((ip) => avp(BASE.HostIpAddress, ip)),
    avp(BASE.VendorId, identity.vendorId ?? 0),
    avp(BASE.ProductName, identity.productName ?? 'roaming-harness'),
    avp(BASE.OriginStateId, identity.originStateId ?? PROCESS_STATE_ID),
    ...(apps.includes('s6a') ? [avp(BASE.SupportedVendorId, VENDOR_3GPP)] : []),
    ...(apps.includes('gy') ? [avp(BASE.AuthApplicationId, APPLICATION.creditControl)] : []),
    ...(apps.includes('s6a')
      ? [avp(BASE.VendorSpecificApplicationId, [avp(BASE.VendorId, VENDOR_3GPP), avp(BASE.AuthApplicationId, APPLICATION.s6a)])]
      : []),
  ];
}

/** A CER for `identity`. */
export function capabilitiesExchangeRequest(identity: PeerIdentity, localAddress: string): RequestSpec {
  return {
    flags: COMMAND_FLAG.request,
    commandCode: BASE_COMMANDS.CapabilitiesExchange.code,
    applicationId: APPLICATION.common,
    avps: capabilityAvps(identity, localAddress),
  };
}

/** What a CER or CEA says. @throws {DiameterDecodeError} 5005 without Origin-Host or Origin-Realm. */
export function parseCapabilities(message: DiameterMessage): PeerCapabilities {
  const where = 'Capabilities-Exchange';
  const plain = findAvps(message.avps, BASE.AuthApplicationId).map((a) => readAvp(a, BASE.AuthApplicationId) as number);
  const vendorSpecific = findAvps(message.avps, BASE.VendorSpecificApplicationId).flatMap((a) => {
    const id = numberOf(childrenOf(a), BASE.AuthApplicationId) ?? numberOf(childrenOf(a), BASE.AcctApplicationId);
    return id === undefined ? [] : [id];
  });
  const accounting = findAvps(message.avps, BASE.AcctApplicationId).map((a) => readAvp(a, BASE.AcctApplicationId) as number);
  return {
    originHost: requireText(message.avps, BASE.OriginHost, where),
    originRealm: requireText(message.avps, BASE.OriginRealm, where),
    hostIpAddresses: findAvps(message.avps, BASE.HostIpAddress).map((a) => readAvp(a, BASE.HostIpAddress) as string),
    vendorId: numberOf(message.avps, BASE.VendorId) ?? 0,
    productName: textOf(message.avps, BASE.ProductName) ?? '',
    applicationIds: [...plain, ...vendorSpecific, ...accounting],
  };
}

/** The applications both sides support (all of ours when the peer relays). */
export function commonApplications(ours: readonly DiameterApplication[], theirs: readonly number[]): DiameterApplication[] {
  if (theirs.includes(APPLICATION.relay)) return [...ours];
  return ours.filter((app) => theirs.includes(APPLICATION_IDS[app]));
}
