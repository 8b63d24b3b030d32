import { encodeBer, type BerNode } from './ber-tree.js';
import type { TapCallEvent, TapFile, TapHeader, TapTransferBatch } from './tap3-model.js';
import { TapEncodeError } from './tap3-errors.js';
import { tagOf } from './tap3-tags.js';
import { asciiBytes, bcdBytes, localTimeStamp, scaledAmount } from './tap3-values.js';

/** The UTC offset this encoder writes times in, and the code call events refer to it by. */
const UTC = { code: 0, offset: '+0000' } as const;

const group = (name: string, children: readonly (BerNode | undefined)[]): BerNode => ({
  tagClass: 'application',
  tag: tagOf(name),
  children: children.filter((c): c is BerNode => c !== undefined),
});
const integer = (name: string, value: number | bigint): BerNode => ({ tagClass: 'application', tag: tagOf(name), integer: BigInt(value) });
const ascii = (name: string, value: string): BerNode => ({ tagClass: 'application', tag: tagOf(name), bytes: asciiBytes(value) });
const bcd = (name: string, digits: string): BerNode => ({ tagClass: 'application', tag: tagOf(name), bytes: bcdBytes(digits, name) });
// DateTime refers to the offset by code; DateTimeLong (batch control, audit) carries the offset itself.
const dateTime = (name: string, at: number) =>
  group(name, [ascii('LocalTimeStamp', localTimeStamp(at, UTC.offset)), integer('UtcTimeOffsetCode', UTC.code)]);
const dateTimeLong = (name: string, at: number) =>
  group(name, [ascii('LocalTimeStamp', localTimeStamp(at, UTC.offset)), ascii('UtcTimeOffset', UTC.offset)]);

/**
 * Encodes a TAP 3.12 file as BER: a TransferBatch [APPLICATION 1] with its
 * batch control, accounting, network, call event and audit control groups,
 * or a Notification [APPLICATION 2]. Every field carries its TD.57 tag
 * (see the field-tag table); the BER is built by asn1js.
 *
 * @throws {TapEncodeError} for a TADIG code that is not 5 characters, a sequence number outside 1 to 99999, or a bad IMSI or amount.
 * @example
 * ```ts
 * const bytes = await encodeTapFile({ kind: 'notification', sender: 'FRAF1', recipient: 'DEUD1', fileSequenceNumber: 1, ... });
 * ```
 */
export async function encodeTapFile(file: TapFile): Promise<Uint8Array> {
  checkHeader(file);
  if (file.kind === 'notification') {
    return encodeBer(group('Notification', headerFields(file)));
  }
  return encodeBer(
    group('TransferBatch', [
      group('BatchControlInfo', headerFields(file)),
      accountingInfo(file),
      networkInfo(file),
      group(
        'CallEventDetailList',
        file.callEvents.map((event, i) => callEvent(event, file.accounting.tapDecimalPlaces, i)),
      ),
      auditControlInfo(file),
    ]),
  );
}

function headerFields(file: TapHeader): BerNode[] {
  return [
    ascii('Sender', file.sender),
    ascii('Recipient', file.recipient),
    ascii('FileSequenceNumber', String(file.fileSequenceNumber).padStart(5, '0')),
    dateTimeLong('FileCreationTimeStamp', file.fileCreationTime),
    dateTimeLong('TransferCutOffTimeStamp', file.transferCutOffTime),
    dateTimeLong('FileAvailableTimeStamp', file.fileAvailableTime),
    integer('SpecificationVersionNumber', file.specificationVersion),
    integer('ReleaseVersionNumber', file.releaseVersion),
    ...(file.fileTypeIndicator ? [ascii('FileTypeIndicator', file.fileTypeIndicator)] : []),
  ];
}

function accountingInfo(file: TapTransferBatch): BerNode {
  const { localCurrency, tapCurrency, tapDecimalPlaces } = file.accounting;
  return group('AccountingInfo', [
    ascii('LocalCurrency', localCurrency),
    tapCurrency ? ascii('TapCurrency', tapCurrency) : undefined,
    integer('TapDecimalPlaces', tapDecimalPlaces),
  ]);
}

function networkInfo(file: TapTransferBatch): BerNode {
  return group('NetworkInfo', [
    group('UtcTimeOffsetInfoList', [
      group('UtcTimeOffsetInfo', [integer('UtcTimeOffsetCode', UTC.code), ascii('UtcTimeOffset', UTC.offset)]),
    ]),
    group(
      'RecEntityInfoList',
      file.recordingEntities.map((e) =>
        group('RecEntityInformation', [integer('RecEntityCode', e.code), integer('RecEntityType', e.type), ascii('RecEntityId', e.id)]),
      ),
    ),
  ]);
}

