import { test, expect } from '@playwright/test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CaseCounter, fuzzSettings } from '../../tests/support/fuzz.js';
import { diameterMessage } from './test-support/arbitraries.js';
import { readAvp } from './avp-access.js';
import { decodeMessage } from './decode.js';
import { BASE } from './dictionary-base.js';
import { CREDIT_CONTROL as CC } from './dictionary-credit-control.js';
import { S6A } from './dictionary-s6a.js';
import { encodeMessage } from './encode.js';
import { DiameterDecodeError, DiameterEncodeError } from './errors.js';
import { COMMAND_FLAG, avp, type AnyAvpInput, type DecodedAvp, type RawAvpInput } from './message.js';

// Encode/decode round trips of random messages built from dictionary AVPs of
// every type (grouped ones nested), and decode of random and mutated bytes:
// only typed decode errors, each naming an offset. Inside properties the
// checks use node:assert: Playwright's expect records a step per call, too
// slow for thousands of cases.

// A decoded AVP as input again, so the decoded tree can be encoded and compared byte for byte.
function asInput(a: DecodedAvp): RawAvpInput {
  return { code: a.code, vendorId: a.vendorId, flags: a.flags, data: a.children ? a.children.map(asInput) : a.data };
}

test('encode then decode gives back every AVP, value and header field, byte for byte', ({}, testInfo) => {
  const counter = new CaseCounter('diameter round trip');
  fc.assert(
    fc.property(diameterMessage, (m) => {
      counter.count++;
      const header = {
        flags: m.request ? COMMAND_FLAG.request | COMMAND_FLAG.proxiable : 0,
        commandCode: m.commandCode,
        applicationId: m.applicationId,
        hopByHopId: m.hopByHopId,
        endToEndId: m.endToEndId,
      };
      const bytes = encodeMessage({ ...header, avps: m.avps });
      assert.equal(bytes.length % 4, 0);
      const decoded = decodeMessage(bytes);
      assert.deepEqual({ ...decoded, avps: undefined }, { ...header, length: bytes.length, avps: undefined });
      assert.ok(encodeMessage({ ...header, avps: decoded.avps.map(asInput) }).equals(bytes));
      checkValues(m.avps, decoded.avps);
    }),
    fuzzSettings(400),
  );
  counter.report(testInfo);
  expect(counter.count).toBeGreaterThan(20);
});

function checkValues(inputs: readonly AnyAvpInput[], decoded: readonly DecodedAvp[]): void {
  assert.equal(decoded.length, inputs.length);
  inputs.forEach((input, i) => {
    const out = decoded[i]!;
    if (!('def' in input)) {
      assert.deepEqual([out.code, out.vendorId], [input.code, input.vendorId]);
      if (!Array.isArray(input.data)) assert.ok(out.data.equals(input.data as Buffer));
      return;
    }
    assert.deepEqual(
      [out.code, out.vendorId, out.flags],
      [input.def.code, input.def.vendorId, (input.def.vendorId ? 0x80 : 0) | (input.def.mandatory ? 0x40 : 0)],
    );
    if (input.def.type === 'Grouped') return checkValues(input.value as AnyAvpInput[], out.children!);
    const value = readAvp(out, input.def);
    if (input.def.type === 'Time') assert.equal(value, Math.floor((input.value as number) / 1000) * 1000);
    else if (input.def.type === 'Unsigned64') assert.equal(value, BigInt(input.value as bigint));
    else if (input.def.type === 'Address') assert.equal(typeof value, 'string');
    else assert.deepEqual(value, input.value);
  });
}

const SEED = encodeMessage({
  flags: COMMAND_FLAG.request,
  commandCode: 316,
  applicationId: 16777251,
  hopByHopId: 7,
  endToEndId: 9,
  avps: [
    avp(BASE.SessionId, 'mme.example;1;2'),
    avp(BASE.VendorSpecificApplicationId, [avp(BASE.VendorId, 10415), avp(BASE.AuthApplicationId, 16777251)]),
    avp(BASE.OriginHost, 'mme.example'),
    avp(S6A.VisitedPlmnId, Buffer.from('02f810', 'hex')),
    avp(CC.MultipleServicesCreditControl, [avp(CC.UsedServiceUnit, [avp(CC.CcTotalOctets, 1234n)]), avp(CC.RatingGroup, 3)]),
  ],
});

