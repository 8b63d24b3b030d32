/**
 * The base protocol's AVPs and commands (RFC 6733 §4.5, §5, §7, §8) that the
 * harness sends or reads: capabilities exchange, watchdog, disconnect,
 * session and routing AVPs, result codes and the failure AVPs.
 *
 * @module
 */
import { defineAvp, defineCommand } from './dictionary.js';

/** Application ids (RFC 6733 §2.4 and the IANA registry). */
export const APPLICATION = {
  /** The common messages of the base protocol (CER, DWR, DPR). */
  common: 0,
  /** Diameter Credit-Control (RFC 4006): Gy/Ro. */
  creditControl: 4,
  /** 3GPP S6a/S6d (TS 29.272). */
  s6a: 16777251,
  /** "Relay": a peer that relays every application. */
  relay: 0xffff_ffff,
} as const;

/** Names of the applications, for reports. */
export const APPLICATION_NAMES: Readonly<Record<number, string>> = {
  0: 'Diameter Common Messages',
  4: 'Diameter Credit-Control (Gy)',
  16777251: '3GPP S6a/S6d',
  4294967295: 'Relay',
};

/** Disconnect-Cause values (RFC 6733 §5.4.3). */
export const DISCONNECT_CAUSE = { REBOOTING: 0, BUSY: 1, DO_NOT_WANT_TO_TALK_TO_YOU: 2 } as const;

/** Auth-Session-State values (RFC 6733 §8.11). */
export const AUTH_SESSION_STATE = { STATE_MAINTAINED: 0, NO_STATE_MAINTAINED: 1 } as const;

/** Termination-Cause values (RFC 6733 §8.15), the ones a charging client sends. */
export const TERMINATION_CAUSE = { DIAMETER_LOGOUT: 1, DIAMETER_SERVICE_NOT_PROVIDED: 2, DIAMETER_BAD_ANSWER: 3 } as const;

const invert = (values: Record<string, number>): Record<number, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [value, name]));

/** Base protocol AVPs. */
export const BASE = {
  UserName: defineAvp('User-Name', 1, 'UTF8String', { identity: 'imsi' }),
  ProxyState: defineAvp('Proxy-State', 33, 'OctetString'),
  EventTimestamp: defineAvp('Event-Timestamp', 55, 'Time'),
  HostIpAddress: defineAvp('Host-IP-Address', 257, 'Address'),
  AuthApplicationId: defineAvp('Auth-Application-Id', 258, 'Unsigned32'),
  AcctApplicationId: defineAvp('Acct-Application-Id', 259, 'Unsigned32'),
  VendorSpecificApplicationId: defineAvp('Vendor-Specific-Application-Id', 260, 'Grouped'),
  SessionId: defineAvp('Session-Id', 263, 'UTF8String'),
  OriginHost: defineAvp('Origin-Host', 264, 'DiameterIdentity'),
  SupportedVendorId: defineAvp('Supported-Vendor-Id', 265, 'Unsigned32'),
  VendorId: defineAvp('Vendor-Id', 266, 'Unsigned32'),
  FirmwareRevision: defineAvp('Firmware-Revision', 267, 'Unsigned32', { mandatory: false }),
  ResultCode: defineAvp('Result-Code', 268, 'Unsigned32'),
  ProductName: defineAvp('Product-Name', 269, 'UTF8String', { mandatory: false }),
  DisconnectCause: defineAvp('Disconnect-Cause', 273, 'Enumerated', { values: invert(DISCONNECT_CAUSE) }),
  AuthSessionState: defineAvp('Auth-Session-State', 277, 'Enumerated', { values: invert(AUTH_SESSION_STATE) }),
  OriginStateId: defineAvp('Origin-State-Id', 278, 'Unsigned32'),
  FailedAvp: defineAvp('Failed-AVP', 279, 'Grouped'),
  ProxyHost: defineAvp('Proxy-Host', 280, 'DiameterIdentity'),
  ErrorMessage: defineAvp('Error-Message', 281, 'UTF8String', { mandatory: false }),
  RouteRecord: defineAvp('Route-Record', 282, 'DiameterIdentity'),
  DestinationRealm: defineAvp('Destination-Realm', 283, 'DiameterIdentity'),
  ProxyInfo: defineAvp('Proxy-Info', 284, 'Grouped'),
  DestinationHost: defineAvp('Destination-Host', 293, 'DiameterIdentity'),
  ErrorReportingHost: defineAvp('Error-Reporting-Host', 294, 'DiameterIdentity', { mandatory: false }),
  TerminationCause: defineAvp('Termination-Cause', 295, 'Enumerated', { values: invert(TERMINATION_CAUSE) }),
  OriginRealm: defineAvp('Origin-Realm', 296, 'DiameterIdentity'),
  ExperimentalResult: defineAvp('Experimental-Result', 297, 'Grouped'),
  ExperimentalResultCode: defineAvp('Experimental-Result-Code', 298, 'Unsigned32'),
  InbandSecurityId: defineAvp('Inband-Security-Id', 299, 'Unsigned32'),
} as const;

/** Base protocol commands (application 0). */
export const BASE_COMMANDS = {
  CapabilitiesExchange: defineCommand('Capabilities-Exchange', 257, APPLICATION.common, 'CER', false),
  DeviceWatchdog: defineCommand('Device-Watchdog', 280, APPLICATION.common, 'DWR', false),
  DisconnectPeer: defineCommand('Disconnect-Peer', 282, APPLICATION.common, 'DPR', false),
} as const;
