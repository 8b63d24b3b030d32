/**
 * Fault injection that knows nothing of roaming: Toxiproxy backends
 * (embedded, external, container), named links with a fault vocabulary,
 * and drills on a timeline.
 *
 * @example
 * ```ts
 * import { selectChaosBackend, ChaosNetwork } from 'roaming-harness/chaos';
 * await using backend = await selectChaosBackend();
 * const chaos = new ChaosNetwork(backend);
 * ```
 *
 * @packageDocumentation
 */
// Named links and the one fault vocabulary.
export { ChaosNetwork, type AddLinkOptions } from './chaos-network.js';
export type { LinkInfo, LinkTraffic } from './link-info.js';
export { LinkFaults, type TunableFault } from './link-faults.js';
export { ChaosError } from './chaos-error.js';
export { FAULT_DIRECTIONS, streamsOf, type ActiveFault, type FaultDirection, type FaultKind, type FaultScope } from './fault.js';
export { formatLinkName, parseLinkName, proxyNameOf, type LinkEnds } from './link-name.js';
export type { LatencyFault } from './faults/latency-fault.js';
export type { LossFault, LossBurst } from './faults/loss-fault.js';
export type { BandwidthFault, FlappingFault, PartitionFault, PartitionMode, ResetFault, SlowCloseFault } from './faults/network-faults.js';
export { FAULT_TYPES, planFault, type FaultSpec, type FaultType } from './faults/fault-spec.js';
export type { FaultPlan, ToxicSpec } from './faults/fault-plan.js';
// Backends: embedded (in-process), external (TOXIPROXY_URL), container (testcontainers).
export {
  selectChaosBackend,
  chosenChaosBackend,
  availableChaosBackends,
  type ChaosBackendChoice,
  type SelectChaosBackendOptions,
  type BackendAvailability,
} from './backends/select-backend.js';
export { CHAOS_BACKEND_KINDS, type ChaosBackendKind, type ChaosEndpoint, type StartedChaosBackend } from './backends/chaos-backend.js';
export { startEmbeddedBackend } from './backends/embedded-backend.js';
export { connectExternalBackend } from './backends/external-backend.js';
export { startContainerBackend, DEFAULT_TOXIPROXY_IMAGE, type ContainerBackendOptions } from './backends/container-backend.js';
export { detectContainerRuntime, type ContainerRuntimeAnswer } from './backends/container-runtime.js';
export type { HostAccess } from './backends/container-addressing.js';
export type { LinkAddressing } from './backends/link-addressing.js';
// Drills: a steady-state hypothesis, faults and load on a timeline, rollbacks, recovery times.
export {
  defineDrill,
  type DrillDefinition,
  type DrillProbe,
  type DrillRollback,
  type DrillTarget,
  type Duration,
  type FaultRamp,
  type FaultStep,
  type LoadStep,
  type SteadyStateHypothesis,
} from './drills/drill-definition.js';
export { runDrill, type RunDrillOptions } from './drills/run-drill.js';
export { checkDrill, type CheckedDrill } from './drills/drill-schema.js';
export { compileTolerance, type Tolerance, type ProbeValue, type CompiledTolerance } from './drills/tolerance.js';
export {
  formatDrillReport,
  type DrillReport,
  type DrillStatus,
  type FaultRecord,
  type HypothesisCheck,
  type LoadRecord,
  type ProbeResult,
  type RollbackResult,
  type TimelineEvent,
} from './drills/drill-report.js';
// The embedded Toxiproxy server, a drop-in for toxiproxy-server.
export {
  startEmbeddedToxiproxy,
  createDefaultToxicTypes,
  createExtendedToxicTypes,
  EMBEDDED_ONLY_TOXIC_TYPES,
  EMBEDDED_TOXIPROXY_VERSION,
  EmbeddedToxiproxyError,
  ToxicTypeRegistry,
  defineToxicType,
  type EmbeddedToxiproxyOptions,
  type StartedEmbeddedToxiproxy,
  type ToxicType,
} from './embedded/index.js';
