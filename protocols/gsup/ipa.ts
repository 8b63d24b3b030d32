/**
 * IPA multiplex framing (`u16be length | protocol | payload`, the length not
 * counting the 3-byte header) as Osmocom speaks it on GSUP and CTRL
 * connections, a stream decoder for it, and the CCM messages
 * (PING/PONG/ID_GET/ID_RESP/ID_ACK) of the handshake.
 *
 * @module
 */
import { IpaDecodeError, IpaEncodeError } from './codec-errors.js';

/** IPA protocol bytes (third header byte). */
export const IpaProtocol = {
  /** Radio Signalling Link (not used by osmo-hlr). */
  Rsl: 0x00,
  /** Osmocom extension: the first payload byte says which ({@link OsmoExtension}). */
  Osmo: 0xee,
  Mgcp: 0xfc,
  Sccp: 0xfd,
  /** Connection management: PING/PONG/ID_GET/ID_RESP/ID_ACK. */
  Ccm: 0xfe,
  Oml: 0xff,
} as const;

/** First payload byte of an {@link IpaProtocol.Osmo} frame. */
export const OsmoExtension = {
  Ctrl: 0x00,
  Mgcp: 0x01,
  Lac: 0x02,
  Smsc: 0x03,
  Orc: 0x04,
  Gsup: 0x05,
  Oap: 0x06,
  Rspro: 0x07,
  Pcu: 0x08,
} as const;

/** CCM message types (first payload byte of an {@link IpaProtocol.Ccm} frame). */
export const CcmType = { Ping: 0x00, Pong: 0x01, IdGet: 0x04, IdResp: 0x05, IdAck: 0x06 } as const;

/** CCM identity tags used in ID_GET / ID_RESP. */
export const IpaIdTag = {
  SerialNumber: 0x00,
  UnitName: 0x01,
  Location1: 0x02,
  Location2: 0x03,
  EquipmentVersion: 0x04,
  SoftwareVersion: 0x05,
  IpAddress: 0x06,
  MacAddress: 0x07,
  UnitId: 0x08,
} as const;

/** One IPA frame. */
export interface IpaFrame {
  readonly protocol: number;
  readonly payload: Buffer;
}

const HEADER_LENGTH = 3;
const MAX_PAYLOAD = 0xffff;
const KNOWN_PROTOCOLS: ReadonlySet<number> = new Set(Object.values(IpaProtocol));

/**
 * Frames a payload: `u16be length | protocol | payload`.
 *
 * @example
 * ```ts
 * socket.write(encodeIpaFrame(IpaProtocol.Ccm, Buffer.from([CcmType.Pong])));
 * ```
 */
