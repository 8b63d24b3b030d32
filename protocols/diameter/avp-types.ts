/**
 * The basic and derived AVP data formats of RFC 6733 §4.2–4.3: how each
 * typed value is laid out in an AVP's data, with no object per value beyond
 * the value itself (the codec is on the hot path of load runs).
 *
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';
import { DECODE_RESULT, DiameterDecodeError, DiameterEncodeError } from './errors.js';

/** The AVP data formats this codec knows. `Enumerated` is an Integer32 with named values. */
export type AvpType =
  | 'OctetString'
  | 'UTF8String'
  | 'DiameterIdentity'
  | 'DiameterURI'
  | 'Unsigned32'
  | 'Unsigned64'
  | 'Integer32'
  | 'Integer64'
  | 'Float32'
  | 'Float64'
  | 'Enumerated'
  | 'Address'
  | 'Time'
  | 'Grouped';

/**
 * A value of a leaf AVP as callers give and get it: bytes for OctetString,
 * text for the string types and Address (`"127.0.0.1"`, `"::1"`), a number
 * for the 32-bit and float types, a bigint (or a safe integer number, when
 * encoding) for the 64-bit types, and milliseconds since the epoch for Time
 * (whole seconds on the wire).
 */
export type AvpLeafValue = Uint8Array | string | number | bigint;

/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_TO_UNIX = 2_208_988_800;
const TWO_32 = 0x1_0000_0000;

/** The fixed data length of a type, or -1 when it varies. */
export function fixedLength(type: AvpType): number {
  switch (type) {
    case 'Unsigned32':
    case 'Integer32':
    case 'Enumerated':
    case 'Float32':
    case 'Time':
      return 4;
    case 'Unsigned64':
    case 'Integer64':
    case 'Float64':
      return 8;
    default:
      return -1;
  }
}

/** The data length of `value` as `type`, checking that it is of the type. */
export function leafLength(type: AvpType, value: AvpLeafValue, field: string): number {
  const fixed = fixedLength(type);
  if (fixed > 0) {
    checkNumber(type, value, field);
    return fixed;
  }
  if (type === 'OctetString') {
    if (!(value instanceof Uint8Array))
      throw new DiameterEncodeError(field, `the value is ${typeof value}, not bytes`, 'a Buffer or Uint8Array');
    return value.length;
  }
  if (type === 'Address') return addressBytes(value, field).length;
  if (typeof value !== 'string') throw new DiameterEncodeError(field, `the value is ${typeof value}, not text`, `a string for a ${type}`);
  return Buffer.byteLength(value, 'utf8');
}

