/**
 * `roaming-harness/simulator`: the roaming domain, pure (no HTTP, no
 * Playwright, no files): PLMNs and identities, subscribers and their SIMs
 * (Milenage), the HLR and VLR, procedures and their state machines, roaming
 * policy, billing and reconciliation, events, statistics, diagrams, and the
 * `RoamingSimulator` that runs it all on a virtual or the real clock.
 *
 * ```ts
 * import { RoamingSimulator } from 'roaming-harness/simulator';
 * const sim = new RoamingSimulator({ seed: 7 });
 * ```
 *
 * SLOs and samples are in `roaming-harness/metrics`.
 *
 * @packageDocumentation
 */

// The simulator: a whole roaming world in memory, on the virtual clock or the real one.
export { RoamingSimulator } from './simulation/roaming-simulator.js';
export { NotRegisteredError } from './simulation/simulator-core.js';
export type { RoamingSimulatorOptions, NetworkRef, SubscriberRef, SubscriberRegistration } from './simulation/simulator-options.js';
export {
  NetworkRegistry,
  NetworkExistsError,
  type HomeNetwork,
  type VisitedNetwork,
  type NetworkInit,
} from './simulation/network-registry.js';
export type { SimulationTopology, TopologyHome, TopologyVisited } from './simulation/topology.js';
export { runRoamingDay, ROAMING_DAY_WORLD, type RoamingDayOptions, type RoamingDayReport } from './simulation/roaming-day.js';
export { trafficProfile, REALISTIC_TRAFFIC, type TrafficProfile } from './simulation/traffic-profile.js';
export { RoamingStatistics, sessionStatistics, type SessionStatistics, type SimulatorStatistics } from './statistics/call-statistics.js';

// Time: the one clock procedures wait on, real or virtual.
export { realClock, type Clock } from '../core/clock.js';
export {
  VirtualClock,
  DEFAULT_VIRTUAL_START,
  VirtualClockStalledError,
  VirtualClockRunawayError,
  VirtualClockBusyError,
  type VirtualClockOptions,
  type VirtualRunSummary,
} from '../core/virtual-clock.js';
export { SeededRandom, InvalidSeedError, type Seed } from './random/seeded-random.js';

// Networks and identities.
export { parsePlmn, isPlmnId, type Plmn, type PlmnId } from './plmn.js';
export { parseImsi, parseMsisdn, parseKey128, type Imsi, type Msisdn } from './identity.js';
export { operatorOf, countryOfMcc, type OperatorInfo } from './reference/operators.js';
export { mobileMsisdnFor, isValidMobileMsisdn, type DigitSource } from './reference/msisdn.js';
export { IdentityHasher, ClearIdentities, CLEAR_IDENTITIES_ENV, type IdentityHasherOptions } from './identity-hasher.js';

// Subscribers and their SIMs: Milenage (3GPP TS 35.206), vectors, the USIM.
export { Subscriber, SubscriberFactory, type SubscriberInit, type SubscriberProfile } from './subscriber.js';
export { SimCredentials } from './sim-credentials.js';
export { milenage, type MilenageInputs, type MilenageOutputs, type AutnCheck, type HexOrBytes } from './auth/index.js';
export { Milenage, deriveOpc, type MilenageKeys, type MilenageOutputBytes } from './auth/milenage.js';
export { buildVector, buildVectors, DEFAULT_AMF, type AuthVector, type RandSource } from './auth/vector.js';
export { AuthenticationCentre, AutsRejectedError } from './auth/auc.js';
export { Usim, type ChallengeAnswer } from './auth/usim.js';
export { TS_35_208_TEST_SETS, type MilenageTestSet } from './auth/ts-35-208-test-sets.js';

// The network elements' logic, and the ports between them.
export {
  HomeLocationRegister,
  SubscriberExistsError,
  MsisdnInUseError,
  type ProvisionRequest,
  type HlrRecordView,
} from './elements/home-location-register.js';
export { VisitorLocationRegister, type VlrOptions } from './elements/visitor-location-register.js';
export type { VlrRecord } from './elements/vlr-context.js';
export { UnknownDataSessionError, InvalidUsageError } from './elements/vlr-data-sessions.js';
export { MAX_SMS_SEGMENTS } from './elements/vlr-short-messages.js';
export {
  directAccess,
  directHomeNetwork,
  directVisitedNetworks,
  directCharging,
  directHandover,
  directCallRouting,
  directSmsCentre,
  type Delay,
} from './elements/direct-ports.js';
export type {
  HomeNetworkPort,
  VisitedNetworkPort,
  ChargingPort,
  ChargingEvent,
  HandoverPort,
  HandoverRequest,
  HandoverAccept,
  CallRoutingPort,
  SmsCentrePort,
  SendAuthInfoRequest,
  UpdateLocationRequest,
  PurgeRequest,
  SubscriberData,
  CallDirection,
} from './signaling/ports.js';
export type { AccessPort, ServingNetworkPort } from './signaling/serving-network-port.js';
export {
  UnknownCallError,
  UnknownTransactionError,
  type AttachAccept,
  type AuthenticationChallenge,
  type ChallengeResponse,
  type CallRequest,
  type CallConnected,
  type CallReleased,
  type HandoverCommand,
  type HandoverComplete,
  type LocationUpdateRequest,
  type LocationUpdateAccept,
  type DetachRequest,
  type DetachAccept,
  type DataSessionRequest,
  type DataSessionOpened,
  type DataUsageReport,
  type DataSessionUsage,
  type ShortMessageRequest,
  type ShortMessageAccepted,
} from './signaling/vlr-messages.js';
export type { SignalingStep } from './signaling/signaling-step.js';

