import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { CaseCounter, fuzzSettings } from '../../tests/support/fuzz.js';
import { GsupDecodeError, IpaDecodeError } from './codec-errors.js';
import { GsupClient } from '../../peers/gsup/gsup-client.js';
import { GsupConnectionError, GsupProtocolError, GsupTimeoutError } from '../../peers/gsup/gsup-errors.js';
import { GsupMessageType } from './gsup-message-types.js';
import { decodeGsup, encodeGsup } from './gsup.js';
import { IpaFrameDecoder, decodeCcm, encodeCcm, encodeOsmoFrame } from './ipa.js';
import { startFakeGsupServer } from '../../peers/gsup/test-support/fake-gsup-server.js';
import { SAMPLE_AUTH_TUPLE } from '../../peers/gsup/test-support/sample-auth-tuple.js';

// The GSUP and IPA decoders fed random and mutated bytes (fast-check): only
// their typed decode errors, each with a byte offset; and a GSUP peer that
// sends garbage gets a clear typed error, never a hang.

// Valid messages to mutate, so the fuzzing reaches past the first byte or two.
const SEEDS = [
  encodeGsup({
    type: GsupMessageType.SendAuthInfoResult,
    imsi: '901700000000001',
    authTuples: [SAMPLE_AUTH_TUPLE],
  }),
  encodeGsup({
    type: GsupMessageType.InsertSubscriberDataRequest,
    imsi: '901700000000001',
    msisdn: '4915550000001',
    pdpInfo: [{ contextId: 1, pdpType: 0x121, apn: 'internet' }],
    cnDomain: 'ps',
  }),
  encodeGsup({
    type: GsupMessageType.SendAuthInfoRequest,
    imsi: '26201123456789',
    rand: '00'.repeat(16),
    auts: 'ab'.repeat(14),
    numVectorsRequested: 5,
  }),
  encodeGsup({ type: GsupMessageType.CheckImeiRequest, imsi: '26201123456789', imei: '35693803564380', cancelType: 'update' }),
  encodeGsup({ type: GsupMessageType.UpdateLocationError, imsi: '26201123456789', cause: 0x0d }),
];
const ID_RESP = encodeCcm({
  type: 'id-resp',
  entries: [
    { tag: 8, value: '0/0/0' },
    { tag: 0, value: 'VLR' },
  ],
});

const randomBytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((a) => Buffer.from(a));

/** A valid input with one byte changed: mostly still decodable, so the deep paths are reached. */
function oneByteChanged(seeds: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([seed, at, value]) => {
    const bytes = Buffer.from(seed);
    bytes[at % bytes.length] = value;
    return bytes;
  });
}

/** A valid input with a few bytes overwritten, inserted or cut, and maybe truncated. */
function mutated(seeds: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.constantFrom('set', 'insert', 'delete'), fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([seed, edits, cut]) => {
      const bytes = [...seed];
      for (const [kind, at, value] of edits) {
        const i = at % (bytes.length + 1);
        if (kind === 'set' && i < bytes.length) bytes[i] = value;
        else if (kind === 'insert') bytes.splice(i, 0, value);
        else bytes.splice(i, 1);
      }
      return Buffer.from(cut === undefined ? bytes : bytes.slice(0, cut % (bytes.length + 1)));
    });
}

function expectOnly(errorClass: new (...args: never[]) => Error, fn: () => void, input: Buffer, counter: CaseCounter): void {
  try {
    fn();
    counter.saw('decoded');
  } catch (error) {
    if (!(error instanceof errorClass)) throw new Error(`input ${input.toString('hex')} threw ${String(error)}`);
    if (!/^\[roam\] Failed to decode .+ \(at byte offset \d+\)\. /.test(error.message)) throw new Error(`unclear error: ${error.message}`);
    counter.saw(errorClass.name);
  }
}

