import type { AuthVector } from '../auth/vector.js';
import type { PlmnId } from '../plmn.js';
import type { SignalingStep } from './signaling-step.js';

/**
 * The interfaces between network elements. Procedures talk through these, so
 * the same code runs against in-memory elements (virtual clock), HTTP
 * clients through chaos proxies (networked), or a real HLR over GSUP.
 *
 * @module
 */

/** A SendAuthInfo request from a VLR to the home HLR. */
export interface SendAuthInfoRequest {
  readonly imsi: string;
  /** Vectors wanted, 1 to 5. */
  readonly count: number;
  /** Present when the SIM reported a synchronisation failure. */
  readonly resync?: { readonly rand: string; readonly auts: string };
}

/** An UpdateLocation request from a VLR to the home HLR. */
export interface UpdateLocationRequest {
  readonly imsi: string;
  /** The VLR's E.164-like number, which the HLR stores as the serving VLR. */
  readonly vlrNumber: string;
  readonly visitedPlmn: PlmnId;
}

/** What the HLR inserts into the VLR on UpdateLocation (InsertSubscriberData, simplified). */
export interface SubscriberData {
  readonly msisdn: string;
  /** Services the subscription includes while roaming. */
  readonly services: readonly ('voice' | 'sms' | 'data')[];
}

/** A PurgeMS request: the VLR dropped the subscriber. */
export interface PurgeRequest {
  readonly imsi: string;
  readonly vlrNumber: string;
}

/**
 * What a VLR needs from a subscriber's home network. Implementations throw
 * {@link RejectError} for a reject cause and any other error for a failure.
 */
export interface HomeNetworkPort {
  sendAuthInfo(request: SendAuthInfoRequest): Promise<AuthVector[]>;
  updateLocation(request: UpdateLocationRequest): Promise<SubscriberData>;
  purgeMs(request: PurgeRequest): Promise<void>;
}

/** What an HLR needs from VLRs: telling the old one that a subscriber moved away. */
export interface VisitedNetworkPort {
  cancelLocation(request: {
    readonly vlrNumber: string;
    readonly imsi: string;
    readonly reason: 'updateProcedure' | 'subscriptionWithdraw';
  }): Promise<void>;
}

/** A charging event a VLR sends the home billing system. */
export interface ChargingEvent {
  /** Unique per charge: a retried event carries the same key, so billing can drop duplicates. */
  readonly idempotencyKey: string;
  readonly kind: 'start' | 'interim' | 'stop' | 'event';
  /** Correlates start, interim and stop of one session. */
  readonly sessionId: string;
  readonly imsi: string;
  readonly visitedPlmn: PlmnId;
  readonly service: 'registration' | 'voice' | 'data' | 'sms';
  /** When it happened, ms since the epoch, on the procedure's clock. */
  readonly at: number;
  /** Voice: whether the roamer made the call (`mo`) or received it (`mt`); TAP bills them as different call events. */
  readonly direction?: CallDirection;
  /** Usage since the last event of this session. */
  readonly usage?: { readonly seconds?: number; readonly bytes?: number; readonly messages?: number };
}

/** Where a VLR sends charging events. */
export interface ChargingPort {
  record(event: ChargingEvent): Promise<void>;
}

/** Whether the roamer made the call (mobile originated) or received it (mobile terminated). */
export type CallDirection = 'mo' | 'mt';

/** A serving VLR asks the VLR of the network a live call moves to to take it over. */
export interface HandoverRequest {
  readonly imsi: string;
  readonly msisdn: string;
  /** The call, as the subscriber knows it; it keeps this id across handovers. */
  readonly callId: string;
  /** The number of the leg the target opens (1 is the leg where the call started). */
  readonly leg: number;
  readonly direction: CallDirection;
  /** The other party's number. */
  readonly otherParty: string;
  readonly fromPlmn: PlmnId;
}

/** The target VLR took the call over: the subscriber is registered there and a new charging leg is open. */
export interface HandoverAccept {
  /** The charging session of the new leg. */
  readonly legId: string;
  readonly vlrNumber: string;
  readonly plmn: PlmnId;
  /** What the target did (UpdateLocation, charging), for reports. */
  readonly steps?: readonly SignalingStep[];
}

/**
 * What a serving VLR needs from the VLR a call is handed to. Throws
 * {@link RejectError} when the target refuses (e.g. the home network does not
 * allow roaming there).
 */
export interface HandoverPort {
  prepareHandover(request: HandoverRequest): Promise<HandoverAccept>;
}

/** Routing a call to or from the other party (gateway MSC, the other network, the PSTN). */
export interface CallRoutingPort {
  /** Resolves when the other party answers; throws when the call cannot be connected. */
  connect(request: {
    readonly callId: string;
    readonly msisdn: string;
    readonly otherParty: string;
    readonly direction: CallDirection;
  }): Promise<void>;
}

/** The subscriber's home SMS centre, which a VLR forwards short messages to. */
export interface SmsCentrePort {
  /** Accepts a short message for delivery; resolves when the SMSC acknowledged it. */
  submit(request: { readonly msisdn: string; readonly to: string; readonly segments: number }): Promise<void>;
}
