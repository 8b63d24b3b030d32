/**
 * The S6a/S6d AVPs and commands (3GPP TS 29.272 §7) between an MME/SGSN and
 * the HSS, with the AVPs they borrow from TS 29.212 (QoS), TS 29.214
 * (bandwidth), TS 29.229 (CK/IK) and TS 29.329 (MSISDN). All are 3GPP's
 * (vendor 10415) except Service-Selection (RFC 5778).
 *
 * @module
 */
import { APPLICATION } from './dictionary-base.js';
import { VENDOR_3GPP, defineAvp, defineCommand, type AvpDefinition } from './dictionary.js';
import type { AvpType } from './avp-types.js';

/** RAT-Type values (TS 29.212 §5.3.31), the radio access of the request. */
export const RAT_TYPE = { WLAN: 0, UTRAN: 1000, GERAN: 1001, GAN: 1002, HSPA_EVOLUTION: 1003, EUTRAN: 1004, EUTRAN_NB_IOT: 1005 } as const;

/** Cancellation-Type values (TS 29.272 §7.3.24). */
export const CANCELLATION_TYPE = {
  MME_UPDATE_PROCEDURE: 0,
  SGSN_UPDATE_PROCEDURE: 1,
  SUBSCRIPTION_WITHDRAWAL: 2,
  UPDATE_PROCEDURE_IWF: 3,
  INITIAL_ATTACH_PROCEDURE: 4,
} as const;

/** Network-Access-Mode values (TS 29.272 §7.3.21). */
export const NETWORK_ACCESS_MODE = { PACKET_AND_CIRCUIT: 0, ONLY_PACKET: 2 } as const;

/** Subscriber-Status values (TS 29.272 §7.3.29). */
export const SUBSCRIBER_STATUS = { SERVICE_GRANTED: 0, OPERATOR_DETERMINED_BARRING: 1 } as const;

/** PDN-Type values (TS 29.272 §7.3.62). */
export const PDN_TYPE = { IPv4: 0, IPv6: 1, IPv4v6: 2, IPv4_OR_IPv6: 3 } as const;

/** ULR-Flags bits (TS 29.272 §7.3.7). */
export const ULR_FLAGS = { singleRegistration: 1 << 0, s6aIndicator: 1 << 1, skipSubscriberData: 1 << 2, initialAttach: 1 << 5 } as const;

/** ULA-Flags bits (TS 29.272 §7.3.8). */
export const ULA_FLAGS = { separationIndication: 1 << 0, mmeRegisteredForSms: 1 << 1 } as const;

/** PUA-Flags bits (TS 29.272 §7.3.48). */
export const PUA_FLAGS = { freezeMTmsi: 1 << 0, freezePTmsi: 1 << 1 } as const;

/** Teleservice codes (TS 29.002 TeleserviceCode) in TS-Code. */
export const TELESERVICE = { telephony: 0x11, shortMessageMT: 0x21, shortMessageMO: 0x22 } as const;

const invert = (values: Record<string, number>): Record<number, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [value, name]));

const tgpp = (
  name: string,
  code: number,
  type: AvpType,
  options: Omit<Parameters<typeof defineAvp>[3] & object, 'vendorId'> = {},
): AvpDefinition => defineAvp(name, code, type, { ...options, vendorId: VENDOR_3GPP });

