import { test, expect } from '@playwright/test';
import { GsupDecodeError, GsupEncodeError } from './codec-errors.js';
import { GsupMessageType, gsupMessageFamily, gsupMessageKind, gsupReplyType } from './gsup-message-types.js';
import { gsupCauseName } from './gsup-causes.js';
import { decodeGsup, encodeGsup, type GsupMessage } from './gsup.js';

// Captured from osmo-hlr 1.5 for IMSI 901700000000001 with MSISDN 4915550000001 (PS UpdateLocation).
const ISD_FROM_OSMO_HLR = '10010809710000000000f1080807945155000000f105071001011202012a280101';

function errorOf(fn: () => unknown): GsupDecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GsupDecodeError) return error;
    throw error;
  }
  throw new Error('expected a GsupDecodeError');
}

test('IMSI is TBCD right after the message type, low nibble first, F filler', () => {
  const bytes = encodeGsup({ type: GsupMessageType.SendAuthInfoRequest, imsi: '901700000000001' });
  expect(bytes.toString('hex')).toBe('08' + '0108' + '09710000000000f1');
  expect(encodeGsup({ type: 0x08, imsi: '26201123456789' }).toString('hex')).toBe('08010762021132547698');
});

test('an InsertSubscriberData captured from osmo-hlr decodes and re-encodes byte for byte', () => {
  const message = decodeGsup(Buffer.from(ISD_FROM_OSMO_HLR, 'hex'));
  expect(message).toEqual({
    type: GsupMessageType.InsertSubscriberDataRequest,
    imsi: '901700000000001',
    msisdn: '4915550000001',
    pdpInfo: [{ contextId: 1, apn: '*' }],
    cnDomain: 'ps',
  });
  expect(encodeGsup(message).toString('hex')).toBe(ISD_FROM_OSMO_HLR);
});

test('every field survives a round trip', () => {
  const messages: GsupMessage[] = [
    {
      type: GsupMessageType.SendAuthInfoResult,
      imsi: '001010123456789',
      authTuples: [
        {
          rand: '23553cbe9637a89d218ae64dae47bf35',
          sres: '46f8416a',
          kc: 'a50cbfcc08e74daa',
          ik: 'f769bcd751044604127672711c6d3441',
          ck: 'b40ba9a3c58b2a05bbf0d987b21bf8cb',
          autn: 'aa689c64837000000eed35e2ae9e21c0',
          res: 'a54211d5e3ba50bf',
        },
        { rand: '00112233445566778899aabbccddeeff', sres: 'f5688422', kc: 'c0db4dad86445c00' },
      ],
    },
    {
      type: GsupMessageType.SendAuthInfoRequest,
      imsi: '001010123456789',
      rand: '00'.repeat(16),
      auts: 'ab'.repeat(14),
      cnDomain: 'cs',
      numVectorsRequested: 3,
    },
    { type: GsupMessageType.UpdateLocationError, imsi: '001010123456789', cause: 0x0d },
    { type: GsupMessageType.LocationCancelRequest, imsi: '001010123456789', cancelType: 'withdraw' },
    { type: GsupMessageType.PurgeMsResult, imsi: '001010123456789', freezePtmsi: true },
    {
      type: GsupMessageType.InsertSubscriberDataRequest,
      imsi: '001010123456789',
      msisdn: '49*#abc1',
      pdpInfoComplete: true,
      pdpInfo: [{ contextId: 5, pdpType: 0x0121, apn: 'internet.example', qos: '0123', chargingCharacteristics: '0800' }],
    },
    { type: GsupMessageType.DeleteSubscriberDataRequest, imsi: '001010123456789', pdpContextIds: [1, 2] },
    { type: GsupMessageType.CheckImeiRequest, imsi: '001010123456789', imei: '35693803564380' },
    { type: GsupMessageType.CheckImeiResult, imsi: '001010123456789', imeiResult: 'nack' },
    {
      type: GsupMessageType.UpdateLocationRequest,
      imsi: '1',
      sourceName: 'VLR-A',
      destinationName: 'HLR-1',
      otherIes: [{ tag: 0x7e, value: 'beef' }],
    },
  ];
  for (const message of messages) expect(decodeGsup(encodeGsup(message))).toEqual(message);
});

