import type { AuthVector } from '../auth/vector.js';
import { RejectError } from '../causes.js';
import type { Clock } from '../clock.js';
import { RoamError } from '../errors.js';
import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';
import { recordStep, type SignalingStep } from '../procedures/signaling-step.js';
import type { ChargingPort, HomeNetworkPort, SubscriberData } from './ports.js';

/** The VLR's challenge to a subscriber: RAND and AUTN of one vector. */
export interface AuthenticationChallenge {
  readonly kind: 'challenge';
  /** Names this attach on the VLR; send it back with the answer. */
  readonly transactionId: string;
  readonly rand: string;
  readonly autn: string;
  /** What the VLR did to build the challenge. */
  readonly steps: readonly SignalingStep[];
}

/** The VLR accepted the attach: the subscriber is registered here. */
export interface AttachAccept {
  readonly kind: 'accept';
  readonly transactionId: string;
  readonly msisdn: string;
  readonly steps: readonly SignalingStep[];
}

/** What the subscriber answers to a challenge (the USIM's verdict, as sent on the air). */
export type ChallengeResponse =
  | { readonly kind: 'response'; readonly res: string }
  | { readonly kind: 'sync-failure'; readonly auts: string }
  | { readonly kind: 'mac-failure' };

/** A subscriber registered in this VLR. */
export interface VlrRecord {
  readonly imsi: string;
  readonly msisdn: string;
  readonly homePlmn: PlmnId;
  readonly registeredAt: number;
  lastActivityAt: number;
}

interface PendingAttach {
  readonly imsi: string;
  readonly homePlmn: Plmn;
  readonly vector: AuthVector;
  readonly startedAt: number;
}

/** A transaction id the VLR does not know (expired, finished or invented). */
export class UnknownTransactionError extends RoamError {
  constructor(transactionId: string) {
    super(
      'ROAM_UNKNOWN_TRANSACTION',
      `continue attach ${JSON.stringify(transactionId)}`,
      'the VLR has no attach in progress with this id',
      {
        hint: 'Send the transactionId from the challenge of an attach that is still in progress',
      },
    );
  }
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
}

/**
 * A visited network's VLR/MME: authenticates roaming subscribers with vectors
 * from their home HLR, registers them with UpdateLocation and reports the
 * start of their roaming session to billing.
 *
 * An attach is two exchanges with the subscriber: {@link attachRequest}
 * answers with a challenge, {@link authenticationResponse} with an accept (or
 * a new challenge after a resynchronisation). Rejects are {@link RejectError}s.
 */
export class VisitorLocationRegister {
  readonly plmn: Plmn;
  readonly vlrNumber: string;
  readonly #options: VlrOptions;
  readonly #pending = new Map<string, PendingAttach>();
  readonly #records = new Map<string, VlrRecord>();
  #nextTransaction = 1;

  constructor(options: VlrOptions) {
    this.plmn = parsePlmn(options.plmn);
    this.vlrNumber = options.vlrNumber;
    this.#options = options;
  }

  /** The name of this VLR in link names, e.g. `vlr:208-01`. */
  get name(): string {
    return `vlr:${this.plmn.id}`;
  }

  /** Subscribers registered here. */
  get records(): ReadonlyMap<string, VlrRecord> {
    return this.#records;
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
    const transactionId = `${this.vlrNumber}-${this.#nextTransaction++}`;
    this.#pending.set(transactionId, { imsi, homePlmn: home, vector, startedAt: this.#options.clock.now() });
    return { kind: 'challenge', transactionId, rand: vector.rand, autn: vector.autn, steps };
  }

  /**
   * Continues an attach with the subscriber's answer: checks RES, updates the
   * location in the home HLR, registers the subscriber and starts charging.
   * After a synchronisation failure, resynchronises and challenges again.
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
      const next = `${this.vlrNumber}-${this.#nextTransaction++}`;
      this.#pending.set(next, { ...pending, vector });
      return { kind: 'challenge', transactionId: next, rand: vector.rand, autn: vector.autn, steps };
    }
    if (answer.res.toLowerCase() !== pending.vector.xres) throw new RejectError('attach', 'ILLEGAL_MS');

    const data: SubscriberData = await recordStep(steps, this.#options.clock, { name: 'UpdateLocation', from: this.name, to: hlr }, () =>
      port.updateLocation({ imsi: pending.imsi, vlrNumber: this.vlrNumber, visitedPlmn: this.plmn.id }),
    );
    const now = this.#options.clock.now();
    this.#records.set(pending.imsi, {
      imsi: pending.imsi,
      msisdn: data.msisdn,
      homePlmn: pending.homePlmn.id,
      registeredAt: now,
      lastActivityAt: now,
    });
    await this.#startCharging(pending, transactionId, steps);
    return { kind: 'accept', transactionId, msisdn: data.msisdn, steps };
  }

  /** CancelLocation from the home HLR: the subscriber registered elsewhere. Returns whether a record was removed. */
  cancelLocation(imsi: string): boolean {
    return this.#records.delete(imsi);
  }

  async #startCharging(pending: PendingAttach, transactionId: string, steps: SignalingStep[]): Promise<void> {
    const charging = this.#options.charging;
    if (!charging) return;
    const event = {
      idempotencyKey: `${transactionId}:start`,
      kind: 'start' as const,
      sessionId: transactionId,
      imsi: pending.imsi,
      visitedPlmn: this.plmn.id,
      service: 'registration' as const,
      at: this.#options.clock.now(),
    };
    // Billing being down must not fail the subscriber's attach; the charging
    // sender owns retries, so here a failure is only recorded.
    await recordStep(steps, this.#options.clock, { name: 'ChargingStart', from: this.name, to: `billing:${pending.homePlmn.id}` }, () =>
      charging.record(event),
    ).catch(() => undefined);
  }

  #homeOf(imsi: string): { home: Plmn; port: HomeNetworkPort } {
    for (const [id, port] of this.#options.homeNetworks) {
      const home = parsePlmn(id);
      if (imsi.startsWith(home.mcc + home.mnc)) return { home, port };
    }
    throw new RejectError('attach', 'PLMN_NOT_ALLOWED', `${this.plmn.id} has no roaming agreement with the subscriber's home network`);
  }
}
