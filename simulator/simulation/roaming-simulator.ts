import { reconcile, type Reconciliation, type ReconcileTolerance } from '../billing/reconcile.js';
import { RatingEngine } from '../billing/rating.js';
import { rateRecords, type BilledRecord } from '../billing/usage-collector.js';
import type { ArchitectureModel } from '../diagrams/architecture-diagram.js';
import { renderDiagram, type DiagramFormat, type DiagramType } from '../diagrams/diagrams.js';
import { UnknownNameError } from '../domain-errors.js';
import type { PlmnId } from '../plmn.js';
import { runAttach, type AttachOutcome, type ExchangeRunner } from '../procedures/attach.js';
import { RoamingCall, type HandoffRecord } from '../procedures/call.js';
import { RoamingDataSession } from '../procedures/data-session.js';
import { runDetach, runLocationUpdate } from '../procedures/mobility.js';
import type { ProcedureContext } from '../procedures/procedure-recorder.js';
import type { ProcedureOutcome } from '../procedures/procedure-outcome.js';
import { runShortMessage } from '../procedures/short-message.js';
import { runAttachWithSteering, type SteeringOutcome } from '../procedures/steering.js';
import type { DetachAccept, LocationUpdateAccept, ShortMessageAccepted } from '../signaling/vlr-messages.js';
import { sessionStatistics, type SessionStatistics, type SimulatorStatistics } from '../statistics/call-statistics.js';
import type { Subscriber } from '../subscriber.js';
import { SimulatorCore, type SubscriberRef } from './simulator-core.js';
import type { HomeNetwork, VisitedNetwork } from './network-registry.js';
import type { TopologyHome, TopologyVisited } from './topology.js';

/**
 * The roaming simulator: register home and visited networks and
 * subscribers, then run every procedure (attach, location updates, calls
 * with handoffs, data, SMS, detach) on a virtual clock (the default: a
 * simulated day in seconds, the same events for the same seed) or on the
 * real one. It keeps per-session and simulator-wide statistics, the ground
 * truth of what subscribers used, and the billing records, for
 * reconciliation.
 *
 * @example
 * ```ts
 * const sim = new RoamingSimulator({ seed: 7 });
 * const home = sim.registerHomeNetwork({ mcc: '262', mnc: '01', name: 'Telekom (Home)' });
 * sim.registerVisitedNetwork('208-01');
 * sim.registerVisitedNetwork('214-01');
 * const roamer = sim.registerSubscriber({ imsi: '262011234567890', msisdn: '+4915123456789', allowedNetworks: ['208-01', '214-01'] });
 * const session = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678', visited: '208-01' });
 * await sim.elapse(90_000);
 * await sim.executeHandoff(session.correlationId, '214-01');
 * const stats = await sim.terminateCall(session.correlationId); // stats.handoffs[0].fromNetwork === '208-01'
 * ```
 */
export class RoamingSimulator<H extends TopologyHome = HomeNetwork, V extends TopologyVisited = VisitedNetwork> extends SimulatorCore<
  H,
  V