test('message type helpers follow the low-two-bits scheme', () => {
  expect(gsupMessageKind(0x08)).toBe('request');
  expect(gsupMessageKind(0x09)).toBe('error');
  expect(gsupMessageKind(0x0a)).toBe('result');
  expect(gsupMessageKind(0x0b)).toBe('other');
  expect(gsupMessageFamily(0x1e)).toBe(0x1c);
  expect(gsupReplyType(0x10, 'result')).toBe(0x12);
  expect(gsupCauseName(0x02)).toBe('IMSI_UNKNOWN');
  expect(gsupCauseName(0x60)).toBe('INVALID_MANDATORY_INFO');
  expect(gsupCauseName(0xee)).toBe('UNKNOWN_CAUSE_0xee');
});

test('garbage is rejected with what went wrong and where', () => {
  const hex = (s: string) => Buffer.from(s, 'hex');
  expect(errorOf(() => decodeGsup(hex(''))).offset).toBe(0);
  expect(errorOf(() => decodeGsup(hex('ff0101f1'))).message).toMatch(/message type 0xff is not a GSUP message type \(at byte offset 0\)/);
  expect(errorOf(() => decodeGsup(hex('08'))).message).toMatch(/first IE must be the IMSI/);
  expect(errorOf(() => decodeGsup(hex('080201f1'))).message).toMatch(/first IE must be the IMSI \(0x01\), found 0x02 \(Cause\)/);
  const short = errorOf(() => decodeGsup(hex('0801080971')));
  expect(short.offset).toBe(1);
  expect(short.message).toMatch(/IE 0x01 \(Imsi\) in the message says 8 bytes but only 2 remain/);
  const filler = errorOf(() => decodeGsup(hex('080102f109')));
  expect([filler.offset, filler.message.includes('filler F before the last digit')]).toEqual([3, true]);
  const rand = errorOf(() => decodeGsup(hex('080101f1' + '200300112233'.slice(0, 10))));
  expect(rand.message).toMatch(/RAND IE 0x20 \(Rand\) is 3 bytes long, expected 16 \(at byte offset 4\)/);
  const nested = errorOf(() => decodeGsup(hex('0a0101f1' + '0306' + '2004aabbccdd')));
  expect(nested.offset).toBe(6);
  expect(nested.message).toMatch(/RAND IE 0x20 \(Rand\) is 4 bytes long, expected 16/);
  expect(errorOf(() => decodeGsup(hex('0a0101f1' + '0302' + '2101'))).message).toMatch(
    /in the auth tuple at 4 says 1 bytes but only 0 remain/,
  );
  expect(errorOf(() => decodeGsup(hex('1c0101f1' + '060107'))).message).toMatch(/Cancel type value 7 is not defined \(at byte offset 6\)/);
  expect(errorOf(() => decodeGsup(hex('100101f1' + '08030512ff'))).message).toMatch(/MSISDN says 5 digit bytes follow but the IE holds 2/);
  expect(errorOf(() => decodeGsup(hex('100101f1' + '0503130100'))).message).toMatch(
    /the PDP info has no context id \(IE 0x10\) \(at byte offset 4\)/,
  );
  expect(errorOf(() => decodeGsup(hex('100101f1' + '0506100101120100'))).message).toMatch(/the APN has a label of length 0/);
});

test('bad fields are refused before anything is sent', () => {
  expect(() => encodeGsup({ type: 0x08, imsi: '12ab' })).toThrow(GsupEncodeError);
  expect(() => encodeGsup({ type: 0x08, imsi: '1234567890123456' })).toThrow(/imsi/);
  expect(() => encodeGsup({ type: 0x08, imsi: '001010000000001', auts: 'abcd' })).toThrow(
    /Failed to encode GSUP field auts: it is 2 bytes long/,
  );
  expect(() => encodeGsup({ type: 0x08, imsi: '001010000000001', numVectorsRequested: 300 })).toThrow(GsupEncodeError);
  expect(() => encodeGsup({ type: 0x10, imsi: '001010000000001', msisdn: '+49' })).toThrow(/msisdn/);
  expect(() => encodeGsup({ type: 0x10, imsi: '001010000000001', pdpInfo: [{ contextId: 1, apn: 'a..b' }] })).toThrow(/pdpInfo\[0\]\.apn/);
});
