import { test, expect } from '@playwright/test';
import { GsupDecodeError, IpaDecodeError } from './codec-errors.js';
import { GsupMessageType } from './gsup-message-types.js';
import { decodeGsup, encodeGsup } from './gsup.js';
import { IpaFrameDecoder, decodeCcm, encodeCcm, encodeOsmoFrame } from './ipa.js';

const CASES = 2_000;

// mulberry32: small, fast, and the same sequence on every run for a given seed.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Valid messages to mutate, so the fuzzing reaches past the first byte or two.
const SEEDS = [
  encodeGsup({
    type: GsupMessageType.SendAuthInfoResult,
    imsi: '901700000000001',
    authTuples: [{ rand: '11'.repeat(16), sres: '22'.repeat(4), kc: '33'.repeat(8), ik: '44'.repeat(16), ck: '55'.repeat(16), autn: '66'.repeat(16), res: '77'.repeat(8) }],
  }),
  encodeGsup({ type: GsupMessageType.InsertSubscriberDataRequest, imsi: '901700000000001', msisdn: '4915550000001', pdpInfo: [{ contextId: 1, pdpType: 0x121, apn: 'internet' }], cnDomain: 'ps' }),
  encodeGsup({ type: GsupMessageType.SendAuthInfoRequest, imsi: '26201123456789', rand: '00'.repeat(16), auts: 'ab'.repeat(14), numVectorsRequested: 5 }),
  encodeGsup({ type: GsupMessageType.CheckImeiRequest, imsi: '26201123456789', imei: '35693803564380', cancelType: 'update' }),
];

function randomInput(next: () => number): Buffer {
  if (next() < 0.4) return Buffer.from(Array.from({ length: Math.floor(next() * 48) }, () => Math.floor(next() * 256)));
  const bytes = Buffer.from(SEEDS[Math.floor(next() * SEEDS.length)]!);
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
  return next() < 0.3 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes;
}

function expectOnly<T>(errorClass: new (...args: never[]) => Error, fn: () => T, input: Buffer): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof errorClass)) throw new Error(`input ${input.toString('hex')} threw ${String(error)}`);
    expect((error as Error).message).toMatch(/^\[roam\] Failed to decode .+ \(at byte offset \d+\)\. /);
  }
}

test(`decodeGsup fed ${CASES} random and mutated inputs only throws GsupDecodeError`, () => {
  const next = prng(0x5eed_0001);
  let decoded = 0;
  for (let i = 0; i < CASES; i++) {
    const input = randomInput(next);
    expectOnly(GsupDecodeError, () => {
      const message = decodeGsup(input);
      decoded++;
      // Whatever decodes must encode again.
      encodeGsup(message);
    }, input);
  }
  // Mutations keep a fair share decodable, so the deep paths are exercised too.
  expect(decoded).toBeGreaterThan(CASES / 20);
});

test(`the IPA stream decoder fed ${CASES} random streams in random chunks only throws IpaDecodeError`, () => {
  const next = prng(0x5eed_0002);
  for (let i = 0; i < CASES; i++) {
    const input =
      next() < 0.5
        ? Buffer.from(Array.from({ length: Math.floor(next() * 64) }, () => Math.floor(next() * 256)))
        : Buffer.concat([encodeOsmoFrame(0x05, SEEDS[i % SEEDS.length]!), randomInput(next)]);
    const decoder = new IpaFrameDecoder();
    let at = 0;
    expectOnly(IpaDecodeError, () => {
      while (at < input.length) {
        const size = 1 + Math.floor(next() * 8);
        decoder.push(input.subarray(at, at + size));
        at += size;
      }
    }, input);
  }
});

test(`decodeCcm fed ${CASES} random payloads only throws IpaDecodeError`, () => {
  const next = prng(0x5eed_0003);
  const idResp = encodeCcm({ type: 'id-resp', entries: [{ tag: 8, value: '0/0/0' }, { tag: 0, value: 'VLR' }] });
  for (let i = 0; i < CASES; i++) {
    let input: Buffer;
    if (next() < 0.5) input = Buffer.from(Array.from({ length: Math.floor(next() * 24) }, () => Math.floor(next() * 256)));
    else {
      input = Buffer.from(idResp);
      input[Math.floor(next() * input.length)] = Math.floor(next() * 256);
      input = input.subarray(0, Math.floor(next() * (input.length + 1)));
    }
    expectOnly(IpaDecodeError, () => decodeCcm(input), input);
  }
});
