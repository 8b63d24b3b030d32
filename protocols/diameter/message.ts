/**
 * The shapes of Diameter messages and AVPs (RFC 6733 §3, §4): what the
 * decoder returns and what the encoder takes.
 *
 * @module
 */
import type { AvpLeafValue } from './avp-types.js';
import type { AvpDefinition } from './dictionary.js';

/** Command flags (RFC 6733 §3): the first header byte after the version. */
export const COMMAND_FLAG = {
  /** R: a request (clear: an answer). */
  request: 0x80,
  /** P: may be proxied, relayed or redirected. */
  proxiable: 0x40,
  /** E: an answer carrying a protocol error (3xxx). */
  error: 0x20,
  /** T: a request sent again after a failover or timeout; it may be a duplicate. */
  retransmitted: 0x10,
} as const;

/** AVP flags (RFC 6733 §4.1). The low five bits are reserved. */
export const AVP_FLAG = {
  /** V: a Vendor-ID field follows the length. */
  vendor: 0x80,
  /** M: the receiver must understand the AVP or reject the message. */
  mandatory: 0x40,
  /** P: reserved for end-to-end security (deprecated). */
  protected: 0x20,
} as const;

/** Length of the message header. */
export const HEADER_LENGTH = 20;

/** The protocol version in every header. */
export const DIAMETER_VERSION = 1;

/** The fields of a Diameter header except version and length. */
export interface DiameterHeader {
  /** {@link COMMAND_FLAG} bits. */
  readonly flags: number;
  readonly commandCode: number;
  readonly applicationId: number;
  /** Matches an answer to its request on one connection. */
  readonly hopByHopId: number;
  /** Detects duplicates end to end; kept across retransmissions. */
  readonly endToEndId: number;
}

/**
 * A decoded AVP: a view into the message bytes. Its data is sliced only when
 * asked for; children are decoded for AVPs the dictionary knows as Grouped.
 */
export class DecodedAvp {
  constructor(
    readonly code: number,
    /** {@link AVP_FLAG} bits. */
    readonly flags: number,
    /** 0 when the V flag is clear. */
    readonly vendorId: number,
    /** The whole message (or the buffer the AVP was decoded from). */
    readonly buffer: Buffer,
    /** Offset of the data in {@link buffer}. */
    readonly dataOffset: number,
    /** Length of the data, without padding. */
    readonly dataLength: number,
    /** Offset of the AVP header in {@link buffer}. */
    readonly offset: number,
    /** The children of a Grouped AVP the dictionary knows. */
    readonly children: readonly DecodedAvp[] | undefined,
  ) {}

  /** The AVP data (a view, not a copy). */
  get data(): Buffer {
    return this.buffer.subarray(this.dataOffset, this.dataOffset + this.dataLength);
  }
}

/** A decoded Diameter message. */
export interface DiameterMessage extends DiameterHeader {
  /** Message length from the header (the bytes decoded). */
  readonly length: number;
  readonly avps: readonly DecodedAvp[];
}

/** An AVP to encode, by its definition: flags follow the definition (V when vendored, M when mandatory). */
export interface AvpInput {
  readonly def: AvpDefinition;
  readonly value: AvpLeafValue | readonly AnyAvpInput[];
  /** Overrides the flags the definition implies (the V flag still follows the vendor). */
  readonly flags?: number;
}

/** An AVP to encode by code: for AVPs the dictionary lacks, and to pass decoded AVPs on. */
export interface RawAvpInput {
  readonly code: number;
  readonly vendorId: number;
  readonly flags: number;
  /** Bytes, or the children of a grouped AVP. */
  readonly data: Uint8Array | readonly AnyAvpInput[];
}

/** Either kind of AVP to encode. */
export type AnyAvpInput = AvpInput | RawAvpInput;

/** A message to encode. */
export interface OutgoingMessage extends DiameterHeader {
  readonly avps: readonly AnyAvpInput[];
}

/**
 * An AVP to encode.
 *
 * @example
 * ```ts
 * avp(BASE.OriginHost, 'mme.visited.example')
 * avp(S6A.RequestedEutranAuthenticationInfo, [avp(S6A.NumberOfRequestedVectors, 1)])
 * ```
 */
export function avp(def: AvpDefinition, value: AvpLeafValue | readonly AnyAvpInput[]): AvpInput {
  return { def, value };
}

/** Whether the R flag is set. */
export function isRequest(header: { readonly flags: number }): boolean {
  return (header.flags & COMMAND_FLAG.request) !== 0;
}
