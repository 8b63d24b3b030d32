import { test, expect } from '@playwright/test';
import { decodeBer, encodeBer, type BerNode } from './ber-tree.js';
import { decodeTapFile, encodeTapFile, TapDecodeError, TapEncodeError, type TapNotification, type TapTransferBatch } from './index.js';
import { tagOf } from './tap3-tags.js';

const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);
const header = {
  sender: 'FRAF1',
  recipient: 'DEUD1',
  fileSequenceNumber: 7,
  fileCreationTime: T0 + 3_600_000,
  fileAvailableTime: T0 + 3_600_000,
  transferCutOffTime: T0 + 3_000_000,
  specificationVersion: 3,
  releaseVersion: 12,
  fileTypeIndicator: 'T',
};
const batch: TapTransferBatch = {
  kind: 'transferBatch',
  ...header,
  accounting: { localCurrency: 'EUR', tapCurrency: 'EUR', tapDecimalPlaces: 6 },
  recordingEntities: [
    { code: 1, type: 1, id: 'vlr-208-01' },
    { code: 2, type: 4, id: 'sgsn-208-01' },
  ],
  callEvents: [
    {
      kind: 'moc',
      imsi: '262011234567890',
      startTime: T0,
      duration: 61,
      teleServiceCode: '11',
      recEntityCode: 1,
      chargedItem: 'D',
      charge: 0.019317,
      chargeableUnits: 61,
      chargedUnits: 61,
      operatorSpecInformation: ['roam:session=vlr-208-01-a-call-1/1'],
    },
    {
      kind: 'mtc',
      imsi: '262011234567891',
      msisdn: '4915112345678',
      startTime: T0 + 60_000,
      duration: 5,
      teleServiceCode: '11',
      recEntityCode: 1,
      chargedItem: 'D',
      charge: 0.001583,
      chargeableUnits: 5,
      chargedUnits: 5,
      operatorSpecInformation: [],
    },
    {
      kind: 'moc',
      imsi: '262011234567891',
      startTime: T0 + 120_000,
      duration: 0,
      teleServiceCode: '22',
      recEntityCode: 1,
      chargedItem: 'E',
      charge: 0.006,
      chargeableUnits: 2,
      chargedUnits: 2,
      operatorSpecInformation: ['roam:session=vlr-208-01-a-sms-2'],
    },
    {
      kind: 'gprs',
      imsi: '262011234567892',
      startTime: T0 + 180_000,
      duration: 600,
      chargingId: 4_000_000_000,
      accessPointName: 'internet',
      dataVolumeIncoming: 3_300_000,
      dataVolumeOutgoing: 0,
      recEntityCode: 2,
      chargedItem: 'V',
      charge: 0.00594,
      chargeableUnits: 3300,
      chargedUnits: 3300,
      operatorSpecInformation: ['roam:session=vlr-208-01-a-pdp-3'],
    },
  ],
  audit: {
    earliestCallTime: T0,
    latestCallTime: T0 + 180_000,
    totalCharge: 0.03284,
    totalTaxValue: 0,
    totalDiscountValue: 0,
    callEventDetailsCount: 4,
  },
};

test('a transfer batch with MO and MT calls, an SMS and a GPRS session decodes back to the same records', async () => {
  const bytes = await encodeTapFile(batch);
  // TransferBatch [APPLICATION 1], constructed: 0x61.
  expect(bytes[0]).toBe(0x61);
  const decoded = await decodeTapFile(bytes);
  expect(decoded.notes.unknownFields).toEqual([]);
  const { notes: _notes, ...file } = decoded;
  expect(file).toEqual(batch);
});

test('a notification for a period without usage is a Notification [APPLICATION 2] and decodes back', async () => {
  const notification: TapNotification = { kind: 'notification', ...header };
  const bytes = await encodeTapFile(notification);
  expect(bytes[0]).toBe(0x62);
  const { notes: _notes, ...file } = await decodeTapFile(bytes);
  expect(file).toEqual(notification);
});

test('fields and call events the codec does not know are skipped and listed, so other systems’ files still decode', async () => {
  const root = await decodeBer(await encodeTapFile(batch), 'batch');
  if (!('children' in root)) throw new Error('a batch is constructed');
  // The same batch with a supplementary service event [APPLICATION 11] and a field of some later release.
  const unknownEvent: BerNode = { tagClass: 'application', tag: 11, children: [{ tagClass: 'application', tag: 206, children: [] }] };
  const children = root.children.map((group) =>
    group.tag === tagOf('CallEventDetailList') && 'children' in group ? { ...group, children: [...group.children, unknownEvent] } : group,
  );
  const withExtras = await encodeBer({
    ...root,
    children: [...children, { tagClass: 'application', tag: 9999, bytes: new Uint8Array([1, 2, 3]) }],
  });
  const tolerant = await decodeTapFile(withExtras);
  expect(tolerant.notes.unknownFields).toEqual(['TransferBatch/[APPLICATION 9999]', 'CallEventDetailList[4]/[APPLICATION 11]']);
  expect(tolerant.kind === 'transferBatch' && tolerant.callEvents).toHaveLength(4);
});

test('what is not a TAP file is refused with the reason', async () => {
  await expect(decodeTapFile(new Uint8Array([0x61, 0x05, 0x02]), 'short.tap')).rejects.toThrow(TapDecodeError);
  await expect(decodeTapFile(new Uint8Array([0x30, 0x00]), 'seq.tap')).rejects.toThrow(/starts with universal tag 16, not TransferBatch/);
  await expect(decodeTapFile(new Uint8Array([0x62, 0x00, 0x00]), 'trailing.tap')).rejects.toThrow(/1 bytes follow the first element/);
  await expect(decodeTapFile(new Uint8Array([0x62, 0x00]), 'empty.tap')).rejects.toThrow(
    /Notification has no Sender, which TD.57 requires/,
  );
  await expect(encodeTapFile({ ...batch, sender: 'FRANCE' })).rejects.toThrow(TapEncodeError);
  await expect(encodeTapFile({ ...batch, fileSequenceNumber: 100_000 })).rejects.toThrow(/not a whole number from 1 to 99999/);
});