> {
  readonly #calls = new Map<string, RoamingCall>();
  readonly #callers = new Map<string, string>();

  /**
   * Attaches the phone to `visited`: authentication, UpdateLocation, InsertSubscriberData.
   * `options.exchange` wraps this attach's exchanges instead of {@link exchange}.
   */
  async attach(who: SubscriberRef, visited: string, options: { readonly exchange?: ExchangeRunner } = {}): Promise<AttachOutcome> {
    const sim = this.simOf(who);
    const network = this.networks.visitedNetwork(visited);
    const context = { ...this.#context(sim, 'attach'), ...(options.exchange ? { exchange: options.exchange } : {}) };
    const outcome = await this.run(runAttach({ ...context, visited: network.plmn.id, access: network.access }));
    this.statistics.recordAttach(outcome);
    if (outcome.state === 'REGISTERED') this.serving.set(sim.imsi, network.plmn.id);
    return outcome;
  }

  /** Moves the phone to another network: an attach there, after which the home HLR cancels the old VLR's record. */
  moveTo(who: SubscriberRef, visited: string): Promise<AttachOutcome> {
    return this.attach(who, visited);
  }

  /** Network selection with steering of roaming: tries `preferredNetworks` in order until one accepts. */
  async attachWithSteering(who: SubscriberRef, preferredNetworks: readonly string[]): Promise<SteeringOutcome> {
    const sim = this.simOf(who);
    const ids = preferredNetworks.map((p) => this.networks.visitedNetwork(p).plmn.id);
    const outcome = await this.run(
      runAttachWithSteering({
        ...this.#context(sim, 'attach'),
        preferredNetworks: ids,
        networks: (plmn) => this.networks.visitedNetwork(plmn).access,
      }),
    );
    for (const attempt of outcome.attempts) this.statistics.recordAttach(attempt);
    if (outcome.registered) this.serving.set(sim.imsi, outcome.registered);
    return outcome;
  }

  /** A periodic location update, or a move to location area `lac`, in the serving network. @throws {NotRegisteredError} */
  async updateLocation(
    who: SubscriberRef,
    options: { kind?: 'periodic' | 'moving'; lac?: number } = {},
  ): Promise<ProcedureOutcome<LocationUpdateAccept>> {
    const sim = this.simOf(who);
    const visited = this.registeredIn(sim, 'update location');
    return this.run(
      runLocationUpdate({
        ...this.#context(sim, 'lu'),
        network: this.networks.visitedNetwork(visited).access,
        visited,
        kind: options.kind ?? 'periodic',
        ...(options.lac !== undefined ? { lac: options.lac } : {}),
      }),
    );
  }

  /** IMSI detach: the phone switches off; the VLR purges it in the home HLR. @throws {NotRegisteredError} */
  async detach(who: SubscriberRef): Promise<ProcedureOutcome<DetachAccept>> {
    const sim = this.simOf(who);
    const visited = this.registeredIn(sim, 'detach');
    const outcome = await this.run(
      runDetach({ ...this.#context(sim, 'detach'), network: this.networks.visitedNetwork(visited).access, visited }),
    );
    if (outcome.result === 'success') this.serving.delete(sim.imsi);
    return outcome;
  }

  /**
   * Initiates a roaming call: location request, HLR lookup, VLR registration
   * and call set-up in `visited` (the serving network when omitted). Resolves with the call `CONNECTED` or
   * `FAILED` (e.g. `IMSI_UNKNOWN`: subscriber not found; `PLMN_NOT_ALLOWED`:
   * roaming not allowed in this network). Its session id is `correlationId`.
   *
   * @throws {UnknownNameError} when `visited` is not a registered visited network.
   */
  async initiateCall(request: { subscriber: SubscriberRef; calledParty: string; visited?: string }): Promise<RoamingCall> {
    return this.#startCall(request.subscriber, request.calledParty, 'mo', request.visited);
  }

  /** A call to the roamer (MT) in the network serving it. @throws {NotRegisteredError} */
  async receiveCall(request: { subscriber: SubscriberRef; callingParty: string }): Promise<RoamingCall> {
    return this.#startCall(request.subscriber, request.callingParty, 'mt');
  }

  /**
   * Hands a live call over to `target`. Returns whether it succeeded; the call stays
   * connected where it was when the target refuses.
   *
   * @throws {UnknownNameError} when the session or the target network is not registered (nothing changes).
   * @throws {IllegalTransitionError} when the call is not connected.
   */
  async executeHandoff(sessionId: string, target: string): Promise<boolean> {
    return (await this.handoff(sessionId, target)).success;
  }

  /** {@link executeHandoff} with the full record: from, to, duration and the failure if any. */
  async handoff(sessionId: string, target: string): Promise<HandoffRecord> {
    const call = this.getCallSession(sessionId);
    const to = this.networks.visitedNetwork(target).plmn.id;
    const record = await this.run(call.handOff(to));
    this.statistics.recordHandoff(record);
    if (record.success) this.serving.set(this.#callers.get(sessionId)!, to);
    if (!this.retainSessions && call.state === 'FAILED') this.#forget(sessionId);
    return record;
  }

  /**
   * Ends a call and returns its statistics. A call that has ended already (failed, dropped, hung up) is
   * left as it is and its statistics returned.
   *
   * @throws {CallNotConnectedError} while the call is still being set up or handed over.
   */
  async terminateCall(sessionId: string): Promise<SessionStatistics> {
    const call = this.getCallSession(sessionId);
    await this.run(call.hangUp());
    if (!this.retainSessions) this.#forget(sessionId);
    return sessionStatistics(call, this.clock.now());
  }

  /** A call session by its id. @throws {UnknownNameError} */
  getCallSession(sessionId: string): RoamingCall {
    const call = this.#calls.get(sessionId);
    if (!call) throw new UnknownNameError('call session', sessionId, [...this.#calls.keys()].slice(-10));
    return call;
  }

  /** Statistics of one session: lookup and set-up times, duration, networks and handoff history. */
  getSessionStatistics(sessionId: string): SessionStatistics {
    return sessionStatistics(this.getCallSession(sessionId), this.clock.now());
  }

  /** Statistics over every session: totals, success rate, handoffs, average and p50/p95/p99 latencies. */
  getSimulatorStatistics(): SimulatorStatistics {
    return this.statistics.summary();
  }

  /** Opens a data session in the serving network; its usage goes to ground truth when it closes. @throws {NotRegisteredError} */
  async openDataSession(who: SubscriberRef, options: { apn?: string } = {}): Promise<RoamingDataSession> {
    const sim = this.simOf(who);
    const visited = this.registeredIn(sim, 'open a data session');
    const network = this.networks.visitedNetwork(visited).access;
    // Every exchange of the session (open, reports, close) runs on the simulator's clock, so its
    // report() and close() can be awaited like any other call on the simulator.
    const context = {
      ...this.#context(sim, 'data'),
      network,
      visited,
      journal: this.journal,
      exchange: <T>(title: string, fn: () => Promise<T>) => this.run(this.exchange ? this.exchange(title, fn) : fn()),
      ...(options.apn ? { apn: options.apn } : {}),
    };
    return RoamingDataSession.open(context);
  }

  /** A short message from the roamer (MO, billable). @throws {NotRegisteredError} */
  sendSms(who: SubscriberRef, to: string, segments = 1): Promise<ProcedureOutcome<ShortMessageAccepted>> {
    return this.#sms(who, to, 'mo', segments);
  }

  /** A short message to the roamer (MT). @throws {NotRegisteredError} */
  deliverSms(who: SubscriberRef, from: string): Promise<ProcedureOutcome<ShortMessageAccepted>> {
    return this.#sms(who, from, 'mt', 1);
  }

  /** What each home billing system recorded (its CDRs), rated by agreement tariff. */
  billedRecords(): BilledRecord[] {
    const rating = new RatingEngine(this.agreements);
    return this.homeNetworks.flatMap((home) => rateRecords(home.billedUsage, rating, `cdr-${home.plmn.id}`));
  }

  /**
   * Reconciles ground truth with what billing recorded (after background
   * signalling has settled): every record compared one to one, sessions
   * billing still holds open and charging events not delivered yet reported
   * as such. Timing is exact within each ground-truth window (the signalling
   * round trips in which the network read its clock); `tolerance` allows more,
   * and the report says how much was used.
   */
  async reconcile(options: { readonly tolerance?: ReconcileTolerance } = {}): Promise<Reconciliation> {
    await this.settled();
    return reconcile(this.journal.records, this.billedRecords(), {
      rating: new RatingEngine(this.agreements),
      ...(options.tolerance ? { tolerance: options.tolerance } : {}),
      open: this.homeNetworks.flatMap((home) => home.openUsage ?? []),
      inFlight: this.networks.undeliveredCharging?.() ?? [],
    });
  }

  /** The networks and agreements of this simulator, for the HLR/VLR architecture diagram. */
  architecture(): ArchitectureModel {
    return {
      homes: this.homeNetworks.map((h) => ({ plmn: h.plmn.id, name: h.name })),
      visited: this.visitedNetworks.map((v) => ({ plmn: v.plmn.id, name: v.name })),
      agreements: this.agreements.all(),
    };
  }

  /** One diagram: flows and the state machine from the call transition table, the architecture from this simulator's networks. */
  diagram(type: DiagramType, format: DiagramFormat = 'mermaid'): string {
    return renderDiagram(type, format, this.architecture());
  }

  async #startCall(who: SubscriberRef, otherParty: string, direction: 'mo' | 'mt', visited?: string): Promise<RoamingCall> {
    const sim = this.simOf(who);
    const where: PlmnId =
      visited !== undefined
        ? this.networks.visitedNetwork(visited).plmn.id
        : this.registeredIn(sim, direction === 'mo' ? 'make a call' : 'receive a call');
    const call = await this.run(
      RoamingCall.setUp({
        ...this.#context(sim, 'call'),
        networks: (plmn) => this.networks.visitedNetwork(plmn).access,
        visited: where,
        otherParty,
        direction,
        registered: this.serving.get(sim.imsi) === where,
        journal: this.journal,
      }),
    );
    this.statistics.recordSetUp(call);
    if (this.retainSessions || call.state === 'CONNECTED') {
      this.#calls.set(call.correlationId, call);
      this.#callers.set(call.correlationId, sim.imsi);
    }
    if (call.state === 'CONNECTED') this.serving.set(sim.imsi, where);
    return call;
  }

  async #sms(
    who: SubscriberRef,
    otherParty: string,
    direction: 'mo' | 'mt',
    segments: number,
  ): Promise<ProcedureOutcome<ShortMessageAccepted>> {
    const sim = this.simOf(who);
    const visited = this.registeredIn(sim, direction === 'mo' ? 'send a short message' : 'deliver a short message');
    return this.run(
      runShortMessage({
        ...this.#context(sim, 'sms'),
        network: this.networks.visitedNetwork(visited).access,
        visited,
        direction,
        otherParty,
        segments,
        journal: this.journal,
      }),
    );
  }

  #forget(sessionId: string): void {
    this.#calls.delete(sessionId);
    this.#callers.delete(sessionId);
  }

  #context(subscriber: Subscriber, kind: string): ProcedureContext {
    return {
      subscriber,
      clock: this.clock,
      hasher: this.hasher,
      events: this.events,
      correlationId: this.nextCorrelation(kind),
      ...(this.exchange ? { exchange: this.exchange } : {}),
    };
  }
}