test('fuzz: decodeGsup fed random and mutated bytes only throws GsupDecodeError, and what decodes encodes again', async ({}, testInfo) => {
  const counter = new CaseCounter('GSUP decoder');
  fc.assert(
    fc.property(fc.oneof(randomBytes(64), mutated(SEEDS), oneByteChanged(SEEDS)), (input) => {
      counter.count++;
      expectOnly(GsupDecodeError, () => encodeGsup(decodeGsup(input)), input, counter);
    }),
    fuzzSettings(5_000),
  );
  counter.report(testInfo);
  // Mutations keep a fair share decodable, so the deep paths are exercised too.
  expect(counter.seen.get('decoded') ?? 0).toBeGreaterThan(counter.count / 20);
  expect(counter.seen.get('GsupDecodeError') ?? 0).toBeGreaterThan(counter.count / 4);
});

test('fuzz: the IPA stream decoder fed random streams in random chunks only throws IpaDecodeError', async ({}, testInfo) => {
  const counter = new CaseCounter('IPA stream decoder');
  const stream = fc.oneof(
    randomBytes(96),
    fc.tuple(fc.constantFrom(...SEEDS), mutated(SEEDS)).map(([seed, tail]) => Buffer.concat([encodeOsmoFrame(0x05, seed), tail])),
    mutated(SEEDS.map((seed) => encodeOsmoFrame(0x05, seed))),
  );
  fc.assert(
    fc.property(stream, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 16 }), (input, sizes) => {
      counter.count++;
      const decoder = new IpaFrameDecoder();
      expectOnly(
        IpaDecodeError,
        () => {
          for (let at = 0, i = 0; at < input.length; i++) {
            const size = sizes[i % sizes.length]!;
            decoder.push(input.subarray(at, at + size));
            at += size;
          }
        },
        input,
        counter,
      );
    }),
    fuzzSettings(3_000),
  );
  counter.report(testInfo);
  expect(counter.seen.get('IpaDecodeError') ?? 0).toBeGreaterThan(0);
});

test('fuzz: decodeCcm fed random and mutated payloads only throws IpaDecodeError', async ({}, testInfo) => {
  const counter = new CaseCounter('IPA CCM decoder');
  fc.assert(
    fc.property(fc.oneof(randomBytes(32), mutated([ID_RESP])), (input) => {
      counter.count++;
      expectOnly(IpaDecodeError, () => decodeCcm(input), input, counter);
    }),
    fuzzSettings(3_000),
  );
  counter.report(testInfo);
  expect(counter.seen.get('IpaDecodeError') ?? 0).toBeGreaterThan(0);
});

test('fuzz: a GSUP peer that answers with garbage or hangs up gets a typed error, never a hang', async ({}, testInfo) => {
  const counter = new CaseCounter('GSUP client vs a garbage-sending peer');
  await using server = await startFakeGsupServer();
  const IMSI = '901700000000001';
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(randomBytes(48), mutated(SEEDS.map((seed) => encodeOsmoFrame(0x05, seed)))),
      fc.boolean(),
      async (garbage, hangUp) => {
        counter.count++;
        await using client = await GsupClient.connect({ host: server.host, port: server.port, requestTimeoutMs: 300 });
        const hlr = await server.nextConnection();
        const pending = client.sendAuthInfo(IMSI).then(
          () => 'answered',
          (e: unknown) => e,
        );
        await hlr.waitFor(1);
        hlr.socket.write(garbage);
        if (hangUp) hlr.socket.end();
        const outcome = await pending;
        if (outcome === 'answered') return void counter.saw('answered');
        // A reject (a mutated error message) is fine too: it is a typed answer.
        const typed =
          [GsupProtocolError, GsupConnectionError, GsupTimeoutError].some((c) => outcome instanceof c) ||
          (outcome as Error).name === 'GsupRejectError';
        if (!typed) throw new Error(`garbage ${garbage.toString('hex')} gave ${String(outcome)}`);
        counter.saw((outcome as Error).constructor.name);
        expect((outcome as Error).message).toMatch(
          /^\[roam\] Failed to get auth vectors \(SendAuthInfo\) for subscriber sub_[0-9a-f]{16}: /,
        );
        expect((outcome as Error).message).not.toContain(IMSI);
      },
    ),
    fuzzSettings(60),
  );
  counter.report(testInfo);
  expect(counter.seen.get('GsupProtocolError') ?? 0).toBeGreaterThan(0);
});
