/**
 * fast-check arbitraries of Diameter messages: random trees of dictionary
 * AVPs of every type (grouped ones nested) and AVPs no dictionary knows.
 *
 * @module
 */
import fc from 'fast-check';
import type { AvpLeafValue } from '../avp-types.js';
import { BASE } from '../dictionary-base.js';
import { CREDIT_CONTROL as CC } from '../dictionary-credit-control.js';
import { S6A } from '../dictionary-s6a.js';
import type { AvpDefinition } from '../dictionary.js';
import { avp, type AnyAvpInput, type RawAvpInput } from '../message.js';

const LEAVES: readonly AvpDefinition[] = [
  BASE.OriginHost,
  BASE.ResultCode,
  BASE.EventTimestamp,
  BASE.HostIpAddress,
  BASE.ErrorMessage,
  CC.CcTotalOctets,
  CC.CcRequestType,
  S6A.Rand,
  S6A.QosClassIdentifier,
];
const GROUPS: readonly AvpDefinition[] = [BASE.VendorSpecificApplicationId, CC.MultipleServicesCreditControl, S6A.SubscriptionData];

function valueFor(def: AvpDefinition): fc.Arbitrary<AvpLeafValue> {
  switch (def.type) {
    case 'Unsigned32':
      return fc.nat({ max: 0xffff_ffff });
    case 'Enumerated':
      return fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff });
    case 'Unsigned64':
      return fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });
    case 'Time':
      // The 32-bit NTP seconds of RFC 6733 with SNTP's era rule: 1968-01-20 to 2104-02-26.
      return fc.integer({ min: 2 ** 31 - 2_208_988_800, max: 2 ** 32 + 2 ** 31 - 1 - 2_208_988_800 }).map((s) => s * 1000);
    case 'Address':
      return fc.oneof(fc.ipV4(), fc.ipV6());
    case 'OctetString':
      return fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
    default:
      // Mostly ASCII, sometimes characters of two, three and four UTF-8 bytes.
      return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Zürich €', 'mme.𝄞.example', 'ĀĒĪŌŪ'));
  }
}

const leaf: fc.Arbitrary<AnyAvpInput> = fc.oneof(
  fc.constantFrom(...LEAVES).chain((def) => valueFor(def).map((value) => avp(def, value))),
  // AVPs no dictionary knows: passed on as bytes, vendor or not.
  fc
    .record({
      code: fc.integer({ min: 60_000, max: 70_000 }),
      vendorId: fc.constantFrom(0, 9, 10415),
      mandatory: fc.boolean(),
      data: fc.uint8Array({ maxLength: 20 }),
    })
    .map(({ code, vendorId, mandatory, data }): RawAvpInput => ({ code, vendorId, flags: mandatory ? 0x40 : 0, data: Buffer.from(data) })),
);

/** One AVP, grouped ones with up to four children each. */
export const avpTree = fc.letrec<{ avp: AnyAvpInput }>((tie) => ({
  avp: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...GROUPS), fc.array(tie('avp'), { maxLength: 4 })).map(([def, children]) => avp(def, children)),
  ),
})).avp;

/** A message: header fields and a list of AVP trees. */
export const diameterMessage = fc.record({
  request: fc.boolean(),
  commandCode: fc.integer({ min: 0, max: 0xff_ffff }),
  applicationId: fc.nat({ max: 0xffff_ffff }),
  hopByHopId: fc.nat({ max: 0xffff_ffff }),
  endToEndId: fc.nat({ max: 0xffff_ffff }),
  avps: fc.array(avpTree, { maxLength: 8 }),
});