function chargeInformation(event: TapCallEvent, places: number, where: string): BerNode {
  return group('ChargeInformationList', [
    group('ChargeInformation', [
      ascii('ChargedItem', event.chargedItem),
      group('ChargeDetailList', [
        group('ChargeDetail', [
          // Charge type 00: the total charge of the event.
          ascii('ChargeType', '00'),
          integer('Charge', scaledAmount(event.charge, places, `${where} charge`)),
          event.chargeableUnits !== undefined ? integer('ChargeableUnits', event.chargeableUnits) : undefined,
          event.chargedUnits !== undefined ? integer('ChargedUnits', event.chargedUnits) : undefined,
        ]),
      ]),
    ]),
  ]);
}

function callEvent(event: TapCallEvent, places: number, index: number): BerNode {
  const where = `call event ${index + 1}`;
  if (!/^\d{6,15}$/.test(event.imsi)) throw new TapEncodeError(where, 'its IMSI is not 6 to 15 digits');
  const subscriber = group('ChargeableSubscriber', [
    group('SimChargeableSubscriber', [bcd('Imsi', event.imsi), event.msisdn ? bcd('Msisdn', event.msisdn) : undefined]),
  ]);
  const notes = event.operatorSpecInformation.length
    ? group(
        'OperatorSpecInfoList',
        event.operatorSpecInformation.map((n) => ascii('OperatorSpecInformation', n)),
      )
    : undefined;
  const recEntity = event.recEntityCode !== undefined ? integer('RecEntityCode', event.recEntityCode) : undefined;
  if (event.kind === 'gprs') {
    return group('GprsCall', [
      group('GprsBasicCallInformation', [
        group('GprsChargeableSubscriber', [subscriber]),
        group('GprsDestination', [ascii('AccessPointNameNI', event.accessPointName ?? 'internet')]),
        dateTime('CallEventStartTimeStamp', event.startTime),
        integer('TotalCallEventDuration', event.duration),
        integer('ChargingId', event.chargingId ?? 0),
      ]),
      group('GprsLocationInformation', [group('GprsNetworkLocation', [recEntity ? group('RecEntityCodeList', [recEntity]) : undefined])]),
      group('GprsServiceUsed', [
        integer('DataVolumeIncoming', event.dataVolumeIncoming ?? 0),
        integer('DataVolumeOutgoing', event.dataVolumeOutgoing ?? 0),
        chargeInformation(event, places, where),
      ]),
      notes,
    ]);
  }
  const mo = event.kind === 'moc';
  return group(mo ? 'MobileOriginatedCall' : 'MobileTerminatedCall', [
    group(mo ? 'MoBasicCallInformation' : 'MtBasicCallInformation', [
      subscriber,
      dateTime('CallEventStartTimeStamp', event.startTime),
      integer('TotalCallEventDuration', event.duration),
    ]),
    group('LocationInformation', [group('NetworkLocation', [recEntity])]),
    group('BasicServiceUsedList', [
      group('BasicServiceUsed', [
        group('BasicService', [group('BasicServiceCode', [ascii('TeleServiceCode', event.teleServiceCode ?? '11')])]),
        chargeInformation(event, places, where),
      ]),
    ]),
    notes,
  ]);
}

function auditControlInfo(file: TapTransferBatch): BerNode {
  const { audit, accounting } = file;
  return group('AuditControlInfo', [
    audit.earliestCallTime !== undefined ? dateTimeLong('EarliestCallTimeStamp', audit.earliestCallTime) : undefined,
    audit.latestCallTime !== undefined ? dateTimeLong('LatestCallTimeStamp', audit.latestCallTime) : undefined,
    integer('TotalCharge', scaledAmount(audit.totalCharge, accounting.tapDecimalPlaces, 'the total charge')),
    integer('TotalTaxValue', scaledAmount(audit.totalTaxValue, accounting.tapDecimalPlaces, 'the total tax')),
    integer('TotalDiscountValue', scaledAmount(audit.totalDiscountValue, accounting.tapDecimalPlaces, 'the total discount')),
    integer('CallEventDetailsCount', audit.callEventDetailsCount),
  ]);
}

function checkHeader(file: TapHeader): void {
  for (const [field, code] of [
    ['sender', file.sender],
    ['recipient', file.recipient],
  ] as const) {
    if (!/^[A-Z0-9]{5}$/.test(code))
      throw new TapEncodeError(`the TAP file's ${field}`, `${JSON.stringify(code)} is not a TADIG code of 5 letters or digits`);
  }
  if (!Number.isInteger(file.fileSequenceNumber) || file.fileSequenceNumber < 1 || file.fileSequenceNumber > 99_999) {
    throw new TapEncodeError("the TAP file's sequence number", `${file.fileSequenceNumber} is not a whole number from 1 to 99999`);
  }
}
