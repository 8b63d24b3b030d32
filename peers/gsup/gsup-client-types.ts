/**
 * The shapes {@link GsupClient} takes and gives: options, what an
 * UpdateLocation yields, and the notices the HLR may push at any time.
 *
 * @module
 */
import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { GsupCancelType, GsupCnDomain, GsupMessage, GsupPdpInfo } from '../../protocols/gsup/gsup.js';

/** How to reach the GSUP server and how patient to be. */
export interface GsupClientOptions {
  /** Address of the HLR, e.g. `started.address`. */
  readonly host: string;
  /** GSUP port. Default 4222, the only port osmo-hlr uses. */
  readonly port?: number;
  /**
   * Our IPA name (serial number). osmo-hlr stores it as the VLR/SGSN number and
   * routes replies by it, so it must be unique per connection. Default: a
   * fresh `ROAM-<pid>-<n>-<random>`.
   */
  readonly name?: string;
  /** IPA unit id. Default `0/0/0`. */
  readonly unitId?: string;
  /** Per-request timeout. Default 5000 ms. */
  readonly requestTimeoutMs?: number;
  /** Budget for TCP connect plus the IPA handshake. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Local address to connect from, e.g. to stay on a given 127.0.0.x. */
  readonly localAddress?: string;
  /**
   * Names subscribers in error messages by pseudonym (`sub_…`), never by
   * IMSI. Pass the world's hasher so they match its events and logs;
   * default: one process-wide hasher with a random key.
   */
  readonly hasher?: IdentityHasher;
  /**
   * Called when the HLR cancels a subscriber's location here, before the
   * LocationCancel result is sent; throwing makes the answer an error
   * (NETWORK_FAILURE). The `locationCancel` event fires as well.
   */
  readonly onLocationCancel?: (notice: LocationCancelNotice) => void | Promise<void>;
}

/** Options of {@link GsupClient.sendAuthInfo}. */
export interface SendAuthInfoOptions {
  /** Vectors wanted (GSUP IE 0x52). osmo-hlr gives 5 when absent and never more. */
  readonly count?: number;
  /** Resynchronisation after a USIM sync failure: the RAND of the failed challenge and the USIM's AUTS (hex). */
  readonly resync?: { readonly rand: string; readonly auts: string };
  /** Omitted: osmo-hlr assumes PS. */
  readonly cnDomain?: GsupCnDomain;
}

/** What the HLR told us about a subscriber in InsertSubscriberData. */
export interface SubscriberData {
  readonly imsi: string;
  readonly msisdn?: string;
  readonly pdpInfo: readonly GsupPdpInfo[];
  readonly cnDomain?: GsupCnDomain;
}

/** Returned by an InsertSubscriberData hook to refuse the data with a GMM cause. */
export interface InsertSubscriberDataRefusal {
  readonly reject: number;
}

/** Options of {@link GsupClient.updateLocation}. */
export interface UpdateLocationOptions {
  /** Omitted: osmo-hlr assumes PS (and sends PDP info). */
  readonly cnDomain?: GsupCnDomain;
  /**
   * Sees each InsertSubscriberData of this UpdateLocation before it is
   * answered. Return `{ reject: cause }` (or throw) to answer with an error;
   * osmo-hlr then fails the UpdateLocation with NETWORK_FAILURE.
   */
  readonly onInsertSubscriberData?: (
    data: SubscriberData,
  ) => void | InsertSubscriberDataRefusal | Promise<void | InsertSubscriberDataRefusal>;
}

/** The HLR withdrew a subscriber from this VLR/SGSN. */
export interface LocationCancelNotice {
  readonly imsi: string;
  readonly cancelType?: GsupCancelType;
  /** The whole request, for anything else it carried. */
  readonly message: GsupMessage;
}

/** The HLR deleted (parts of) a subscriber's data, e.g. after its access was disabled. */
export interface DeleteSubscriberDataNotice {
  readonly imsi: string;
  readonly pdpContextIds: readonly number[];
  readonly message: GsupMessage;
}

/** Events of a {@link GsupClient}. */
export interface GsupClientEvents {
  /** After a LocationCancel request was answered. */
  locationCancel: [notice: LocationCancelNotice];
  /** InsertSubscriberData outside an UpdateLocation (osmo-hlr sends it after a VTY edit), already answered. */
  insertSubscriberData: [data: SubscriberData];
  /** DeleteSubscriberData, already answered. */
  deleteSubscriberData: [notice: DeleteSubscriberDataNotice];
  /** A result or error that matched no pending request. */
  unmatched: [message: GsupMessage];
  /** The connection ended; `error` is undefined when we closed it. */
  close: [error: Error | undefined];
}

/** Subscriber data from an InsertSubscriberData request. */
export function subscriberDataOf(message: GsupMessage): SubscriberData {
  return {
    imsi: message.imsi,
    pdpInfo: message.pdpInfo ?? [],
    ...(message.msisdn !== undefined ? { msisdn: message.msisdn } : {}),
    ...(message.cnDomain !== undefined ? { cnDomain: message.cnDomain } : {}),
  };
}
