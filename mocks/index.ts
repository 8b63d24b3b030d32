/**
 * `roaming-harness/mocks`: the built-in network elements (HLR/HSS, VLR/MME,
 * billing OCS + CDR collector) as fetch handlers with zod contracts, typed
 * clients for those contracts, a server that puts a handler on a real
 * 127.0.0.1 port, the same handlers mounted in MSW, and billing's TAP files.
 *
 * ```ts
 * import { createHlrHandler, serveHandler } from 'roaming-harness/mocks';
 * ```
 *
 * @packageDocumentation
 */

// The elements: handlers, their contracts and clients.
export { createHlrHandler, DEFAULT_MAX_SUBSCRIBERS, type HlrHandlerOptions } from './hlr/handler.js';
export { hlrContract, SubscriberView } from './hlr/contract.js';
export { HlrClient } from './hlr/client.js';
export { createVlrHandler } from './vlr/handler.js';
export { vlrContract } from './vlr/contract.js';
export { VlrClient, VlrDirectory } from './vlr/client.js';
export { createBillingHandler } from './billing/handler.js';
export { billingContract, ChargingEventSchema } from './billing/contract.js';
export { BillingClient } from './billing/client.js';
export {
  ReliableChargingSender,
  type ChargingSenderOptions,
  type ChargingSenderStats,
  type DeadLetter,
} from './billing/charging-sender.js';
export { ChargingCredentials, WeakChargingSecretError, ANONYMOUS_SENDER, type ChargingIdentity } from './billing/charging-credential.js';

// Serving an element on a port, crashing it, reading its log.
export { serveElement, type ServedElement, type ServeElementOptions, type ElementDefinition } from './element/served-element.js';
export { ElementFaults, elementFaultContract, ElementFaultSchema, type ElementFault } from './element/element-faults.js';
export { ElementLog, type ElementLogEntry } from './element/element-log.js';
export { serveHandler, DEFAULT_MAX_BODY_BYTES, type ServeOptions, type StartedServer } from './http/serve.js';
export type { FetchHandler } from './http/fetch-handler.js';
export { withHealth } from './http/health.js';
export { withBearerToken, ADMIN_TOKEN_ENV, adminTokenFromEnv } from './http/bearer-token.js';

// Writing an element of one's own on the same contracts.
export { createRouter, route, type Route, type RouteInput } from './http/element-router.js';
export { endpoint, type Endpoint, type Method } from './http/endpoint.js';
export {
  callEndpoint,
  ElementRequestError,
  ElementUnreachableError,
  HTTP_CLIENT_ENV,
  type ClientOptions,
  type HttpTransport,
} from './http/client.js';
export { problem, PROBLEM_TYPES, type ProblemDetails, type FieldProblem } from './http/problem.js';

// The harness's share of each exchange, and every exchange as it starts, on diagnostics channels.
export {
  enableExchangeTiming,
  exchangeTimingEnabled,
  timeProcedure,
  EXCHANGE_CHANNEL,
  EXCHANGE_START_CHANNEL,
  EXCHANGE_TIMING_ENV,
  type ExchangeTiming,
  type ExchangeStart,
  type ProcedureTiming,
} from './http/exchange-timing.js';

// The contracts as OpenAPI 3.1 documents (`roam contracts export`).
export { openApiDocument, ROLE_CONTRACTS } from './openapi/openapi-document.js';
export { CONTRACT_VERSIONS, type ContractRole } from './http/element-info.js';

// The same handlers in-process, through MSW.
export { mswHandlers, type MswMount } from './msw/handlers.js';

// Billing's TAP 3.12 files: written per visited -> home pair, reconciled against ground truth.
export { TapOutbox, writeTapFiles, type TapWriteOptions, type WrittenTapFile } from './billing/tap/tap-writer.js';
export { reconcileTapFiles, type TapCrossReference, type TapFileCheck, type TapReconciliation } from './billing/tap/tap-reconcile.js';
export { tapRecords, type TapRecord } from './billing/tap/tap-usage.js';
export { tadigOf, plmnOfTadig, WELL_KNOWN_TADIG, UnknownTadigError } from './billing/tap/tadig.js';
