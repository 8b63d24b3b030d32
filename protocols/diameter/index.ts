/**
 * The Diameter codec (RFC 6733) with the dictionary of the base protocol,
 * credit control (RFC 4006) and Gy (TS 32.299), and S6a (TS 29.272): header
 * and AVPs with vendor ids, grouped AVPs, typed values, result codes, a
 * frame reader for TCP streams, typed S6a and Gy messages, descriptions for
 * reports and a pcap writer for Wireshark. Diameter over SCTP is out of
 * scope: the harness speaks Diameter over TCP only.
 *
 * @example
 * ```ts
 * import { encodeMessage, decodeMessage, avp, BASE } from './protocols/diameter/index.js';
 * ```
 *
 * @module
 */
export * from './errors.js';
export * from './avp-types.js';
export * from './dictionary.js';
export * from './dictionary-base.js';
export * from './dictionary-credit-control.js';
export * from './dictionary-s6a.js';
export * from './default-dictionary.js';
export * from './result-codes.js';
export * from './message.js';
export * from './encode.js';
export * from './decode.js';
export * from './avp-access.js';
export * from './frame-reader.js';
export * from './describe.js';
export * from './tbcd.js';
export * from './pcap-writer.js';
export * from './application-message.js';
export * from './s6a/s6a-envelope.js';
export * from './s6a/authentication-information.js';
export * from './s6a/subscription-data.js';
export * from './s6a/location-management.js';
export * from './gy/credit-control.js';