/** S6a AVPs. */
export const S6A = {
  ServiceSelection: defineAvp('Service-Selection', 493, 'UTF8String'),
  MaxRequestedBandwidthDl: tgpp('Max-Requested-Bandwidth-DL', 515, 'Unsigned32'),
  MaxRequestedBandwidthUl: tgpp('Max-Requested-Bandwidth-UL', 516, 'Unsigned32'),
  ConfidentialityKey: tgpp('Confidentiality-Key', 625, 'OctetString', { secret: true }),
  IntegrityKey: tgpp('Integrity-Key', 626, 'OctetString', { secret: true }),
  Msisdn: tgpp('MSISDN', 701, 'OctetString', { identity: 'msisdn' }),
  QosClassIdentifier: tgpp('QoS-Class-Identifier', 1028, 'Enumerated'),
  RatType: tgpp('RAT-Type', 1032, 'Enumerated', { mandatory: false, values: invert(RAT_TYPE) }),
  AllocationRetentionPriority: tgpp('Allocation-Retention-Priority', 1034, 'Grouped'),
  PriorityLevel: tgpp('Priority-Level', 1046, 'Unsigned32'),
  PreemptionCapability: tgpp('Pre-emption-Capability', 1047, 'Enumerated'),
  PreemptionVulnerability: tgpp('Pre-emption-Vulnerability', 1048, 'Enumerated'),
  SubscriptionData: tgpp('Subscription-Data', 1400, 'Grouped'),
  UlrFlags: tgpp('ULR-Flags', 1405, 'Unsigned32'),
  UlaFlags: tgpp('ULA-Flags', 1406, 'Unsigned32'),
  VisitedPlmnId: tgpp('Visited-PLMN-Id', 1407, 'OctetString'),
  RequestedEutranAuthenticationInfo: tgpp('Requested-EUTRAN-Authentication-Info', 1408, 'Grouped'),
  RequestedUtranGeranAuthenticationInfo: tgpp('Requested-UTRAN-GERAN-Authentication-Info', 1409, 'Grouped'),
  NumberOfRequestedVectors: tgpp('Number-Of-Requested-Vectors', 1410, 'Unsigned32'),
  ReSynchronizationInfo: tgpp('Re-Synchronization-Info', 1411, 'OctetString'),
  ImmediateResponsePreferred: tgpp('Immediate-Response-Preferred', 1412, 'Unsigned32'),
  AuthenticationInfo: tgpp('Authentication-Info', 1413, 'Grouped'),
  EutranVector: tgpp('E-UTRAN-Vector', 1414, 'Grouped'),
  UtranVector: tgpp('UTRAN-Vector', 1415, 'Grouped'),
  NetworkAccessMode: tgpp('Network-Access-Mode', 1417, 'Enumerated', { values: invert(NETWORK_ACCESS_MODE) }),
  ItemNumber: tgpp('Item-Number', 1419, 'Unsigned32'),
  CancellationType: tgpp('Cancellation-Type', 1420, 'Enumerated', { values: invert(CANCELLATION_TYPE) }),
  ContextIdentifier: tgpp('Context-Identifier', 1423, 'Unsigned32'),
  SubscriberStatus: tgpp('Subscriber-Status', 1424, 'Enumerated', { values: invert(SUBSCRIBER_STATUS) }),
  AllApnConfigurationsIncludedIndicator: tgpp('All-APN-Configurations-Included-Indicator', 1428, 'Enumerated', {
    values: { 0: 'All_APN_CONFIGURATIONS_INCLUDED', 1: 'MODIFIED_ADDED_APN_CONFIGURATIONS_INCLUDED' },
  }),
  ApnConfigurationProfile: tgpp('APN-Configuration-Profile', 1429, 'Grouped'),
  ApnConfiguration: tgpp('APN-Configuration', 1430, 'Grouped'),
  EpsSubscribedQosProfile: tgpp('EPS-Subscribed-QoS-Profile', 1431, 'Grouped'),
  Ambr: tgpp('AMBR', 1435, 'Grouped'),
  PuaFlags: tgpp('PUA-Flags', 1442, 'Unsigned32'),
  Rand: tgpp('RAND', 1447, 'OctetString'),
  Xres: tgpp('XRES', 1448, 'OctetString', { secret: true }),
  Autn: tgpp('AUTN', 1449, 'OctetString'),
  Kasme: tgpp('KASME', 1450, 'OctetString', { secret: true }),
  PdnType: tgpp('PDN-Type', 1456, 'Enumerated', { values: invert(PDN_TYPE) }),
  TeleserviceList: tgpp('Teleservice-List', 1486, 'Grouped'),
  TsCode: tgpp('TS-Code', 1487, 'OctetString'),
  IdrFlags: tgpp('IDR-Flags', 1490, 'Unsigned32'),
  PurFlags: tgpp('PUR-Flags', 1635, 'Unsigned32', { mandatory: false }),
} as const;

/** S6a commands (TS 29.272 §7.2), application 16777251. */
export const S6A_COMMANDS = {
  UpdateLocation: defineCommand('Update-Location', 316, APPLICATION.s6a, 'ULR'),
  CancelLocation: defineCommand('Cancel-Location', 317, APPLICATION.s6a, 'CLR'),
  AuthenticationInformation: defineCommand('Authentication-Information', 318, APPLICATION.s6a, 'AIR'),
  InsertSubscriberData: defineCommand('Insert-Subscriber-Data', 319, APPLICATION.s6a, 'IDR'),
  PurgeUe: defineCommand('Purge-UE', 321, APPLICATION.s6a, 'PUR'),
} as const;
