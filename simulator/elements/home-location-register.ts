import { AuthenticationCentre, AutsRejectedError } from '../auth/auc.js';
import type { AuthVector, RandSource } from '../auth/vector.js';
import { RejectError } from '../causes.js';
import { RoamError } from '../../core/errors.js';
import { parseImsi, parseKey128, parseMsisdn } from '../identity.js';
import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';
import type { RoamingAgreements } from '../policy/agreements.js';
import type { SteeringPolicy } from '../policy/steering-policy.js';
import type { PurgeRequest, SendAuthInfoRequest, SubscriberData, UpdateLocationRequest, VisitedNetworkPort } from '../signaling/ports.js';

/** What an operator provisions for one subscriber. */
export interface ProvisionRequest {
  readonly imsi: string;
  readonly msisdn: string;
  /** 32 hex digits. Kept in the AuC only; never returned. */
  readonly k: string;
  /** 32 hex digits. */
  readonly opc: string;
  /** SQN_HE to start from; 0 when omitted. */
  readonly sqn?: number;
  /** Roaming permissions; roaming allowed everywhere an agreement exists when omitted. */
  readonly roaming?: { readonly allowed?: boolean; readonly networks?: readonly string[] };
  readonly services?: SubscriberData['services'];
}

/** An HLR subscriber record as it may be shown: no secrets. */
export interface HlrRecordView {
  readonly imsi: string;
  readonly msisdn: string;
  readonly roamingAllowed: boolean;
  readonly allowedNetworks: readonly PlmnId[] | null;
  readonly servingVlr: { readonly vlrNumber: string; readonly plmn: PlmnId } | null;
  readonly services: SubscriberData['services'];
  /** SEQ of the last vector generated. */
  readonly seq: number;
}

interface HlrRecord {
  readonly imsi: string;
  readonly msisdn: string;
  readonly auc: AuthenticationCentre;
  readonly roamingAllowed: boolean;
  readonly allowedNetworks: readonly PlmnId[] | null;
  readonly services: SubscriberData['services'];
  servingVlr: { vlrNumber: string; plmn: PlmnId } | null;
}

/** Raised when provisioning an IMSI that is already provisioned. */
export class SubscriberExistsError extends RoamError {
  constructor(imsiShown: string) {
    super('ROAM_SUBSCRIBER_EXISTS', `provision subscriber ${imsiShown}`, 'the HLR already has this IMSI', {
      hint: 'Delete it first, or provision a different IMSI',
    });
  }
}

/** Raised when provisioning an MSISDN that another IMSI already has: one number reaches one subscriber. */
export class MsisdnInUseError extends RoamError {
  constructor(msisdnShown: string, ownerShown: string) {
    super(
      'ROAM_MSISDN_IN_USE',
      `provision MSISDN ${msisdnShown}`,
      `the HLR already gives this MSISDN to another subscriber ${ownerShown}`,
      {
        hint: 'Give each subscriber its own MSISDN, or delete the other subscriber first',
      },
    );
  }
}

/**
 * The home network's HLR/HSS: subscriber records, the AuC, the serving VLR
 * of each subscriber and roaming policy. Pure domain logic; the mock HLR
 * serves it over HTTP.
 *
 * @example
 * ```ts
 * const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
 * hlr.provision({ imsi, msisdn, k, opc });
 * const vectors = hlr.sendAuthInfo({ imsi, count: 1 });
 * ```
 */
export class HomeLocationRegister {
  readonly plmn: Plmn;
  readonly #agreements: RoamingAgreements;
  readonly #visited: VisitedNetworkPort | undefined;
  readonly #records = new Map<string, HlrRecord>();
  /** The IMSI each MSISDN belongs to: an MSISDN is one subscriber's. */
  readonly #byMsisdn = new Map<string, string>();
  readonly #vlrInd = new Map<string, number>();
  readonly #pendingCancels = new Set<Promise<unknown>>();
  readonly #onCancelFailed: ((vlrNumber: string, error: unknown) => void) | undefined;
  readonly #rand: RandSource | undefined;
  readonly #steering: SteeringPolicy | undefined;

