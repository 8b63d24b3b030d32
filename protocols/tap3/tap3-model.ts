/**
 * TAP 3.12 files as plain data: what the encoder writes and the decoder
 * reads. Times are ms since the epoch (the file carries local time and its
 * UTC offset, to the second); amounts are in the currency's units, carried
 * in the file as whole numbers scaled by `tapDecimalPlaces`.
 *
 * @module
 */

/** A TAP file: a transfer batch of call events, or a notification for a period without any. */
export type TapFile = TapTransferBatch | TapNotification;

/** The header both kinds of file carry (TD.57 BatchControlInfo, or the Notification's own fields). */
export interface TapHeader {
  /** TADIG code of the visited network that sends the file, e.g. `FRAF1`. */
  readonly sender: string;
  /** TADIG code of the home network it is for, e.g. `DEUD1`. */
  readonly recipient: string;
  /** 1 to 99999, per sender and recipient, one more with each file. */
  readonly fileSequenceNumber: number;
  readonly fileCreationTime: number;
  readonly fileAvailableTime: number;
  readonly transferCutOffTime: number;
  /** 3 for TAP 3. */
  readonly specificationVersion: number;
  /** 12 for TAP 3.12. */
  readonly releaseVersion: number;
  /** `T` marks test data (as in TD.41 testing); absent for commercial data. */
  readonly fileTypeIndicator?: string;
}

/** A Notification [APPLICATION 2]: the sender had nothing to bill in the period. */
export interface TapNotification extends TapHeader {
  readonly kind: 'notification';
}

/** A TransferBatch [APPLICATION 1]. */
export interface TapTransferBatch extends TapHeader {
  readonly kind: 'transferBatch';
  readonly accounting: { readonly localCurrency: string; readonly tapCurrency?: string; readonly tapDecimalPlaces: number };
  /** Recording entities (the MSC/VLR or SGSN that recorded usage), by the code call events use. */
  readonly recordingEntities: readonly { readonly code: number; readonly type: number; readonly id: string }[];
  readonly callEvents: readonly TapCallEvent[];
  readonly audit: TapAudit;
}

/** AuditControlInfo: the totals over the batch's call events. */
export interface TapAudit {
  readonly earliestCallTime?: number;
  readonly latestCallTime?: number;
  /** The sum of every call event's charge. */
  readonly totalCharge: number;
  readonly totalTaxValue: number;
  readonly totalDiscountValue: number;
  readonly callEventDetailsCount: number;
}

/** One call event: a mobile originated or terminated call (an SMS is an MO call of teleservice 22), or a GPRS session. */
export interface TapCallEvent {
  readonly kind: 'moc' | 'mtc' | 'gprs';
  readonly imsi: string;
  readonly msisdn?: string;
  readonly startTime: number;
  /** Seconds (whole). */
  readonly duration: number;
  /** TeleServiceCode for calls: `11` telephony, `22` SMS MO, `21` SMS MT. */
  readonly teleServiceCode?: string;
  /** GPRS: bytes in each direction, and the network's charging id and APN. */
  readonly dataVolumeIncoming?: number;
  readonly dataVolumeOutgoing?: number;
  readonly chargingId?: number;
  readonly accessPointName?: string;
  readonly recEntityCode?: number;
  /** `D` duration, `V` volume, `E` event. */
  readonly chargedItem: string;
  readonly charge: number;
  readonly chargeableUnits?: number;
  readonly chargedUnits?: number;
  /** Free text the sender adds; this harness puts `roam:session=<id>` here to cross-reference its records. */
  readonly operatorSpecInformation: readonly string[];
}

/** What a decoder could not place: fields it does not know, by their path in the file. */
export interface TapDecodeNotes {
  readonly unknownFields: readonly string[];
}
