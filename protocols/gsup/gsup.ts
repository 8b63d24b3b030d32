/**
 * GSUP (Osmocom's Generic Subscriber Update Protocol) message codec: one
 * message-type byte, the IMSI IE, then TLV IEs. This is the payload of an IPA
 * frame with protocol 0xEE and extension byte 0x05 (see `encodeOsmoFrame`).
 *
 * @see https://osmocom.org/projects/cellular-infrastructure/wiki/GSUP
 * @module
 */
import { GsupDecodeError, GsupEncodeError } from './codec-errors.js';
import { decodeAuthTuple, encodeAuthTuple, type GsupAuthTuple } from './gsup-auth-tuple.js';
import { GsupIe, describeGsupIe } from './gsup-ies.js';
import { gsupMessageTypeName, isKnownGsupMessageType } from './gsup-message-types.js';
import { decodePdpInfo, encodePdpInfo, type GsupPdpInfo } from './gsup-pdp-info.js';
import { hexField } from './hex-field.js';
import { decodeTbcd, encodeTbcd } from './tbcd.js';
import { expectLength, pushTlv, readTlvs, type GsupTlv } from './tlv.js';

export type { GsupAuthTuple } from './gsup-auth-tuple.js';
export type { GsupPdpInfo } from './gsup-pdp-info.js';

/** The core network domain a request is about: packet (SGSN) or circuit (MSC/VLR). */
export type GsupCnDomain = 'ps' | 'cs';

/** Why a LocationCancel was sent: the subscriber moved (`update`) or lost its subscription (`withdraw`). */
export type GsupCancelType = 'update' | 'withdraw';

/** An IE this codec has no field for, kept so nothing is lost. */
export interface GsupRawIe {
  readonly tag: number;
  /** Lowercase hex. */
  readonly value: string;
}

/**
 * One GSUP message. Binary values are lowercase hex strings; numbers
 * (IMSI, MSISDN, IMEI) are digit strings.
 */
