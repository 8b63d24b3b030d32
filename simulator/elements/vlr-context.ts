import type { Clock } from '../../core/clock.js';
import type { Plmn, PlmnId } from '../plmn.js';
import type { SubscriberData } from '../signaling/ports.js';
import type { VlrCharging } from './vlr-charging.js';

/** A subscriber registered in a VLR. */
export interface VlrRecord {
  readonly imsi: string;
  readonly msisdn: string;
  readonly homePlmn: PlmnId;
  readonly registeredAt: number;
  lastActivityAt: number;
  /** The location area the phone was last seen in. */
  lac?: number;
  /** What the home HLR inserted (InsertSubscriberData); every service when unknown. */
  services?: SubscriberData['services'];
}

/**
 * What a VLR's services (calls, data, SMS) share with the VLR itself: who it
 * is, its clock and charging, and its register of subscribers.
 *
 * @internal used by the VLR's own modules; not a port.
 */
export interface VlrContext {
  readonly plmn: Plmn;
  readonly vlrNumber: string;
  /** e.g. `vlr:208-01`. */
  readonly name: string;
  readonly clock: Clock;
  readonly charging: VlrCharging;
  /**
   * The record of a registered subscriber, touched as active.
   *
   * @throws {RejectError} `IMSI_UNKNOWN_IN_VLR` when it is not registered here; `SERVICE_NOT_SUBSCRIBED`
   * (or `GPRS_NOT_ALLOWED` for data) when the subscription lacks `service`.
   */
  requireRecord(imsi: string, procedure: string, service?: SubscriberData['services'][number]): VlrRecord;
  /** A new id, unique in this VLR across its restarts (it carries the VLR's incarnation), e.g. `vlr-208-01-lz2k9f1c-call-7`. */
  nextId(kind: string): string;
}