test('random and mutated bytes end in a DiameterDecodeError naming an offset, never anything else', ({}, testInfo) => {
  const counter = new CaseCounter('diameter decode of garbage');
  const mutatedSeed = fc
    .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.option(fc.nat()))
    .map(([edits, cut]) => {
      const bytes = Buffer.from(SEED);
      for (const [at, value] of edits) bytes[at % bytes.length] = value;
      return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
    });
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
        mutatedSeed,
      ),
      (bytes) => {
        counter.count++;
        try {
          decodeMessage(bytes);
          counter.saw('decoded');
        } catch (error) {
          assert.ok(error instanceof DiameterDecodeError, String(error));
          assert.ok(error.offset >= 0 && error.offset <= Math.max(bytes.length, 20), `offset ${error.offset}`);
          assert.match(error.message, /^\[roam\] Failed to decode .*at byte offset \d+/);
          counter.saw(`error ${error.resultCode}`);
        }
      },
    ),
    fuzzSettings(2000),
  );
  counter.report(testInfo);
  expect(counter.seen.get('decoded') ?? 0).toBeGreaterThan(0);
});

test('an AVP running past the message names the AVP and offset, with result code 5014', () => {
  const bytes = Buffer.from(SEED);
  // The Origin-Host AVP header starts after the header (20), Session-Id (8+15+1) and the VSAI (8+24).
  const originHost = 20 + 24 + 32;
  expect(bytes.readUInt32BE(originHost)).toBe(264);
  bytes.writeUIntBE(4000, originHost + 5, 3);
  const error = (() => {
    try {
      decodeMessage(bytes);
    } catch (e) {
      return e as DiameterDecodeError;
    }
  })();
  expect(error).toBeInstanceOf(DiameterDecodeError);
  expect(error).toMatchObject({ avpCode: 264, offset: originHost + 5, resultCode: 5014, fatal: false });
});

test('a fixed-length AVP of the wrong length is refused at decode, naming it', () => {
  const bytes = encodeMessage({
    flags: 0,
    commandCode: 280,
    applicationId: 0,
    hopByHopId: 1,
    endToEndId: 1,
    avps: [{ code: BASE.ResultCode.code, vendorId: 0, flags: 0x40, data: Buffer.from([0, 0, 7, 0xd1, 0]) }],
  });
  expect(() => decodeMessage(bytes)).toThrow(/Result-Code is a Unsigned32 of 4 bytes, this one has 5 .*AVP 268/);
});

test('values out of their type are refused at encode, naming the AVP', () => {
  const header = { flags: 0, commandCode: 280, applicationId: 0, hopByHopId: 1, endToEndId: 1 };
  expect(() => encodeMessage({ ...header, avps: [avp(BASE.ResultCode, -1)] })).toThrow(DiameterEncodeError);
  expect(() => encodeMessage({ ...header, avps: [avp(BASE.ResultCode, 2 ** 32)] })).toThrow(/Result-Code/);
  expect(() => encodeMessage({ ...header, avps: [avp(BASE.HostIpAddress, 'not-an-ip')] })).toThrow(/Host-IP-Address/);
  expect(() => encodeMessage({ ...header, avps: [avp(BASE.EventTimestamp, Date.UTC(1960, 0, 1))] })).toThrow(/Event-Timestamp.*1968/);
  expect(() => encodeMessage({ ...header, avps: [avp(BASE.OriginHost, [])] })).toThrow(/Origin-Host/);
  expect(() => encodeMessage({ ...header, commandCode: 2 ** 24, avps: [] })).toThrow(/commandCode/);
});
