/**
 * TAP 3.12 (GSMA TD.57) files in BER: the encoder, the tolerant decoder,
 * the field-tag table and the file model. asn1js builds and parses the BER;
 * it is loaded the first time a file is encoded or decoded.
 *
 * @module
 */
export { encodeTapFile } from './tap3-encode.js';
export { decodeTapFile, type DecodedTapFile } from './tap3-decode.js';
export { TAP_FIELDS, TAP_FIELDS_BY_TAG, nameOfTag, tagOf, type TapField, type TapFieldKind } from './tap3-tags.js';
export type { TapAudit, TapCallEvent, TapDecodeNotes, TapFile, TapHeader, TapNotification, TapTransferBatch } from './tap3-model.js';
export { TapDecodeError, TapEncodeError } from './tap3-errors.js';