export function encodeIpaFrame(protocol: number, payload: Uint8Array): Buffer {
  if (payload.length > MAX_PAYLOAD) {
    throw new IpaEncodeError(`the payload is ${payload.length} bytes, more than ${MAX_PAYLOAD}`);
  }
  const frame = Buffer.allocUnsafe(HEADER_LENGTH + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame[2] = protocol & 0xff;
  frame.set(payload, HEADER_LENGTH);
  return frame;
}

/**
 * Frames an Osmocom-extension payload (GSUP, CTRL...): protocol 0xEE, then
 * the extension byte, then the data.
 *
 * @example
 * ```ts
 * socket.write(encodeOsmoFrame(OsmoExtension.Gsup, encodeGsup(message)));
 * ```
 */
export function encodeOsmoFrame(extension: number, data: Uint8Array): Buffer {
  const payload = Buffer.allocUnsafe(1 + data.length);
  payload[0] = extension;
  payload.set(data, 1);
  return encodeIpaFrame(IpaProtocol.Osmo, payload);
}

/**
 * Splits an Osmocom-extension frame payload into its extension byte and data.
 *
 * @example
 * ```ts
 * const { extension, data } = decodeOsmoPayload(frame.payload);
 * if (extension === OsmoExtension.Gsup) decodeGsup(data);
 * ```
 */
export function decodeOsmoPayload(payload: Buffer): { extension: number; data: Buffer } {
  if (payload.length === 0) throw new IpaDecodeError('Osmocom extension payload', 0, 'the payload is empty, the extension byte is missing');
  return { extension: payload[0]!, data: payload.subarray(1) };
}

/** Options of {@link IpaFrameDecoder}. */
export interface IpaFrameDecoderOptions {
  /** Protocol bytes accepted; anything else is a decode error. Default: every known IPA protocol. */
  readonly protocols?: Iterable<number>;
}

/**
 * Turns TCP chunks into IPA frames. TCP may split a frame over several
 * chunks or put several frames into one, so bytes are buffered until a frame
 * is complete. After a decode error the stream has lost its framing for good
 * and every later push throws the same error.
 *
 * @example
 * ```ts
 * const decoder = new IpaFrameDecoder();
 * socket.on('data', (chunk) => { for (const frame of decoder.push(chunk)) handle(frame) });
 * ```
 */
export class IpaFrameDecoder {
  readonly #protocols: ReadonlySet<number>;
  #pending: Buffer = Buffer.alloc(0);
  /** Stream offset of the first byte of #pending, for error messages. */
  #consumed = 0;
  #failure: IpaDecodeError | undefined;

  constructor(options: IpaFrameDecoderOptions = {}) {
    this.#protocols = options.protocols ? new Set(options.protocols) : KNOWN_PROTOCOLS;
  }

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.#pending.length;
  }

  /** Adds a chunk and returns the frames it completes (possibly none). */
  push(chunk: Uint8Array): IpaFrame[] {
    if (this.#failure) throw this.#failure;
    this.#pending = this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
    const frames: IpaFrame[] = [];
    let at = 0;
    while (this.#pending.length - at >= HEADER_LENGTH) {
      const length = this.#pending.readUInt16BE(at);
      const protocol = this.#pending[at + 2]!;
      if (!this.#protocols.has(protocol)) {
        this.#failure = new IpaDecodeError('IPA frame', this.#consumed + at + 2, `unknown protocol byte 0x${hex2(protocol)}`);
        throw this.#failure;
      }
      if (this.#pending.length - at - HEADER_LENGTH < length) break;
      const start = at + HEADER_LENGTH;
      frames.push({ protocol, payload: Buffer.from(this.#pending.subarray(start, start + length)) });
      at = start + length;
    }
    this.#pending = this.#pending.subarray(at);
    this.#consumed += at;
    return frames;
  }
}

/** A decoded CCM message. */
export type CcmMessage =
  | { readonly type: 'ping' }
  | { readonly type: 'pong' }
  | { readonly type: 'id-ack' }
  /** The tags the peer asks us to identify ourselves with. */
  | { readonly type: 'id-get'; readonly tags: readonly number[] }
  | { readonly type: 'id-resp'; readonly entries: readonly IpaIdEntry[] };

/** One identity in an ID_RESP: a tag and its string. */
export interface IpaIdEntry {
  readonly tag: number;
  readonly value: string;
}

/**
 * Encodes a CCM message as a frame payload (wrap it with
 * `encodeIpaFrame(IpaProtocol.Ccm, ...)`). ID_RESP entries are
 * `u16be(1 + bytes + 1) | tag | bytes | NUL`, as libosmocore writes them.
 *
 * @example
 * ```ts
 * encodeCcm({ type: 'id-resp', entries: [{ tag: IpaIdTag.UnitId, value: '0/0/0' }, { tag: IpaIdTag.SerialNumber, value: 'VLR-1' }] });
 * ```
 */
export function encodeCcm(message: CcmMessage): Buffer {
  switch (message.type) {
    case 'ping':
      return Buffer.from([CcmType.Ping]);
    case 'pong':
      return Buffer.from([CcmType.Pong]);
    case 'id-ack':
      return Buffer.from([CcmType.IdAck]);
    case 'id-get':
      return Buffer.from([CcmType.IdGet, ...message.tags.flatMap((tag) => [1, tag])]);
    case 'id-resp': {
      const parts = message.entries.map(({ tag, value }) => {
        const text = Buffer.from(value, 'utf8');
        const entry = Buffer.alloc(3 + text.length + 1);
        entry.writeUInt16BE(1 + text.length + 1, 0);
        entry[2] = tag;
        text.copy(entry, 3);
        return entry;
      });
      return Buffer.concat([Buffer.from([CcmType.IdResp]), ...parts]);
    }
  }
}

/**
 * Decodes a CCM frame payload.
 *
 * @example
 * ```ts
 * const ccm = decodeCcm(frame.payload);
 * if (ccm.type === 'ping') socket.write(encodeIpaFrame(IpaProtocol.Ccm, encodeCcm({ type: 'pong' })));
 * ```
 */
export function decodeCcm(payload: Buffer): CcmMessage {
  if (payload.length === 0) throw new IpaDecodeError('CCM message', 0, 'the payload is empty, the message type is missing');
  const type = payload[0]!;
  switch (type) {
    case CcmType.Ping:
      return { type: 'ping' };
    case CcmType.Pong:
      return { type: 'pong' };
    case CcmType.IdAck:
      return { type: 'id-ack' };
    case CcmType.IdGet:
      return { type: 'id-get', tags: decodeIdGet(payload) };
    case CcmType.IdResp:
      return { type: 'id-resp', entries: decodeIdResp(payload) };
    default:
      throw new IpaDecodeError('CCM message', 0, `unknown CCM message type 0x${hex2(type)}`);
  }
}

// ID_GET: after the type byte, entries of `u8 length | tag | (length - 1) bytes`.
function decodeIdGet(payload: Buffer): number[] {
  const tags: number[] = [];
  let at = 1;
  while (at < payload.length) {
    const length = payload[at]!;
    if (length === 0) throw new IpaDecodeError('CCM ID_GET', at, 'an entry has length 0, so it has no tag');
    if (at + 1 + length > payload.length) {
      throw new IpaDecodeError('CCM ID_GET', at, `an entry of ${length} bytes runs past the end of the ${payload.length}-byte payload`);
    }
    tags.push(payload[at + 1]!);
    at += 1 + length;
  }
  return tags;
}

// ID_RESP: after the type byte, entries of `u16be length | tag | (length - 1) bytes`, the string NUL-terminated.
function decodeIdResp(payload: Buffer): IpaIdEntry[] {
  const entries: IpaIdEntry[] = [];
  let at = 1;
  while (at < payload.length) {
    if (at + 3 > payload.length) throw new IpaDecodeError('CCM ID_RESP', at, 'an entry header is cut short');
    const length = payload.readUInt16BE(at);
    if (length === 0) throw new IpaDecodeError('CCM ID_RESP', at, 'an entry has length 0, so it has no tag');
    if (at + 2 + length > payload.length) {
      throw new IpaDecodeError('CCM ID_RESP', at, `an entry of ${length} bytes runs past the end of the ${payload.length}-byte payload`);
    }
    const raw = payload.subarray(at + 3, at + 2 + length);
    const end = raw.indexOf(0);
    entries.push({ tag: payload[at + 2]!, value: raw.subarray(0, end === -1 ? raw.length : end).toString('utf8') });
    at += 2 + length;
  }
  return entries;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
