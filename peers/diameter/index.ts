/**
 * Diameter peers over TCP: connections in both roles with the base protocol
 * (CER/CEA, DWR/DWA watchdog, DPR/DPA), a client that reconnects and a
 * server; S6a as an HSS front over the home HLR and as the VLR/MME's home
 * network; Gy as an OCS front over the billing state and as the VLR's
 * charging port; traces for report steps and pcaps. SCTP is out of scope.
 *
 * @example
 * ```ts
 * import { DiameterHss, S6aHomeNetwork, DiameterClient } from 'roaming-harness/peers/diameter';
 * ```
 *
 * @packageDocumentation
 */
// Peers over TCP in both roles: capabilities exchange, watchdog, disconnect.
export {
  APPLICATION_IDS,
  capabilitiesExchangeRequest,
  capabilityAvps,
  commonApplications,
  type DiameterApplication,
  parseCapabilities,
  type PeerCapabilities,
  type PeerIdentity,
  PROCESS_STATE_ID,
} from './capabilities.js';
// Errors.
export { DiameterCapabilitiesError, DiameterConnectionError, DiameterResultError, DiameterTimeoutError } from './peer-errors.js';
// Connections, clients and servers.
export { type DiameterTraffic, type PeerConnectionOptions, type PeerState, type RequestHandler } from './peer-types.js';
export { DiameterPeerConnection } from './peer-connection.js';
export { DiameterClient, type DiameterClientOptions } from './peer-client.js';
export { DiameterServer, type DiameterServerOptions } from './peer-server.js';
export { PeerWatchdog, type WatchdogActions, type WatchdogState } from './watchdog.js';
export { SessionIds } from './session-ids.js';
// Traces for report steps and pcaps; diameter:// addresses.
export { type DiameterStep, DiameterTrace } from './diameter-trace.js';
export { DIAMETER_PORT, type DiameterTarget, InvalidDiameterUrlError, parseDiameterUrl } from './diameter-url.js';
export type { DisconnectCause } from './base-messages.js';
// S6a: an HSS front over a home HLR, the VLR/MME's home network, cancel location towards the MME.
export { DiameterHss, type DiameterHssOptions } from './s6a/diameter-hss.js';
export { type S6aAuthVector, S6aHomeNetwork, type S6aHomeNetworkOptions } from './s6a/s6a-home-network.js';
export { S6aVisitedNetworks } from './s6a/s6a-visited-networks.js';
export { mmeRequestHandler, type MmeSubscriberRecords } from './s6a/mme-requests.js';
export { rejectCauseForResult, resultForRejectCause, type S6aCauseMapping, type S6aProcedure } from './s6a/s6a-results.js';
export { DEFAULT_AMBR, DEFAULT_APN, subscriberDataOf, subscriptionDataOf } from './s6a/s6a-subscription.js';
// Gy: an OCS front over billing, the VLR's charging port with failover, prepaid credit.
export { DEFAULT_GRANTED_UNITS, DiameterOcs, type DiameterOcsOptions } from './gy/diameter-ocs.js';
export { GyChargingPort, type GyChargingPortOptions } from './gy/gy-charging-port.js';
export { CreditLimitReachedError } from './gy/gy-errors.js';
export {
  type ChargedService,
  DEFAULT_RATING_GROUPS,
  DEFAULT_REQUESTED_UNITS,
  kindOf,
  mccMncOf,
  plmnOfMccMnc,
  requestTypeOf,
  SERVICE_CONTEXT_IDS,
  serviceOf,
  unitsOf,
  usageOf,
} from './gy/gy-services.js';
export { PrepaidCredit } from './gy/prepaid-credit.js';