/** Writes `value` as `type` at `offset` of `out` (its length already checked by {@link leafLength}). */
export function writeLeaf(type: AvpType, value: AvpLeafValue, out: Buffer, offset: number, field: string): void {
  switch (type) {
    case 'Unsigned32':
      out.writeUInt32BE(value as number, offset);
      return;
    case 'Integer32':
    case 'Enumerated':
      out.writeInt32BE(value as number, offset);
      return;
    case 'Unsigned64':
      out.writeBigUInt64BE(BigInt(value as number | bigint), offset);
      return;
    case 'Integer64':
      out.writeBigInt64BE(BigInt(value as number | bigint), offset);
      return;
    case 'Float32':
      out.writeFloatBE(value as number, offset);
      return;
    case 'Float64':
      out.writeDoubleBE(value as number, offset);
      return;
    case 'Time': {
      const seconds = Math.floor((value as number) / 1000) + NTP_TO_UNIX;
      out.writeUInt32BE(seconds % TWO_32, offset);
      return;
    }
    case 'OctetString':
      out.set(value as Uint8Array, offset);
      return;
    case 'Address':
      addressBytes(value, field).copy(out, offset);
      return;
    default:
      out.write(value as string, offset, 'utf8');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the data of an AVP as `type`.
 *
 * @param at the AVP's code and vendor and the data's offset in the message, for errors.
 */
export function readLeaf(type: AvpType, data: Buffer, at: { code: number; vendorId: number; offset: number }): AvpLeafValue {
  const fixed = fixedLength(type);
  if (fixed > 0 && data.length !== fixed)
    throw invalid(at, `a ${type} holds ${fixed} bytes, this one ${data.length}`, DECODE_RESULT.invalidAvpLength);
  switch (type) {
    case 'Unsigned32':
      return data.readUInt32BE(0);
    case 'Integer32':
    case 'Enumerated':
      return data.readInt32BE(0);
    case 'Unsigned64':
      return data.readBigUInt64BE(0);
    case 'Integer64':
      return data.readBigInt64BE(0);
    case 'Float32':
      return data.readFloatBE(0);
    case 'Float64':
      return data.readDoubleBE(0);
    case 'Time': {
      const ntp = data.readUInt32BE(0);
      // RFC 6733 §4.3.1 follows SNTP: with the top bit clear, the time is after the 2036 wrap.
      return ((ntp >= 0x8000_0000 ? ntp : ntp + TWO_32) - NTP_TO_UNIX) * 1000;
    }
    case 'OctetString':
      return data;
    case 'Address':
      return addressText(data, at);
    default:
      try {
        return utf8.decode(data);
      } catch {
        throw invalid(at, `the ${type} is not valid UTF-8`, DECODE_RESULT.invalidAvpValue);
      }
  }
}

function invalid(at: { code: number; vendorId: number; offset: number }, cause: string, resultCode: number): DiameterDecodeError {
  return new DiameterDecodeError('Diameter AVP value', at.offset, cause, { avpCode: at.code, vendorId: at.vendorId, resultCode });
}

function checkNumber(type: AvpType, value: AvpLeafValue, field: string): void {
  if (type === 'Float32' || type === 'Float64') {
    if (typeof value !== 'number') throw new DiameterEncodeError(field, `the value is ${typeof value}`, 'a number');
    return;
  }
  if (type === 'Time') {
    // With SNTP's era rule (RFC 6733 §4.3.1) 32 bits reach from 1968-01-20 to 2104-02-26.
    const ntp = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value / 1000) + NTP_TO_UNIX : NaN;
    if (!(ntp >= 0x8000_0000 && ntp < TWO_32 + 0x8000_0000))
      throw new DiameterEncodeError(
        field,
        `the value ${String(value)} is not a time Diameter can carry`,
        'milliseconds since the epoch between 1968-01-20 and 2104-02-26',
      );
    return;
  }
  const [min, max] = RANGES[type as keyof typeof RANGES];
  const big = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (big === undefined || big < min || big > max)
    throw new DiameterEncodeError(field, `the value ${String(value)} is not a ${type}`, `an integer from ${min} to ${max}`);
  if ((type === 'Unsigned32' || type === 'Integer32' || type === 'Enumerated') && typeof value !== 'number')
    throw new DiameterEncodeError(field, 'the value is a bigint', `a number for a ${type}`);
}

const RANGES = {
  Unsigned32: [0n, 0xffff_ffffn],
  Integer32: [-0x8000_0000n, 0x7fff_ffffn],
  Enumerated: [-0x8000_0000n, 0x7fff_ffffn],
  Unsigned64: [0n, 0xffff_ffff_ffff_ffffn],
  Integer64: [-0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn],
} as const;

/** Address data: a 2-byte IANA address family (1 IPv4, 2 IPv6) and the address (RFC 6733 §4.3.1). */
function addressBytes(value: AvpLeafValue, field: string): Buffer {
  if (typeof value === 'string' && isIPv4(value)) {
    const out = Buffer.alloc(6);
    out.writeUInt16BE(1, 0);
    value.split('.').forEach((part, i) => (out[2 + i] = Number(part)));
    return out;
  }
  if (typeof value === 'string' && isIPv6(value)) {
    const out = Buffer.alloc(18);
    out.writeUInt16BE(2, 0);
    ipv6Groups(value).forEach((group, i) => out.writeUInt16BE(group, 2 + 2 * i));
    return out;
  }
  throw new DiameterEncodeError(
    field,
    `${JSON.stringify(value)} is not an IP address`,
    'an IPv4 or IPv6 address as text, e.g. "127.0.0.1"',
  );
}

// Expands "::" and a trailing dotted quad into eight 16-bit groups.
function ipv6Groups(text: string): number[] {
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hex = quad
    ? `${text.slice(0, quad.index)}${((Number(quad[1]) << 8) | Number(quad[2])).toString(16)}:${((Number(quad[3]) << 8) | Number(quad[4])).toString(16)}`
    : text;
  const [left, right] = hex.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const l = parse(left);
  const r = right === undefined ? [] : parse(right);
  return [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
}

function addressText(data: Buffer, at: { code: number; vendorId: number; offset: number }): string {
  if (data.length < 2) throw invalid(at, `an Address holds at least 2 bytes, this one ${data.length}`, DECODE_RESULT.invalidAvpLength);
  const family = data.readUInt16BE(0);
  if (family === 1 && data.length === 6) return `${data[2]}.${data[3]}.${data[4]}.${data[5]}`;
  if (family === 2 && data.length === 18) {
    const groups: string[] = [];
    for (let i = 0; i < 8; i++) groups.push(data.readUInt16BE(2 + 2 * i).toString(16));
    return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
  }
  throw invalid(
    at,
    `address family ${family} with ${data.length - 2} address bytes is neither IPv4 (1, 4 bytes) nor IPv6 (2, 16 bytes)`,
    DECODE_RESULT.invalidAvpValue,
  );
}
