/**
 * Typed reading of decoded AVPs: find an AVP by its definition and read its
 * value as the definition's type, with a clear error (and the result code
 * an answer should carry) when it is missing or malformed.
 *
 * @module
 */
import { readLeaf, type AvpLeafValue } from './avp-types.js';
import type { AvpDefinition } from './dictionary.js';
import { DiameterDecodeError } from './errors.js';
import type { DecodedAvp } from './message.js';
import { RESULT_CODE, type DiameterResult } from './result-codes.js';
import { BASE } from './dictionary-base.js';

/** The first AVP of `def` among `avps`, or undefined. */
export function findAvp(avps: readonly DecodedAvp[], def: AvpDefinition): DecodedAvp | undefined {
  for (const a of avps) if (a.code === def.code && a.vendorId === def.vendorId) return a;
  return undefined;
}

/** Every AVP of `def` among `avps`, in order. */
export function findAvps(avps: readonly DecodedAvp[], def: AvpDefinition): DecodedAvp[] {
  const out: DecodedAvp[] = [];
  for (const a of avps) if (a.code === def.code && a.vendorId === def.vendorId) out.push(a);
  return out;
}

/**
 * The AVP of `def`, which must be present.
 *
 * @throws {DiameterDecodeError} with result code 5005 DIAMETER_MISSING_AVP.
 */
export function requireAvp(avps: readonly DecodedAvp[], def: AvpDefinition, where: string): DecodedAvp {
  const found = findAvp(avps, def);
  if (!found)
    throw new DiameterDecodeError(where, 0, `the mandatory AVP ${def.name} is missing`, {
      avpCode: def.code,
      vendorId: def.vendorId,
      resultCode: RESULT_CODE.DIAMETER_MISSING_AVP,
    });
  return found;
}

/** The value of a leaf AVP as its definition's type. */
export function readAvp(a: DecodedAvp, def: AvpDefinition): AvpLeafValue {
  return readLeaf(def.type, a.data, { code: a.code, vendorId: a.vendorId, offset: a.dataOffset });
}

/** The children of a grouped AVP (empty when it has none or is not grouped). */
export function childrenOf(a: DecodedAvp | undefined): readonly DecodedAvp[] {
  return a?.children ?? [];
}

/** An Unsigned32, Integer32 or Enumerated value, or undefined when absent. */
export function numberOf(avps: readonly DecodedAvp[], def: AvpDefinition): number | undefined {
  const a = findAvp(avps, def);
  return a === undefined ? undefined : (readAvp(a, def) as number);
}

/** A 64-bit value as a number (exact up to 2^53), or undefined when absent. */
export function bigNumberOf(avps: readonly DecodedAvp[], def: AvpDefinition): number | undefined {
  const a = findAvp(avps, def);
  if (a === undefined) return undefined;
  const value = readAvp(a, def);
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

/** A text value (UTF8String, DiameterIdentity, Address), or undefined when absent. */
export function textOf(avps: readonly DecodedAvp[], def: AvpDefinition): string | undefined {
  const a = findAvp(avps, def);
  return a === undefined ? undefined : (readAvp(a, def) as string);
}

/** An OctetString value (a view into the message), or undefined when absent. */
export function bytesOf(avps: readonly DecodedAvp[], def: AvpDefinition): Buffer | undefined {
  return findAvp(avps, def)?.data;
}

/** The text of a mandatory AVP. @throws {DiameterDecodeError} 5005 when missing. */
export function requireText(avps: readonly DecodedAvp[], def: AvpDefinition, where: string): string {
  return readAvp(requireAvp(avps, def, where), def) as string;
}

/** The number of a mandatory AVP. @throws {DiameterDecodeError} 5005 when missing. */
export function requireNumber(avps: readonly DecodedAvp[], def: AvpDefinition, where: string): number {
  return readAvp(requireAvp(avps, def, where), def) as number;
}

/**
 * The result of an answer: its Result-Code, or its Experimental-Result
 * (Vendor-Id and Experimental-Result-Code).
 *
 * @throws {DiameterDecodeError} 5005 when the answer has neither.
 */
export function resultOf(avps: readonly DecodedAvp[], where: string): DiameterResult {
  const code = numberOf(avps, BASE.ResultCode);
  if (code !== undefined) return { code };
  const experimental = findAvp(avps, BASE.ExperimentalResult);
  if (experimental) {
    const children = childrenOf(experimental);
    return { code: requireNumber(children, BASE.ExperimentalResultCode, where), vendorId: numberOf(children, BASE.VendorId) ?? 0 };
  }
  throw new DiameterDecodeError(where, 0, 'the answer has neither a Result-Code nor an Experimental-Result', {
    avpCode: BASE.ResultCode.code,
    resultCode: RESULT_CODE.DIAMETER_MISSING_AVP,
  });
}