export interface GsupMessage {
  /** Message type byte, see `GsupMessageType`. */
  readonly type: number;
  readonly imsi: string;
  /** GMM cause of an error message, see `GsupCause`. */
  readonly cause?: number;
  readonly authTuples?: readonly GsupAuthTuple[];
  readonly pdpInfoComplete?: boolean;
  readonly pdpInfo?: readonly GsupPdpInfo[];
  /** Top-level PDP context ids, as DeleteSubscriberData uses them. */
  readonly pdpContextIds?: readonly number[];
  readonly cancelType?: GsupCancelType;
  readonly freezePtmsi?: boolean;
  readonly msisdn?: string;
  /** RAND of a resynchronisation request (sent with {@link GsupMessage.auts}). */
  readonly rand?: string;
  /** AUTS from the USIM, 14 bytes. */
  readonly auts?: string;
  readonly cnDomain?: GsupCnDomain;
  readonly imei?: string;
  readonly imeiResult?: 'ack' | 'nack';
  /** How many vectors a SendAuthInfo asks for (osmo-hlr default and maximum: 5). */
  readonly numVectorsRequested?: number;
  /** IPA name of the sender, when a proxy routes the message. */
  readonly sourceName?: string;
  /** IPA name of the receiver, when a proxy routes the message. */
  readonly destinationName?: string;
  /** IEs without a field above, in the order received; encoded last. */
  readonly otherIes?: readonly GsupRawIe[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Encodes a GSUP message (without IPA framing).
 *
 * @throws {GsupEncodeError} when a field is out of range.
 * @example
 * ```ts
 * const bytes = encodeGsup({ type: GsupMessageType.SendAuthInfoRequest, imsi: '901700000000001', numVectorsRequested: 2 });
 * ```
 */
export function encodeGsup(message: GsupMessage): Buffer {
  if (!Number.isInteger(message.type) || message.type < 1 || message.type > 0xff) {
    throw new GsupEncodeError('type', `${message.type} is not a message type byte`, 'a GsupMessageType value');
  }
  if (!/^\d{1,15}$/.test(message.imsi)) {
    // The value is not shown: a mistyped IMSI is still someone's identity.
    throw new GsupEncodeError(
      'imsi',
      `the IMSI (${String(message.imsi).length} characters) is not 1 to 15 digits`,
      'an IMSI of up to 15 decimal digits',
    );
  }
  const parts: Buffer[] = [Buffer.from([message.type])];
  pushTlv(parts, GsupIe.Imsi, encodeTbcd(message.imsi, 'imsi', 'digits'), 'imsi');
  if (message.msisdn !== undefined)
    pushTlv(parts, GsupIe.Msisdn, lengthPrefixed(encodeTbcd(message.msisdn, 'msisdn', 'dialled')), 'msisdn');
  if (message.cause !== undefined) pushTlv(parts, GsupIe.Cause, [byte(message.cause, 'cause')], 'cause');
  if (message.cancelType !== undefined) pushTlv(parts, GsupIe.CancelType, [message.cancelType === 'withdraw' ? 1 : 0], 'cancelType');
  if (message.pdpInfoComplete) pushTlv(parts, GsupIe.PdpInfoComplete, [], 'pdpInfoComplete');
  if (message.freezePtmsi) pushTlv(parts, GsupIe.FreezePtmsi, [], 'freezePtmsi');
  message.pdpInfo?.forEach((info, i) => pushTlv(parts, GsupIe.PdpInfo, encodePdpInfo(info, `pdpInfo[${i}]`), `pdpInfo[${i}]`));
  message.pdpContextIds?.forEach((id, i) => pushTlv(parts, GsupIe.PdpContextId, [byte(id, `pdpContextIds[${i}]`)], `pdpContextIds[${i}]`));
  message.authTuples?.forEach((t, i) => pushTlv(parts, GsupIe.AuthTuple, encodeAuthTuple(t, `authTuples[${i}]`), `authTuples[${i}]`));
  if (message.auts !== undefined) pushTlv(parts, GsupIe.Auts, hexField(message.auts, 'auts', [14]), 'auts');
  if (message.rand !== undefined) pushTlv(parts, GsupIe.Rand, hexField(message.rand, 'rand', [16]), 'rand');
  if (message.cnDomain !== undefined) pushTlv(parts, GsupIe.CnDomain, [message.cnDomain === 'cs' ? 2 : 1], 'cnDomain');
  if (message.imei !== undefined) pushTlv(parts, GsupIe.Imei, lengthPrefixed(encodeTbcd(message.imei, 'imei', 'digits')), 'imei');
  if (message.imeiResult !== undefined) pushTlv(parts, GsupIe.ImeiResult, [message.imeiResult === 'nack' ? 1 : 0], 'imeiResult');
  if (message.numVectorsRequested !== undefined) {
    pushTlv(parts, GsupIe.NumVectorsRequested, [byte(message.numVectorsRequested, 'numVectorsRequested')], 'numVectorsRequested');
  }
  if (message.sourceName !== undefined) pushTlv(parts, GsupIe.SourceName, ipaName(message.sourceName), 'sourceName');
  if (message.destinationName !== undefined) pushTlv(parts, GsupIe.DestinationName, ipaName(message.destinationName), 'destinationName');
  message.otherIes?.forEach((ie, i) =>
    pushTlv(parts, byte(ie.tag, `otherIes[${i}].tag`), hexField(ie.value, `otherIes[${i}].value`, [0, 255], true), `otherIes[${i}]`),
  );
  return Buffer.concat(parts);
}

/**
 * Decodes a GSUP message (the bytes after the IPA extension byte 0x05).
 * Rejects an unknown message type, a missing or malformed IMSI, IEs that run
 * past the end, and known IEs with a wrong length or value; unknown IEs are
 * kept in `otherIes`.
 *
 * @throws {GsupDecodeError} naming the problem and its byte offset.
 * @example
 * ```ts
 * const message = decodeGsup(data);
 * if (message.type === GsupMessageType.SendAuthInfoResult) use(message.authTuples);
 * ```
 */
export function decodeGsup(bytes: Uint8Array): GsupMessage {
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length === 0) throw new GsupDecodeError(0, 'the message is empty, the message type is missing');
  const type = data[0]!;
  if (!isKnownGsupMessageType(type)) throw new GsupDecodeError(0, `message type ${gsupMessageTypeName(type)} is not a GSUP message type`);
  const ies = readTlvs(data, 1, data.length, 'the message');
  const first = ies[0];
  if (!first || first.tag !== GsupIe.Imsi) {
    throw new GsupDecodeError(1, `the first IE must be the IMSI (0x01), found ${first ? describeGsupIe(first.tag) : 'nothing'}`);
  }
  if (first.value.length === 0 || first.value.length > 8)
    throw new GsupDecodeError(1, `the IMSI IE is ${first.value.length} bytes long, expected 1 to 8`);
  const imsi = decodeTbcd(data, 3, 3 + first.value.length, 'IMSI', 'digits');
  if (imsi.length > 15)
    throw new GsupDecodeError(3, `the IMSI has ${imsi.length} digits, at most 15 are allowed (is the F filler missing?)`);
  const message: Mutable<GsupMessage> = { type, imsi };
  for (const ie of ies.slice(1)) decodeIe(data, ie, message);
  return message;
}

function decodeIe(data: Buffer, ie: GsupTlv, message: Mutable<GsupMessage>): void {
  switch (ie.tag) {
    case GsupIe.Imsi:
      throw new GsupDecodeError(ie.at, 'a second IMSI IE');
    case GsupIe.Cause:
      expectLength(ie, 'Cause', [1]);
      message.cause = ie.value[0]!;
      return;
    case GsupIe.AuthTuple:
      message.authTuples = [...(message.authTuples ?? []), decodeAuthTuple(data, ie)];
      return;
    case GsupIe.PdpInfoComplete:
      expectLength(ie, 'PDP info complete', [0]);
      message.pdpInfoComplete = true;
      return;
    case GsupIe.PdpInfo:
      message.pdpInfo = [...(message.pdpInfo ?? []), decodePdpInfo(data, ie)];
      return;
    case GsupIe.PdpContextId:
      expectLength(ie, 'PDP context id', [1]);
      message.pdpContextIds = [...(message.pdpContextIds ?? []), ie.value[0]!];
      return;
    case GsupIe.CancelType:
      message.cancelType = enumByte(ie, 'Cancel type', ['update', 'withdraw'] as const);
      return;
    case GsupIe.FreezePtmsi:
      expectLength(ie, 'Freeze P-TMSI', [0]);
      message.freezePtmsi = true;
      return;
    case GsupIe.Msisdn:
      message.msisdn = lengthPrefixedTbcd(data, ie, 'MSISDN', 'dialled');
      return;
    case GsupIe.Rand:
      expectLength(ie, 'RAND', [16]);
      message.rand = ie.value.toString('hex');
      return;
    case GsupIe.Auts:
      expectLength(ie, 'AUTS', [14]);
      message.auts = ie.value.toString('hex');
      return;
    case GsupIe.CnDomain:
      message.cnDomain = enumByte(ie, 'CN domain', [undefined, 'ps', 'cs'] as const);
      return;
    case GsupIe.Imei:
      message.imei = lengthPrefixedTbcd(data, ie, 'IMEI', 'digits');
      return;
    case GsupIe.ImeiResult:
      message.imeiResult = enumByte(ie, 'IMEI result', ['ack', 'nack'] as const);
      return;
    case GsupIe.NumVectorsRequested:
      expectLength(ie, 'Number of vectors', [1]);
      message.numVectorsRequested = ie.value[0]!;
      return;
    case GsupIe.SourceName:
      message.sourceName = ipaNameText(ie.value);
      return;
    case GsupIe.DestinationName:
      message.destinationName = ipaNameText(ie.value);
      return;
    default:
      message.otherIes = [...(message.otherIes ?? []), { tag: ie.tag, value: ie.value.toString('hex') }];
  }
}

// A one-byte IE whose value indexes `values`; holes and values past the end are errors.
function enumByte<T extends string>(ie: GsupTlv, what: string, values: readonly (T | undefined)[]): T {
  expectLength(ie, what, [1]);
  const value = values[ie.value[0]!];
  if (value === undefined) throw new GsupDecodeError(ie.at + 2, `${what} value ${ie.value[0]} is not defined`);
  return value;
}

// MSISDN and IMEI IEs hold a TS 24.008 BCD number: its own length byte, then TBCD (no TON/NPI).
function lengthPrefixedTbcd(data: Buffer, ie: GsupTlv, what: string, charset: 'digits' | 'dialled'): string {
  if (ie.value.length === 0) throw new GsupDecodeError(ie.at, `the ${what} IE is empty, its inner length byte is missing`);
  const inner = ie.value[0]!;
  if (inner !== ie.value.length - 1) {
    throw new GsupDecodeError(ie.at + 2, `the ${what} says ${inner} digit bytes follow but the IE holds ${ie.value.length - 1}`);
  }
  return decodeTbcd(data, ie.at + 3, ie.at + 2 + ie.value.length, what, charset);
}

function lengthPrefixed(value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([value.length]), value]);
}

// osmo-hlr stores IPA names with their terminating NUL and compares them that way.
function ipaName(name: string): Buffer {
  return Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0])]);
}

function ipaNameText(value: Buffer): string {
  const end = value.indexOf(0);
  return value.subarray(0, end === -1 ? value.length : end).toString('utf8');
}

function byte(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff)
    throw new GsupEncodeError(field, `${value} is not a byte`, 'an integer from 0 to 255');
  return value;
}