// Procedures and their state machines.
export { runAttach, answerChallenge, type AttachContext, type AttachOutcome, type ExchangeRunner } from './procedures/attach.js';
export { ATTACH_TRANSITIONS, type AttachState } from './procedures/attach-states.js';
export { runAttachWithSteering, type SteeringContext, type SteeringOutcome } from './procedures/steering.js';
export { runLocationUpdate, runDetach, type MobilityContext } from './procedures/mobility.js';
export { RoamingCall, type CallContext, type CallTimings, type HandoffRecord } from './procedures/call.js';
export { CallNotConnectedError } from './procedures/call-errors.js';
export { CALL_STATES, CALL_TRANSITIONS, type CallState } from './procedures/call-states.js';
export { RoamingDataSession, type DataSessionContext } from './procedures/data-session.js';
export { runShortMessage } from './procedures/short-message.js';
export type { ProcedureOutcome } from './procedures/procedure-outcome.js';
export type { ProcedureContext, ProcedureFailure } from './procedures/procedure-recorder.js';
export { StateMachine, type Transition, type TransitionTable } from './state-machine.js';
export { REJECT_CAUSES, RejectError, isRejectCause, type RejectCause } from './causes.js';

// Roaming policy: agreements, tariffs, steering.
export { RoamingAgreements, TARIFFS, parseTariff, InvalidTariffError, type RoamingAgreement, type Tariff } from './policy/agreements.js';
export { SteeringPolicy, type SteeringVerdict } from './policy/steering-policy.js';

// Billing: ground truth, CDRs, rating and reconciliation.
export { UsageJournal, usageAmount, usageUnit, type UsageRecord, type UsageService, type UsageWindow } from './billing/usage-record.js';
export { ChargingLedger, type LedgerReceipt } from './billing/charging-ledger.js';
export { CdrCollector, type OpenUsage } from './billing/cdr-collector.js';
export { RatingEngine, RatingError, rateWith, roundMoney, type RatedUsage } from './billing/rating.js';
export { reconcile, type ReconcileOptions } from './billing/reconcile.js';
export {
  DIFFERENCE_KINDS,
  differenceCounts,
  type Reconciliation,
  type DifferenceKind,
  type ReconcileTolerance,
  type AppliedTolerance,
  type ToleranceUse,
  type ReconciledPair,
  type MissingRecord,
  type DuplicatedRecord,
  type MisRatedRecord,
  type WrongSubscriberRecord,
  type WrongNetworkRecord,
  type OpenAtEndRecord,
  type InFlightRecord,
} from './billing/reconcile-findings.js';
export { StreamingReconciler } from './billing/streaming-reconciler.js';
export { collectUsage, type BilledRecord, type CollectedUsage } from './billing/usage-collector.js';

// Events, latencies, diagrams.
export { EventLog, type RoamingEvent, type EventResult, type EventSink } from './roaming-events.js';
export { LatencyModel, DEFAULT_LATENCY, type LatencyProfile, type SignalingLeg } from './latency/latency-model.js';
export { latencyRange, parseLatencyRange, InvalidLatencyError, type LatencyRange } from './latency/latency-range.js';
export { renderDiagram, allDiagrams, DIAGRAM_TYPES, type DiagramFormat, type DiagramType } from './diagrams/diagrams.js';
export {
  asciiSequenceDiagram,
  mermaidSequenceDiagram,
  mermaidFromSteps,
  type FlowSpec,
  type SequenceMessage,
} from './diagrams/sequence-diagram.js';
export { asciiStateDiagram, mermaidStateDiagram } from './diagrams/state-diagram.js';
export { asciiArchitecture, mermaidArchitecture, EXAMPLE_ARCHITECTURE, type ArchitectureModel } from './diagrams/architecture-diagram.js';
export { CALL_FLOW, HANDOFF_FLOW } from './diagrams/call-flows.js';

// Errors of the domain; every one is a RoamError with a stable code.
export { RoamError, type RoamErrorOptions } from '../core/errors.js';
export { InvalidPlmnError, InvalidIdentityError, IllegalTransitionError, UnknownNameError } from './domain-errors.js';
