import { test, expect } from '@playwright/test';
import { IpaDecodeError, IpaEncodeError } from './codec-errors.js';
import { IpaFrameDecoder, IpaProtocol, decodeCcm, decodeOsmoPayload, encodeCcm, encodeIpaFrame, encodeOsmoFrame } from './ipa.js';

test('frames carry a u16be length, the protocol byte, then the payload', () => {
  const frame = encodeIpaFrame(IpaProtocol.Ccm, Buffer.from([0x00]));
  expect(frame.toString('hex')).toBe('0001fe00');
  expect(encodeOsmoFrame(0x05, Buffer.from('0801', 'hex')).toString('hex')).toBe('0003ee050801');
  expect(decodeOsmoPayload(Buffer.from('050801', 'hex'))).toEqual({ extension: 5, data: Buffer.from('0801', 'hex') });
  expect(() => encodeIpaFrame(IpaProtocol.Osmo, Buffer.alloc(70_000))).toThrow(IpaEncodeError);
});

test('the stream decoder copes with frames split over chunks and several frames in one chunk', () => {
  const frames = [
    encodeIpaFrame(IpaProtocol.Ccm, Buffer.from([0x04, 0x01, 0x08, 0x01, 0x00])),
    encodeOsmoFrame(0x05, Buffer.from('08010809710000000000f1', 'hex')),
    encodeIpaFrame(IpaProtocol.Ccm, Buffer.from([0x00])),
  ];
  const stream = Buffer.concat(frames);
  // One byte at a time: every header and payload arrives in pieces.
  const bytewise = new IpaFrameDecoder();
  const got = [...stream].flatMap((byte) => bytewise.push(Buffer.from([byte])));
  expect(got.map((f) => encodeIpaFrame(f.protocol, f.payload))).toEqual(frames);
  expect(bytewise.bufferedBytes).toBe(0);
  // All at once.
  expect(new IpaFrameDecoder().push(stream)).toHaveLength(3);
  // Cut in the middle of the second header.
  const split = new IpaFrameDecoder();
  expect(split.push(stream.subarray(0, frames[0]!.length + 1))).toHaveLength(1);
  expect(split.push(stream.subarray(frames[0]!.length + 1))).toHaveLength(2);
});

test('an unknown protocol byte is a typed error at its stream offset, and stays one', () => {
  const decoder = new IpaFrameDecoder();
  decoder.push(encodeIpaFrame(IpaProtocol.Ccm, Buffer.from([0x00])));
  const error = (() => {
    try {
      decoder.push(Buffer.from('00024242', 'hex'));
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(IpaDecodeError);
  expect((error as IpaDecodeError).offset).toBe(4 + 2);
  expect((error as IpaDecodeError).code).toBe('ROAM_IPA_DECODE');
  expect((error as Error).message).toMatch(/^\[roam\] Failed to decode IPA frame: unknown protocol byte 0x42 \(at byte offset 6\)\. /);
  expect(() => decoder.push(Buffer.from([0]))).toThrow(IpaDecodeError);
});

test('CCM: ID_RESP entries are u16be(1 + len + NUL) | tag | text NUL, as osmo-hlr reads them', () => {
  const payload = encodeCcm({
    type: 'id-resp',
    entries: [
      { tag: 0x08, value: '0/0/0' },
      { tag: 0x00, value: 'VLR-A' },
    ],
  });
  expect(payload.toString('hex')).toBe(
    '05' + '0007' + '08' + Buffer.from('0/0/0\0').toString('hex') + '0007' + '00' + Buffer.from('VLR-A\0').toString('hex'),
  );
  expect(decodeCcm(payload)).toEqual({
    type: 'id-resp',
    entries: [
      { tag: 0x08, value: '0/0/0' },
      { tag: 0x00, value: 'VLR-A' },
    ],
  });
  // The ID_GET osmo-hlr sends on accept (captured from osmo-hlr 1.5).
  expect(decodeCcm(Buffer.from('0401080107010201030104010501010100', 'hex'))).toEqual({ type: 'id-get', tags: [8, 7, 2, 3, 4, 5, 1, 0] });
  for (const type of ['ping', 'pong', 'id-ack'] as const) expect(decodeCcm(encodeCcm({ type }))).toEqual({ type });
});

test('CCM garbage is a typed error naming the offset', () => {
  expect(() => decodeCcm(Buffer.alloc(0))).toThrow(/message type is missing \(at byte offset 0\)/);
  expect(() => decodeCcm(Buffer.from([0x09]))).toThrow(/unknown CCM message type 0x09/);
  expect(() => decodeCcm(Buffer.from('050009', 'hex'))).toThrow(/cut short \(at byte offset 1\)/);
  expect(() => decodeCcm(Buffer.from('0500090801', 'hex'))).toThrow(/runs past the end/);
  expect(() => decodeCcm(Buffer.from('040501', 'hex'))).toThrow(IpaDecodeError);
});
