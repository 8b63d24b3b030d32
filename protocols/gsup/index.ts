/**
 * `roaming-harness/protocols/gsup`: Osmocom's GSUP over IPA, the wire format
 * between a VLR/SGSN and osmo-hlr: IPA framing and CCM, GSUP messages and
 * their information elements, causes. Codecs only: no sockets.
 *
 * ```ts
 * import { encodeGsup, GsupMessageType } from 'roaming-harness/protocols/gsup';
 * ```
 *
 * @packageDocumentation
 */

export {
  IpaFrameDecoder,
  IpaProtocol,
  OsmoExtension,
  CcmType,
  IpaIdTag,
  encodeIpaFrame,
  encodeOsmoFrame,
  decodeOsmoPayload,
  encodeCcm,
  decodeCcm,
  type IpaFrame,
  type IpaFrameDecoderOptions,
  type CcmMessage,
  type IpaIdEntry,
} from './ipa.js';
export {
  encodeGsup,
  decodeGsup,
  type GsupMessage,
  type GsupAuthTuple,
  type GsupPdpInfo,
  type GsupCnDomain,
  type GsupCancelType,
  type GsupRawIe,
} from './gsup.js';
export {
  GsupMessageType,
  gsupMessageTypeName,
  gsupMessageKind,
  gsupMessageFamily,
  gsupReplyType,
  isKnownGsupMessageType,
  type GsupMessageTypeName,
  type GsupMessageKind,
} from './gsup-message-types.js';
export { GsupIe, describeGsupIe } from './gsup-ies.js';
export { GsupCause, gsupCauseName, type GsupCauseName } from './gsup-causes.js';
export { IpaDecodeError, IpaEncodeError, GsupDecodeError, GsupEncodeError } from './codec-errors.js';
