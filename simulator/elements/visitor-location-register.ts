import type { AuthVector } from '../auth/vector.js';
import { RejectError } from '../causes.js';
import type { Clock } from '../../core/clock.js';
import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';
import { recordStep, type SignalingStep } from '../signaling/signaling-step.js';
import type {
  CallRoutingPort,
  ChargingPort,
  HandoverAccept,
  HandoverPort,
  HandoverRequest,
  HomeNetworkPort,
  SmsCentrePort,
  SubscriberData,
} from '../signaling/ports.js';
import { VlrCallControl } from './vlr-calls.js';
import { VlrCharging } from './vlr-charging.js';
import type { VlrContext, VlrRecord } from './vlr-context.js';
import { VlrDataSessions } from './vlr-data-sessions.js';
import { VlrShortMessages } from './vlr-short-messages.js';
import { chargeRegistration, registerAt, type RegistrationContext } from './vlr-registration.js';
import { homeRoute } from './home-route.js';
import {
  UnknownTransactionError,
  type AttachAccept,
  type AuthenticationChallenge,
  type CallConnected,
  type CallReleased,
  type CallRequest,
  type ChallengeResponse,
  type DataSessionOpened,
  type DataSessionRequest,
  type DataSessionUsage,
  type DataUsageReport,
  type DetachAccept,
  type DetachRequest,
  type HandoverCommand,
  type HandoverComplete,
  type LocationUpdateAccept,
  type LocationUpdateRequest,
  type ShortMessageAccepted,
  type ShortMessageRequest,
} from '../signaling/vlr-messages.js';

export {
  UnknownTransactionError,
  type AttachAccept,
  type AuthenticationChallenge,
  type ChallengeResponse,
} from '../signaling/vlr-messages.js';
export type { VlrRecord } from './vlr-context.js';

interface PendingAttach {
  readonly imsi: string;
  readonly homePlmn: Plmn;
  readonly vector: AuthVector;
  readonly startedAt: number;
}

/** How a VLR reaches the home network of an IMSI, and what it knows of networks. */
export interface VlrOptions {
  readonly plmn: string | Plmn;
  /** The VLR's number, stored by HLRs as the serving VLR. */
  readonly vlrNumber: string;
  /** Home networks this VLR has a route (and agreement) to, by PLMN id. */
  readonly homeNetworks: ReadonlyMap<PlmnId, HomeNetworkPort>;
  readonly charging?: ChargingPort;
  readonly clock: Clock;
  /** Where calls are routed to and from the other party; calls connect at once when omitted. */
  readonly callRouting?: CallRoutingPort;
  /** VLRs of other networks live calls can be handed over to, by PLMN id (may be filled in later). */
  readonly handoverTargets?: ReadonlyMap<PlmnId, HandoverPort>;
  /** The subscriber's home SMS centre for MO short messages; accepted at once when omitted. */
  readonly smsCentre?: SmsCentrePort;
  /** The VLR's own work to register a subscriber or update its location (a modelled delay on the virtual clock). */
  readonly registrationDelay?: () => Promise<void>;
  /**
   * This run of the VLR, in every id it gives (transactions, calls, data sessions, messages) and so
   * in every charging session id and idempotency key: a VLR restarted without its state starts its
   * counters again, and must not reuse an id billing has seen. Like Diameter's Origin-State-Id, it
   * changes at every start; default: the clock's time at start, in base 36.
   */
  readonly incarnation?: string;
}

/**
 * A visited network's VLR/MME: authenticates roaming subscribers with vectors
 * from their home HLR, registers them with UpdateLocation (and the
 * InsertSubscriberData that answers it), and then serves them: location
 * updates, calls (MO, MT, handover to another VLR), data sessions, short
 * messages and detach, reporting usage to the home billing system.
 *
 * An attach is two exchanges with the subscriber: {@link attachRequest}
 * answers with a challenge, {@link authenticationResponse} with an accept (or
 * a new challenge after a resynchronisation). Every other service is one
 * request and one answer. Rejects are {@link RejectError}s.
 */
