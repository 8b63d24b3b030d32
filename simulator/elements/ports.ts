import type { AuthVector } from '../auth/vector.js';
import type { PlmnId } from '../plmn.js';

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
  /** Usage since the last event of this session. */
  readonly usage?: { readonly seconds?: number; readonly bytes?: number; readonly messages?: number };
}

/** Where a VLR sends charging events. */
export interface ChargingPort {
  record(event: ChargingEvent): Promise<void>;
}
