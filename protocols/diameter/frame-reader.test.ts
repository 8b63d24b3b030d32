import { test, expect } from '@playwright/test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CaseCounter, fuzzSettings } from '../../tests/support/fuzz.js';
import { BASE } from './dictionary-base.js';
import { encodeMessage } from './encode.js';
import { DiameterDecodeError } from './errors.js';
import { DiameterFrameReader } from './frame-reader.js';
import { avp } from './message.js';

// The TCP stream reader: however the bytes of several messages are cut into
// chunks, the same messages come out; a header that cannot be a message is
// a fatal error; a message cut short waits for the rest.

const watchdog = (n: number, host: string) =>
  encodeMessage({
    flags: 0x80,
    commandCode: 280,
    applicationId: 0,
    hopByHopId: n,
    endToEndId: n,
    avps: [avp(BASE.OriginHost, host), avp(BASE.OriginRealm, 'example')],
  });

test('any chunking of a stream of messages gives back the same messages in order', ({}, testInfo) => {
  const counter = new CaseCounter('diameter stream chunking');
  fc.assert(
    fc.property(
      fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
      (hosts, cuts) => {
        counter.count++;
        const messages = hosts.map((h, i) => watchdog(i, h));
        const stream = Buffer.concat(messages);
        const reader = new DiameterFrameReader();
        const out: Buffer[] = [];
        let offset = 0;
        for (let i = 0; offset < stream.length; i++) {
          const size = cuts[i % cuts.length]!;
          out.push(...reader.push(stream.subarray(offset, offset + size)));
          offset += size;
        }
        assert.equal(out.length, messages.length);
        out.forEach((m, i) => assert.ok(m.equals(messages[i]!)));
        assert.equal(reader.buffered, 0);
      },
    ),
    fuzzSettings(300),
  );
  counter.report(testInfo);
});

test('a message cut short waits for the rest; its bytes stay buffered', () => {
  const reader = new DiameterFrameReader();
  const message = watchdog(1, 'hss.example');
  expect(reader.push(message.subarray(0, 3))).toEqual([]);
  expect(reader.push(message.subarray(3, 30))).toEqual([]);
  expect(reader.buffered).toBe(30);
  const [whole] = reader.push(message.subarray(30));
  expect(whole!.equals(message)).toBe(true);
  expect(reader.buffered).toBe(0);
});

test('a header over the maximum size, of another version or of a bad length is fatal', () => {
  const big = watchdog(1, 'x'.repeat(200));
  const small = new DiameterFrameReader({ maxMessageBytes: 128 });
  expect(() => small.push(big)).toThrow(/message length 2\d\d is more than the 128 bytes allowed/);

  const version2 = Buffer.from(watchdog(1, 'h'));
  version2[0] = 2;
  const thrown = (() => {
    try {
      new DiameterFrameReader().push(version2);
    } catch (error) {
      return error;
    }
  })();
  expect(thrown).toBeInstanceOf(DiameterDecodeError);
  expect(thrown).toMatchObject({ fatal: true, offset: 0 });

  for (const length of [0, 12, 22]) {
    const bytes = Buffer.from(watchdog(1, 'h'));
    bytes.writeUIntBE(length, 1, 3);
    expect(() => new DiameterFrameReader().push(bytes), `length ${length}`).toThrow(DiameterDecodeError);
  }
});

test('an oversized length is refused as soon as the header arrives, before the body is buffered', () => {
  const reader = new DiameterFrameReader({ maxMessageBytes: 1024 });
  expect(reader.push(Buffer.from([1, 0]))).toEqual([]);
  expect(() => reader.push(Buffer.from([0xff, 0xfc]))).toThrow(/more than the 1024 bytes allowed/);
});

test('messages before a bad header in the same chunk are returned; the next push throws', () => {
  const reader = new DiameterFrameReader();
  const good = watchdog(1, 'hss.example');
  const bad = Buffer.from(watchdog(2, 'hss.example'));
  bad[0] = 9;
  const frames = reader.push(Buffer.concat([good, bad]));
  expect(frames).toHaveLength(1);
  expect(reader.failure).toBeInstanceOf(DiameterDecodeError);
  expect(() => reader.push(good)).toThrow(/version 9/);
});