export class VisitorLocationRegister implements HandoverPort {
  readonly plmn: Plmn;
  readonly vlrNumber: string;
  readonly #options: VlrOptions;
  readonly #pending = new Map<string, PendingAttach>();
  readonly #records = new Map<string, VlrRecord>();
  readonly #charging: VlrCharging;
  readonly #calls: VlrCallControl;
  readonly #data: VlrDataSessions;
  readonly #sms: VlrShortMessages;
  readonly #background = new Set<Promise<unknown>>();
  readonly #routes = new Map<PlmnId, HomeNetworkPort>();
  readonly #parsedHomes = new Map<PlmnId, Plmn>();
  readonly #registration: RegistrationContext;
  #nextTransaction = 1;
  #nextId = 1;
  /** `vlr-208-01-<incarnation>`: the prefix of every id this run of the VLR gives. */
  readonly #idPrefix: string;

  constructor(options: VlrOptions) {
    this.plmn = parsePlmn(options.plmn);
    this.vlrNumber = options.vlrNumber;
    this.#options = options;
    this.#idPrefix = `${this.vlrNumber}-${options.incarnation ?? options.clock.now().toString(36)}`;
    this.#registration = {
      name: this.name,
      vlrNumber: this.vlrNumber,
      plmn: this.plmn.id,
      clock: options.clock,
      ...(options.registrationDelay ? { registrationDelay: options.registrationDelay } : {}),
    };
    this.#charging = new VlrCharging({ port: options.charging, clock: options.clock, plmn: this.plmn.id, name: this.name });
    const context: VlrContext = {
      plmn: this.plmn,
      vlrNumber: this.vlrNumber,
      name: this.name,
      clock: options.clock,
      charging: this.#charging,
      requireRecord: (imsi, procedure, service) => this.#requireRecord(imsi, procedure, service),
      nextId: (kind) => `${this.#idPrefix}-${kind}-${this.#nextId++}`,
    };
    this.#calls = new VlrCallControl(context, {
      ...(options.callRouting ? { routing: options.callRouting } : {}),
      ...(options.handoverTargets ? { handoverTargets: options.handoverTargets } : {}),
    });
    this.#data = new VlrDataSessions(context);
    this.#sms = new VlrShortMessages(context, options.smsCentre);
  }

  /** The name of this VLR in link names, e.g. `vlr:208-01`. */
  get name(): string {
    return `vlr:${this.plmn.id}`;
  }

  /** Subscribers registered here. */
  get records(): ReadonlyMap<string, VlrRecord> {
    return this.#records;
  }

  /** Calls and data sessions open here now. */
  get activeSessions(): { readonly calls: number; readonly data: number } {
    return { calls: this.#calls.size, data: this.#data.size };
  }

  /**
   * Starts an attach: fetches a vector from the subscriber's home HLR and
   * returns the challenge.
   *
   * @throws {RejectError} `PLMN_NOT_ALLOWED` when this VLR has no route to the home network; what the HLR rejects with.
   */
  async attachRequest(imsi: string): Promise<AuthenticationChallenge> {
    const { home, port } = this.#homeOf(imsi);
    const steps: SignalingStep[] = [];
    const [vector] = await recordStep(steps, this.#options.clock, { name: 'SendAuthInfo', from: this.name, to: `hlr:${home.id}` }, () =>
      port.sendAuthInfo({ imsi, count: 1 }),
    );
    if (!vector) throw new RejectError('attach', 'NETWORK_FAILURE', 'the home HLR returned no vectors');
    const transactionId = `${this.#idPrefix}-${this.#nextTransaction++}`;
    this.#pending.set(transactionId, { imsi, homePlmn: home, vector, startedAt: this.#options.clock.now() });
    return { kind: 'challenge', transactionId, rand: vector.rand, autn: vector.autn, steps };
  }

  /**
   * Continues an attach with the subscriber's answer: checks RES, updates the
   * location in the home HLR, registers the subscriber with the data the HLR
   * inserts, and starts charging. After a synchronisation failure,
   * resynchronises and challenges again.
   *
   * @throws {UnknownTransactionError} for a transaction id not in progress.
   * @throws {RejectError} `ILLEGAL_MS` for a wrong RES, `MAC_FAILURE`, or what the HLR rejects with.
   */
  async authenticationResponse(transactionId: string, answer: ChallengeResponse): Promise<AttachAccept | AuthenticationChallenge> {
    const pending = this.#pending.get(transactionId);
    if (!pending) throw new UnknownTransactionError(transactionId);
    this.#pending.delete(transactionId);
    const { port } = this.#homeOf(pending.imsi);
    const hlr = `hlr:${pending.homePlmn.id}`;
    const steps: SignalingStep[] = [];

    if (answer.kind === 'mac-failure') throw new RejectError('attach', 'MAC_FAILURE');
    if (answer.kind === 'sync-failure') {
      const resync = { rand: pending.vector.rand, auts: answer.auts };
      const [vector] = await recordStep(steps, this.#options.clock, { name: 'SendAuthInfo (resync)', from: this.name, to: hlr }, () =>
        port.sendAuthInfo({ imsi: pending.imsi, count: 1, resync }),
      );
      if (!vector) throw new RejectError('attach', 'NETWORK_FAILURE', 'the home HLR returned no vectors');
      const next = `${this.#idPrefix}-${this.#nextTransaction++}`;
      this.#pending.set(next, { ...pending, vector });
      return { kind: 'challenge', transactionId: next, rand: vector.rand, autn: vector.autn, steps };
    }
    if (answer.res.toLowerCase() !== pending.vector.xres) throw new RejectError('attach', 'ILLEGAL_MS');

    const data = await this.#register(pending.imsi, pending.homePlmn, port, steps);
    await this.#startCharging(pending, transactionId, steps);
    return { kind: 'accept', transactionId, msisdn: data.msisdn, steps };
  }

  /**
   * CancelLocation from the home HLR: the subscriber registered elsewhere.
   * Open data sessions and calls not being handed over are closed (their
   * charging stops are sent in the background). Returns whether a record was removed.
   */
  cancelLocation(imsi: string): boolean {
    const had = this.#records.delete(imsi);
    if (had) this.#inBackground(Promise.all([this.#calls.dropAll(imsi), this.#data.closeAll(imsi)]));
    return had;
  }

  /**
   * A periodic location update (the phone's timer) or a move to another
   * location area of this VLR.
   *
   * @throws {RejectError} `IMSI_UNKNOWN_IN_VLR` when the subscriber is not registered here (attach instead).
   */
  async locationUpdate(request: LocationUpdateRequest): Promise<LocationUpdateAccept> {
    const record = this.#requireRecord(request.imsi, `${request.kind} location update`);
    await this.#options.registrationDelay?.();
    if (request.lac !== undefined) record.lac = request.lac;
    return { kind: 'location-updated', lac: record.lac ?? 1, steps: [] };
  }

  /**
   * IMSI detach: closes the subscriber's calls and data sessions, deletes the
   * record and purges it in the home HLR (a purge that fails is recorded, not thrown).
   *
   * @throws {RejectError} `IMSI_UNKNOWN_IN_VLR` when the subscriber is not registered here.
   */
  async detach(request: DetachRequest): Promise<DetachAccept> {
    const record = this.#requireRecord(request.imsi, 'detach');
    const steps: SignalingStep[] = [];
    const closed = (await this.#calls.dropAll(record.imsi, steps)) + (await this.#data.closeAll(record.imsi, steps));
    this.#records.delete(record.imsi);
    const { home, port } = this.#homeOf(record.imsi);
    await recordStep(steps, this.#options.clock, { name: 'PurgeMS', from: this.name, to: `hlr:${home.id}` }, () =>
      port.purgeMs({ imsi: record.imsi, vlrNumber: this.vlrNumber }),
    ).catch(() => undefined);
    return { kind: 'detached', closedSessions: closed, steps };
  }

  /** A call the roamer makes (MO). @throws {RejectError} `IMSI_UNKNOWN_IN_VLR`, `SERVICE_NOT_SUBSCRIBED`. */
  originateCall(request: CallRequest): Promise<CallConnected> {
    return this.#calls.connect(request, 'mo');
  }

  /** A call to the roamer (MT), `otherParty` being the caller. @throws {RejectError} as {@link originateCall}. */
  deliverCall(request: CallRequest): Promise<CallConnected> {
    return this.#calls.connect(request, 'mt');
  }

  /** Releases a call served here. @throws {UnknownCallError} */
  releaseCall(callId: string): Promise<CallReleased> {
    return this.#calls.release(callId);
  }

  /** Hands a live call over to the VLR of another network; billing splits the call there. */
  handover(command: HandoverCommand): Promise<HandoverComplete> {
    return this.#calls.handover(command);
  }

  /**
   * The target side of a handover (this VLR as a {@link HandoverPort}):
   * registers the subscriber here through UpdateLocation, which the home
   * network may refuse, then opens the call's next leg.
   */
  async prepareHandover(request: HandoverRequest): Promise<HandoverAccept> {
    const { home, port } = this.#homeOf(request.imsi);
    const steps: SignalingStep[] = [];
    await this.#register(request.imsi, home, port, steps);
    return { ...(await this.#calls.takeOver(request, home.id, steps)), steps };
  }

  /** Opens a packet data session. @throws {RejectError} `IMSI_UNKNOWN_IN_VLR`, `GPRS_NOT_ALLOWED`. */
  openDataSession(request: DataSessionRequest): Promise<DataSessionOpened> {
    return this.#data.open(request);
  }

  /** An interim usage report of a data session. @throws {UnknownDataSessionError}, {@link InvalidUsageError}. */
  reportDataUsage(report: DataUsageReport): Promise<DataSessionUsage> {
    return this.#data.report(report, false);
  }

  /** Closes a data session with its last volumes. */
  closeDataSession(report: DataUsageReport): Promise<DataSessionUsage> {
    return this.#data.report(report, true);
  }

  /** A short message from the roamer (MO), charged per segment. */
  submitShortMessage(request: ShortMessageRequest): Promise<ShortMessageAccepted> {
    return this.#sms.handle(request, 'mo');
  }

  /** A short message to the roamer (MT), `otherParty` being the sender. */
  deliverShortMessage(request: ShortMessageRequest): Promise<ShortMessageAccepted> {
    return this.#sms.handle(request, 'mt');
  }

  /** Resolves when work started without a waiter (closing sessions after CancelLocation) has finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#background]);
    await this.#charging.settled();
  }

  #register(imsi: string, home: Plmn, port: HomeNetworkPort, steps: SignalingStep[]): Promise<SubscriberData> {
    return registerAt(this.#registration, this.#records, { imsi, home, port }, steps);
  }

  #startCharging(pending: PendingAttach, transactionId: string, steps: SignalingStep[]): Promise<void> {
    return chargeRegistration(
      this.#registration,
      this.#options.charging,
      { imsi: pending.imsi, home: pending.homePlmn, transactionId },
      steps,
    );
  }

  #requireRecord(imsi: string, procedure: string, service?: SubscriberData['services'][number]): VlrRecord {
    const record = this.#records.get(imsi);
    if (!record) throw new RejectError(procedure, 'IMSI_UNKNOWN_IN_VLR');
    if (service && record.services && !record.services.includes(service)) {
      throw new RejectError(
        procedure,
        service === 'data' ? 'GPRS_NOT_ALLOWED' : 'SERVICE_NOT_SUBSCRIBED',
        `the subscription does not include ${service}`,
      );
    }
    record.lastActivityAt = this.#options.clock.now();
    return record;
  }

  #inBackground(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#background.delete(tracked));
    this.#background.add(tracked);
  }

  #homeOf(imsi: string): { home: Plmn; port: HomeNetworkPort } {
    for (const [id, port] of this.#options.homeNetworks) {
      let home = this.#parsedHomes.get(id);
      if (!home) this.#parsedHomes.set(id, (home = parsePlmn(id)));
      if (!imsi.startsWith(home.mcc + home.mnc)) continue;
      let route = this.#routes.get(id);
      if (!route) this.#routes.set(id, (route = homeRoute(port, id)));
      return { home, port: route };
    }
    throw new RejectError('attach', 'PLMN_NOT_ALLOWED', `${this.plmn.id} has no roaming agreement with the subscriber's home network`);
  }
}
