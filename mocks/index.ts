/**
 * `roaming-harness/mocks`: the network elements (HLR/HSS, VLR/MME, billing)
 * as fetch handlers with zod contracts, typed clients, and a server that puts
 * a handler on a real 127.0.0.1 port.
 *
 * @packageDocumentation
 */
export * from './http/fetch-handler.js';
export * from './http/serve.js';
export * from './http/problem.js';
export * from './http/endpoint.js';
export * from './http/element-router.js';
export * from './http/client.js';
export * from './http/health.js';
export * from './http/bearer-token.js';
export { hlrContract, SubscriberView } from './hlr/contract.js';
export { createHlrHandler, DEFAULT_MAX_SUBSCRIBERS, type HlrHandlerOptions } from './hlr/handler.js';
export { HlrClient } from './hlr/client.js';
export { vlrContract } from './vlr/contract.js';
export { createVlrHandler } from './vlr/handler.js';
export { VlrClient, VlrDirectory } from './vlr/client.js';
export { billingContract, ChargingEventSchema } from './billing/contract.js';
export { createBillingHandler } from './billing/handler.js';
export { BillingClient } from './billing/client.js';
export { ChargingCredentials, WeakChargingSecretError, ANONYMOUS_SENDER, type ChargingIdentity } from './billing/charging-credential.js';
export * from './msw/handlers.js';
export * from './element/element-faults.js';
export * from './element/element-log.js';
export * from './element/served-element.js';
export * from './billing/charging-sender.js';
export { TapOutbox, writeTapFiles, type TapWriteOptions, type WrittenTapFile } from './billing/tap/tap-writer.js';
export { reconcileTapFiles, type TapCrossReference, type TapFileCheck, type TapReconciliation } from './billing/tap/tap-reconcile.js';
export { tapRecords, type TapRecord } from './billing/tap/tap-usage.js';
export { tadigOf, plmnOfTadig, WELL_KNOWN_TADIG, UnknownTadigError } from './billing/tap/tadig.js';
// The TAP codec; asn1js is loaded only when a file is encoded or decoded.
export { decodeTapFile, encodeTapFile, TAP_FIELDS, TapDecodeError, TapEncodeError } from '../protocols/tap3/index.js';
export type { DecodedTapFile, TapCallEvent, TapFile, TapTransferBatch, TapNotification } from '../protocols/tap3/index.js';
