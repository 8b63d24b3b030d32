/**
 * The TAP 3.12 fields this codec writes and reads, by their GSMA TD.57 names,
 * with the APPLICATION tag number each has in the TD.57 ASN.1 module
 * (`TAP-0312 DEFINITIONS IMPLICIT TAGS`). Every tag is of the APPLICATION
 * class; a field's kind says how its content is encoded: a SEQUENCE (or
 * SEQUENCE OF) of other fields, a CHOICE (tagged, so its one alternative sits
 * inside it), an INTEGER, or an OCTET STRING (TD.57's AsciiString,
 * NumberString, HexString, Currency and packed BCDString are all octets).
 *
 * Fields not in this table are skipped by the decoder and listed as unknown,
 * so files from other systems that carry more than these still decode.
 *
 * @module
 */

/** How a field's content is encoded. */
export type TapFieldKind = 'sequence' | 'list' | 'choice' | 'integer' | 'ascii' | 'bcd';

/** One row of the field-tag table. */
export interface TapField {
  /** The TD.57 name of the type. */
  readonly name: string;
  /** Its APPLICATION tag number. */
  readonly tag: number;
  readonly kind: TapFieldKind;
}

const rows: readonly (readonly [string, number, TapFieldKind])[] = [
  // The two kinds of file, and the groups of a transfer batch.
  ['TransferBatch', 1, 'sequence'],
  ['Notification', 2, 'sequence'],
  ['CallEventDetailList', 3, 'list'],
  ['BatchControlInfo', 4, 'sequence'],
  ['AccountingInfo', 5, 'sequence'],
  ['NetworkInfo', 6, 'sequence'],
  ['AuditControlInfo', 15, 'sequence'],
  // Call events.
  ['MobileOriginatedCall', 9, 'sequence'],
  ['MobileTerminatedCall', 10, 'sequence'],
  ['GprsCall', 14, 'sequence'],
  ['MoBasicCallInformation', 147, 'sequence'],
  ['MtBasicCallInformation', 153, 'sequence'],
  ['GprsBasicCallInformation', 114, 'sequence'],
  ['ChargeableSubscriber', 427, 'choice'],
  ['SimChargeableSubscriber', 199, 'sequence'],
  ['GprsChargeableSubscriber', 115, 'sequence'],
  ['Imsi', 129, 'bcd'],
  ['Msisdn', 152, 'bcd'],
  ['CallEventStartTimeStamp', 44, 'sequence'],
  ['TotalCallEventDuration', 223, 'integer'],
  ['ChargingId', 72, 'integer'],
  ['GprsDestination', 116, 'sequence'],
  ['AccessPointNameNI', 261, 'ascii'],
  ['LocationInformation', 138, 'sequence'],
  ['NetworkLocation', 156, 'sequence'],
  ['GprsLocationInformation', 117, 'sequence'],
  ['GprsNetworkLocation', 118, 'sequence'],
  ['RecEntityCodeList', 185, 'list'],
  ['RecEntityCode', 184, 'integer'],
  ['BasicServiceUsedList', 38, 'list'],
  ['BasicServiceUsed', 39, 'sequence'],
  ['BasicService', 36, 'sequence'],
  ['BasicServiceCode', 426, 'choice'],
  ['TeleServiceCode', 218, 'ascii'],
  ['GprsServiceUsed', 121, 'sequence'],
  ['DataVolumeIncoming', 250, 'integer'],
  ['DataVolumeOutgoing', 251, 'integer'],
  ['ChargeInformationList', 70, 'list'],
  ['ChargeInformation', 69, 'sequence'],
  ['ChargedItem', 66, 'ascii'],
  ['ChargeDetailList', 64, 'list'],
  ['ChargeDetail', 63, 'sequence'],
  ['ChargeType', 71, 'ascii'],
  ['Charge', 62, 'integer'],
  ['ChargeableUnits', 65, 'integer'],
  ['ChargedUnits', 68, 'integer'],
  ['OperatorSpecInfoList', 162, 'list'],
  ['OperatorSpecInformation', 163, 'ascii'],
  // Batch control, accounting and network information.
  ['Sender', 196, 'ascii'],
  ['Recipient', 182, 'ascii'],
  ['FileSequenceNumber', 109, 'ascii'],
  ['FileCreationTimeStamp', 108, 'sequence'],
  ['TransferCutOffTimeStamp', 227, 'sequence'],
  ['FileAvailableTimeStamp', 107, 'sequence'],
  ['SpecificationVersionNumber', 201, 'integer'],
  ['ReleaseVersionNumber', 189, 'integer'],
  ['FileTypeIndicator', 110, 'ascii'],
  ['LocalCurrency', 135, 'ascii'],
  ['TapCurrency', 210, 'ascii'],
  ['TapDecimalPlaces', 244, 'integer'],
  ['UtcTimeOffsetInfoList', 234, 'list'],
  ['UtcTimeOffsetInfo', 233, 'sequence'],
  ['UtcTimeOffsetCode', 232, 'integer'],
  ['UtcTimeOffset', 231, 'ascii'],
  ['RecEntityInfoList', 188, 'list'],
  ['RecEntityInformation', 183, 'sequence'],
  ['RecEntityType', 186, 'integer'],
  ['RecEntityId', 400, 'ascii'],
  ['LocalTimeStamp', 16, 'ascii'],
  // Audit control information.
  ['EarliestCallTimeStamp', 101, 'sequence'],
  ['LatestCallTimeStamp', 133, 'sequence'],
  ['TotalCharge', 415, 'integer'],
  ['TotalTaxValue', 226, 'integer'],
  ['TotalDiscountValue', 225, 'integer'],
  ['CallEventDetailsCount', 43, 'integer'],
];

/** The field-tag table, by TD.57 name. */
export const TAP_FIELDS: Readonly<Record<string, TapField>> = Object.fromEntries(
  rows.map(([name, tag, kind]) => [name, { name, tag, kind }]),
);

/** The field-tag table, by APPLICATION tag number. */
export const TAP_FIELDS_BY_TAG: ReadonlyMap<number, TapField> = new Map(rows.map(([name, tag, kind]) => [tag, { name, tag, kind }]));

/** The APPLICATION tag number of a TD.57 field. */
export function tagOf(name: keyof typeof TAP_FIELDS | string): number {
  const field = TAP_FIELDS[name];
  if (!field) throw new Error(`[roam] Failed to find TAP field ${name}: it is not in the field-tag table. Add it with its TD.57 tag.`);
  return field.tag;
}

/** The TD.57 name of an APPLICATION tag, or `[APPLICATION n]` for one this table does not know. */
export function nameOfTag(tag: number): string {
  return TAP_FIELDS_BY_TAG.get(tag)?.name ?? `[APPLICATION ${tag}]`;
}
