/**
 * Diameter peers over TCP: connections in both roles with the base protocol
 * (CER/CEA, DWR/DWA watchdog, DPR/DPA), a client that reconnects and a
 * server; S6a as an HSS front over the home HLR and as the VLR/MME's home
 * network; Gy as an OCS front over the billing state and as the VLR's
 * charging port; traces for report steps and pcaps. SCTP is out of scope.
 *
 * @example
 * ```ts
 * import { DiameterHss, S6aHomeNetwork, DiameterClient } from './peers/diameter/index.js';
 * ```
 *
 * @module
 */
export * from './capabilities.js';
export * from './peer-errors.js';
export * from './peer-types.js';
export { DiameterPeerConnection } from './peer-connection.js';
export * from './peer-client.js';
export * from './peer-server.js';
export * from './watchdog.js';
export * from './session-ids.js';
export * from './diameter-trace.js';
export * from './diameter-url.js';
export { nextEndToEndId, type DisconnectCause } from './base-messages.js';
export * from './s6a/diameter-hss.js';
export * from './s6a/s6a-home-network.js';
export * from './s6a/s6a-visited-networks.js';
export * from './s6a/mme-requests.js';
export * from './s6a/s6a-results.js';
export * from './s6a/s6a-subscription.js';
export * from './gy/diameter-ocs.js';
export * from './gy/gy-charging-port.js';
export * from './gy/gy-errors.js';
export * from './gy/gy-services.js';
export * from './gy/prepaid-credit.js';
