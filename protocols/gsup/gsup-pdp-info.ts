/**
 * The PDP Info IE (0x05) of Insert Subscriber Data: one PDP context the
 * subscriber may use, as nested IEs (context id 0x10, PDP type 0x11, APN
 * 0x12, QoS 0x13, charging characteristics 0x14).
 *
 * @module
 */
import { GsupDecodeError, GsupEncodeError } from './codec-errors.js';
import { GsupIe, describeGsupIe } from './gsup-ies.js';
import { hexField } from './hex-field.js';
import { expectLength, pushTlv, readTlvs, type GsupTlv } from './tlv.js';

/** One PDP context subscription. */
export interface GsupPdpInfo {
  readonly contextId: number;
  /** PDP type organisation and number, e.g. 0x0121 for IPv4 (IETF). On the wire with 0xF000 set. */
  readonly pdpType?: number;
  /** Access point name as dotted text; osmo-hlr sends the wildcard `*`. */
  readonly apn?: string;
  /** QoS profile, hex, as stored by the HLR. */
  readonly qos?: string;
  /** PDP charging characteristics, hex. */
  readonly chargingCharacteristics?: string;
}

/** The value of a PDP Info IE. @param field e.g. `pdpInfo[0]`, for errors. */
export function encodePdpInfo(info: GsupPdpInfo, field: string): Buffer {
  const parts: Buffer[] = [];
  if (!Number.isInteger(info.contextId) || info.contextId < 0 || info.contextId > 0xff) {
    throw new GsupEncodeError(`${field}.contextId`, `${info.contextId} is not a byte`, 'an integer from 0 to 255');
  }
  pushTlv(parts, GsupIe.PdpContextId, Buffer.from([info.contextId]), `${field}.contextId`);
  if (info.pdpType !== undefined) {
    if (!Number.isInteger(info.pdpType) || info.pdpType < 0 || info.pdpType > 0x0fff) {
      throw new GsupEncodeError(`${field}.pdpType`, `${info.pdpType} does not fit in 12 bits`, 'organisation << 8 | number, e.g. 0x0121');
    }
    const type = Buffer.alloc(2);
    type.writeUInt16BE(0xf000 | info.pdpType);
    pushTlv(parts, GsupIe.PdpType, type, `${field}.pdpType`);
  }
  if (info.apn !== undefined) pushTlv(parts, GsupIe.AccessPointName, encodeApn(info.apn, `${field}.apn`), `${field}.apn`);
  if (info.qos !== undefined) pushTlv(parts, GsupIe.PdpQos, hexField(info.qos, `${field}.qos`, [0, 255], true), `${field}.qos`);
  if (info.chargingCharacteristics !== undefined) {
    const field2 = `${field}.chargingCharacteristics`;
    pushTlv(parts, GsupIe.ChargingCharacteristics, hexField(info.chargingCharacteristics, field2, [0, 255], true), field2);
  }
  return Buffer.concat(parts);
}

/** Decodes the value of a PDP Info IE found at `tlv.at` in `message`. */
export function decodePdpInfo(message: Buffer, tlv: GsupTlv): GsupPdpInfo {
  const start = tlv.at + 2;
  let contextId: number | undefined;
  const info: { -readonly [K in keyof GsupPdpInfo]?: GsupPdpInfo[K] } = {};
  for (const inner of readTlvs(message, start, start + tlv.value.length, `the PDP info at ${tlv.at}`)) {
    switch (inner.tag) {
      case GsupIe.PdpContextId:
        expectLength(inner, 'PDP context id', [1]);
        contextId = inner.value[0]!;
        break;
      case GsupIe.PdpType:
        expectLength(inner, 'PDP type', [2]);
        info.pdpType = inner.value.readUInt16BE(0) & 0x0fff;
        break;
      case GsupIe.AccessPointName:
        info.apn = decodeApn(message, inner);
        break;
      case GsupIe.PdpQos:
        info.qos = inner.value.toString('hex');
        break;
      case GsupIe.ChargingCharacteristics:
        info.chargingCharacteristics = inner.value.toString('hex');
        break;
      default:
        throw new GsupDecodeError(inner.at, `IE ${describeGsupIe(inner.tag)} does not belong in PDP info`);
    }
  }
  if (contextId === undefined) throw new GsupDecodeError(tlv.at, 'the PDP info has no context id (IE 0x10)');
  return { contextId, ...info };
}

// APNs travel as DNS-style labels (TS 23.003 §9.1): each label prefixed by its length.
function encodeApn(apn: string, field: string): Buffer {
  const labels = apn.split('.').map((label) => Buffer.from(label, 'utf8'));
  if (labels.some((l) => l.length === 0 || l.length > 63)) {
    throw new GsupEncodeError(
      field,
      `${JSON.stringify(apn)} has an empty label or one over 63 bytes`,
      'dot-separated labels of 1 to 63 bytes, e.g. "internet" or "*"',
    );
  }
  return Buffer.concat(labels.flatMap((l) => [Buffer.from([l.length]), l]));
}

function decodeApn(message: Buffer, tlv: GsupTlv): string {
  const labels: string[] = [];
  const end = tlv.at + 2 + tlv.value.length;
  let at = tlv.at + 2;
  while (at < end) {
    const length = message[at]!;
    if (length === 0 || at + 1 + length > end) {
      throw new GsupDecodeError(at, `the APN has a label of length ${length} where ${end - at - 1} bytes remain`);
    }
    labels.push(message.subarray(at + 1, at + 1 + length).toString('utf8'));
    at += 1 + length;
  }
  return labels.join('.');
}
