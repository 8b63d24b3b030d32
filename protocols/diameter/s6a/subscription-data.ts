/**
 * Subscription-Data (TS 29.272 §7.3.2), the part the harness models: the
 * MSISDN, the network access mode, the teleservices (telephony, short
 * messages) and, for packet data, an APN configuration profile with one
 * default APN, its QoS and aggregate bit rates.
 *
 * @module
 */
import { bytesOf, childrenOf, findAvp, findAvps, numberOf, textOf } from '../avp-access.js';
import { NETWORK_ACCESS_MODE, PDN_TYPE, S6A, SUBSCRIBER_STATUS, TELESERVICE } from '../dictionary-s6a.js';
import { avp, type AnyAvpInput, type DecodedAvp } from '../message.js';
import { decodeTbcd, encodeTbcd } from '../tbcd.js';

/** The default APN of a packet data subscription. */
export interface ApnConfiguration {
  /** The APN (Service-Selection), e.g. `internet`. */
  readonly apn: string;
  /** QoS class identifier, 1 to 9 (9: best effort). */
  readonly qci: number;
  /** Allocation and retention priority level, 1 (highest) to 15. */
  readonly priorityLevel: number;
}

/** The subscription data an HSS inserts into an MME. */
export interface SubscriptionData {
  /** International digits, no `+`. */
  readonly msisdn: string;
  /** Circuit services: telephony and short messages (TS-Codes 0x11, 0x21/0x22). */
  readonly teleservices: readonly ('telephony' | 'sms')[];
  /** `packet-and-circuit`, or `only-packet` for a data-only subscription. */
  readonly networkAccessMode: 'packet-and-circuit' | 'only-packet';
  /** The APN profile when the subscription includes packet data. */
  readonly apn?: ApnConfiguration;
  /** Aggregate maximum bit rates, bit/s. */
  readonly ambr?: { readonly uplink: number; readonly downlink: number };
}

/** The Subscription-Data AVP. */
export function subscriptionDataAvp(data: SubscriptionData): AnyAvpInput {
  const codes = data.teleservices.flatMap((t) =>
    t === 'telephony' ? [TELESERVICE.telephony] : [TELESERVICE.shortMessageMT, TELESERVICE.shortMessageMO],
  );
  const ambr = data.ambr
    ? [avp(S6A.Ambr, [avp(S6A.MaxRequestedBandwidthUl, data.ambr.uplink), avp(S6A.MaxRequestedBandwidthDl, data.ambr.downlink)])]
    : [];
  return avp(S6A.SubscriptionData, [
    avp(S6A.SubscriberStatus, SUBSCRIBER_STATUS.SERVICE_GRANTED),
    avp(S6A.Msisdn, encodeTbcd(data.msisdn)),
    avp(
      S6A.NetworkAccessMode,
      data.networkAccessMode === 'only-packet' ? NETWORK_ACCESS_MODE.ONLY_PACKET : NETWORK_ACCESS_MODE.PACKET_AND_CIRCUIT,
    ),
    ...(codes.length
      ? [
          avp(
            S6A.TeleserviceList,
            codes.map((code) => avp(S6A.TsCode, Buffer.from([code]))),
          ),
        ]
      : []),
    ...ambr,
    ...(data.apn ? [apnProfile(data.apn, ambr)] : []),
  ]);
}

function apnProfile(apn: ApnConfiguration, ambr: readonly AnyAvpInput[]): AnyAvpInput {
  return avp(S6A.ApnConfigurationProfile, [
    avp(S6A.ContextIdentifier, 1),
    avp(S6A.AllApnConfigurationsIncludedIndicator, 0),
    avp(S6A.ApnConfiguration, [
      avp(S6A.ContextIdentifier, 1),
      avp(S6A.PdnType, PDN_TYPE.IPv4),
      avp(S6A.ServiceSelection, apn.apn),
      avp(S6A.EpsSubscribedQosProfile, [
        avp(S6A.QosClassIdentifier, apn.qci),
        avp(S6A.AllocationRetentionPriority, [
          avp(S6A.PriorityLevel, apn.priorityLevel),
          avp(S6A.PreemptionCapability, 1),
          avp(S6A.PreemptionVulnerability, 0),
        ]),
      ]),
      ...ambr,
    ]),
  ]);
}

/** Reads Subscription-Data; undefined when the AVP is absent. */
export function parseSubscriptionData(avps: readonly DecodedAvp[]): SubscriptionData | undefined {
  const found = findAvp(avps, S6A.SubscriptionData);
  if (!found) return undefined;
  const data = childrenOf(found);
  const codes = new Set(findAvps(childrenOf(findAvp(data, S6A.TeleserviceList)), S6A.TsCode).map((a) => a.data[0]));
  const teleservices: ('telephony' | 'sms')[] = [];
  if (codes.has(TELESERVICE.telephony)) teleservices.push('telephony');
  if (codes.has(TELESERVICE.shortMessageMT) || codes.has(TELESERVICE.shortMessageMO)) teleservices.push('sms');
  const ambrAvps = childrenOf(findAvp(data, S6A.Ambr));
  const profile = childrenOf(findAvp(data, S6A.ApnConfigurationProfile));
  const apn = childrenOf(findAvp(profile, S6A.ApnConfiguration));
  const qos = childrenOf(findAvp(apn, S6A.EpsSubscribedQosProfile));
  const msisdn = bytesOf(data, S6A.Msisdn);
  return {
    msisdn: msisdn ? decodeTbcd(msisdn) : '',
    teleservices,
    networkAccessMode: numberOf(data, S6A.NetworkAccessMode) === NETWORK_ACCESS_MODE.ONLY_PACKET ? 'only-packet' : 'packet-and-circuit',
    ...(apn.length
      ? {
          apn: {
            apn: textOf(apn, S6A.ServiceSelection) ?? '',
            qci: numberOf(qos, S6A.QosClassIdentifier) ?? 9,
            priorityLevel: numberOf(childrenOf(findAvp(qos, S6A.AllocationRetentionPriority)), S6A.PriorityLevel) ?? 15,
          },
        }
      : {}),
    ...(ambrAvps.length
      ? {
          ambr: {
            uplink: numberOf(ambrAvps, S6A.MaxRequestedBandwidthUl) ?? 0,
            downlink: numberOf(ambrAvps, S6A.MaxRequestedBandwidthDl) ?? 0,
          },
        }
      : {}),
  };
}