  constructor(options: {
    plmn: string | Plmn;
    agreements: RoamingAgreements;
    /** How to reach VLRs for CancelLocation; none are sent when omitted. */
    visitedNetworks?: VisitedNetworkPort;
    /** Called when a CancelLocation fails (the old VLR keeps a stale record). */
    onCancelLocationFailed?: (vlrNumber: string, error: unknown) => void;
    /** Where RANDs come from; `crypto.randomBytes` when omitted, a seeded source for repeatable virtual runs. */
    rand?: RandSource;
    /** Steering of roaming: rejects registrations outside the preferred partners of a country. */
    steering?: SteeringPolicy;
  }) {
    this.plmn = parsePlmn(options.plmn);
    this.#agreements = options.agreements;
    this.#visited = options.visitedNetworks;
    this.#onCancelFailed = options.onCancelLocationFailed;
    this.#rand = options.rand;
    this.#steering = options.steering;
  }

  /** Number of subscribers provisioned. */
  get size(): number {
    return this.#records.size;
  }

  /**
   * Provisions a subscriber. Validates everything before storing anything.
   *
   * @throws {InvalidIdentityError} for a malformed IMSI, MSISDN, K or OPc.
   * @throws {SubscriberExistsError} when the IMSI is already provisioned.
   * @throws {MsisdnInUseError} when another IMSI has the MSISDN.
   */
  provision(request: ProvisionRequest): HlrRecordView {
    const imsi = parseImsi(request.imsi, this.plmn);
    const msisdn = parseMsisdn(request.msisdn);
    parseKey128('K', request.k);
    parseKey128('OPc', request.opc);
    const allowedNetworks = request.roaming?.networks?.map((n) => parsePlmn(n).id) ?? null;
    if (this.#records.has(imsi)) throw new SubscriberExistsError(`(IMSI ending ${imsi.slice(-4)})`);
    const owner = this.#byMsisdn.get(msisdn);
    if (owner !== undefined) throw new MsisdnInUseError(`(ending ${msisdn.slice(-4)})`, `(IMSI ending ${owner.slice(-4)})`);
    const record: HlrRecord = {
      imsi,
      msisdn,
      auc: new AuthenticationCentre(request.k, request.opc, request.sqn ?? 0, this.#rand ? { rand: this.#rand } : {}),
      roamingAllowed: request.roaming?.allowed ?? true,
      allowedNetworks,
      services: request.services ?? ['voice', 'sms', 'data'],
      servingVlr: null,
    };
    this.#records.set(imsi, record);
    this.#byMsisdn.set(msisdn, imsi);
    return view(record);
  }

  /** Removes a subscriber. Returns whether it existed. */
  deprovision(imsi: string): boolean {
    const record = this.#records.get(imsi);
    if (!record) return false;
    this.#records.delete(imsi);
    this.#byMsisdn.delete(record.msisdn);
    return true;
  }

  /** The record of `imsi` without secrets, or undefined. */
  find(imsi: string): HlrRecordView | undefined {
    const record = this.#records.get(imsi);
    return record && view(record);
  }

  /** Every record without secrets. */
  list(): HlrRecordView[] {
    return [...this.#records.values()].map(view);
  }

  /**
   * SendAuthInfo: fresh vectors, after resynchronising SQN when AUTS is given.
   *
   * @throws {RejectError} `IMSI_UNKNOWN`, or `ILLEGAL_MS` when AUTS does not verify.
   */
  sendAuthInfo(request: SendAuthInfoRequest, vlrNumber?: string): AuthVector[] {
    const record = this.#require(request.imsi, 'send auth info');
    if (request.resync) {
      try {
        record.auc.resynchronise(request.resync.rand, request.resync.auts);
      } catch (error) {
        if (error instanceof AutsRejectedError) throw new RejectError('send auth info', 'ILLEGAL_MS', 'AUTS did not verify');
        throw error;
      }
    }
    return record.auc.generate(Math.min(5, Math.max(1, request.count)), this.#indFor(vlrNumber));
  }

  /**
   * UpdateLocation: checks roaming policy, records the new serving VLR, tells
   * the old VLR (if another) to cancel its record, and returns the subscriber
   * data to insert.
   *
   * @throws {RejectError} `IMSI_UNKNOWN`, `ROAMING_NOT_ALLOWED` or `PLMN_NOT_ALLOWED`.
   */
  updateLocation(request: UpdateLocationRequest): SubscriberData {
    const record = this.#require(request.imsi, 'update location');
    const visited = parsePlmn(request.visitedPlmn).id;
    if (visited !== this.plmn.id) this.#checkRoaming(record, visited);
    const previous = record.servingVlr;
    record.servingVlr = { vlrNumber: request.vlrNumber, plmn: visited };
    if (previous && previous.vlrNumber !== request.vlrNumber) this.#cancelAt(previous.vlrNumber, record.imsi);
    return { msisdn: record.msisdn, services: record.services };
  }

  // Roaming policy, in the order an operator checks it: the subscription, the
  // agreement with the visited network, the subscriber's own list, then steering.
  #checkRoaming(record: HlrRecord, visited: PlmnId): void {
    if (!record.roamingAllowed) throw new RejectError('update location', 'ROAMING_NOT_ALLOWED');
    const agreement = this.#agreements.between(this.plmn.id, visited);
    if (!agreement)
      throw new RejectError('update location', 'PLMN_NOT_ALLOWED', `no roaming agreement between ${this.plmn.id} and ${visited}`);
    if (agreement.allowed === false) {
      throw new RejectError('update location', 'PLMN_NOT_ALLOWED', `${this.plmn.id} has barred roaming in ${visited}`);
    }
    if (record.allowedNetworks && !record.allowedNetworks.includes(visited)) {
      throw new RejectError('update location', 'PLMN_NOT_ALLOWED', `${visited} is not among the subscriber's allowed networks`);
    }
    const verdict = this.#steering?.check(record.imsi, visited);
    if (verdict?.steer) {
      throw new RejectError(
        'update location',
        'ROAMING_NOT_ALLOWED',
        `steering of roaming: in this country the home network prefers ${verdict.preferred.join(', ')}`,
      );
    }
  }

  /** Resolves when every CancelLocation sent so far has been answered or has failed. */
  async cancellationsSettled(): Promise<void> {
    await Promise.allSettled([...this.#pendingCancels]);
  }

  // The new VLR's UpdateLocation does not wait for the old VLR, as in MAP:
  // an unreachable old VLR must not block the subscriber's registration.
  #cancelAt(vlrNumber: string, imsi: string): void {
    if (!this.#visited) return;
    const sent = this.#visited
      .cancelLocation({ vlrNumber, imsi, reason: 'updateProcedure' })
      .catch((error: unknown) => this.#onCancelFailed?.(vlrNumber, error))
      .finally(() => this.#pendingCancels.delete(sent));
    this.#pendingCancels.add(sent);
  }

  /** PurgeMS: forgets the serving VLR when the purge comes from it. */
  purgeMs(request: PurgeRequest): void {
    const record = this.#require(request.imsi, 'purge MS');
    if (record.servingVlr?.vlrNumber === request.vlrNumber) record.servingVlr = null;
  }

  #require(imsi: string, procedure: string): HlrRecord {
    const record = this.#records.get(imsi);
    if (!record) throw new RejectError(procedure, 'IMSI_UNKNOWN');
    return record;
  }

  // One IND slot per VLR, as osmo-hlr does, so vectors held by two VLRs stay fresh in each.
  #indFor(vlrNumber: string | undefined): number {
    if (vlrNumber === undefined) return 0;
    let ind = this.#vlrInd.get(vlrNumber);
    if (ind === undefined) {
      ind = this.#vlrInd.size % 32;
      this.#vlrInd.set(vlrNumber, ind);
    }
    return ind;
  }
}

function view(record: HlrRecord): HlrRecordView {
  return {
    imsi: record.imsi,
    msisdn: record.msisdn,
    roamingAllowed: record.roamingAllowed,
    allowedNetworks: record.allowedNetworks,
    servingVlr: record.servingVlr,
    services: record.services,
    seq: record.auc.seq,
  };
}
