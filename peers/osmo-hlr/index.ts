/**
 * The adapter to a real Osmocom HLR (osmo-hlr): start one for a test,
 * provision subscribers over VTY or CTRL, and talk GSUP to it as a VLR/SGSN.
 * The wire codecs (IPA, CCM, GSUP) are exported for tests and tools.
 *
 * @example
 * ```ts
 * import { startOsmoHlr, openProvisioning, provisionSubscriber, GsupClient } from 'roaming-harness/mocks';
 * await using hlr = await startOsmoHlr();
 * await using admin = await openProvisioning({ host: hlr.address });
 * await provisionSubscriber(admin, { imsi, msisdn, milenage: { k, opc } });
 * await using vlr = await GsupClient.connect({ host: hlr.address });
 * const vectors = await vlr.sendAuthInfo(imsi);
 * ```
 * @see /work/shared/reference/osmo-hlr-gsup.md
 * @module
 */

// Launching
export { startOsmoHlr, findOsmoHlr, type OsmoHlrOptions, type StartedOsmoHlr } from './launcher.js';

// GSUP client
export { GsupClient, GSUP_PORT } from '../gsup/gsup-client.js';
export type {
  GsupClientOptions,
  GsupClientEvents,
  SendAuthInfoOptions,
  UpdateLocationOptions,
  SubscriberData,
  InsertSubscriberDataRefusal,
  LocationCancelNotice,
  DeleteSubscriberDataNotice,
} from '../gsup/gsup-client-types.js';
export {
  GsupRejectError,
  GsupTimeoutError,
  GsupConnectionError,
  GsupProtocolError,
  subscriberShown,
  type GsupConnectionFailure,
} from '../gsup/gsup-errors.js';

// Provisioning
export {
  openProvisioning,
  provisionSubscriber,
  type HlrProvisioning,
  type ProvisioningOptions,
  type SubscriberProvision,
  type MilenageKeys,
  type NetworkAccessMode,
} from './provisioning.js';
export type { HlrSubscriberRecord } from './subscriber-record.js';
export { VtyProvisioning } from './vty-provisioning.js';
export { CtrlProvisioning } from './ctrl-provisioning.js';
export { VtySession, VTY_PORT, type VtySessionOptions, type VtyRunOptions } from './vty.js';
export { CtrlSession, CTRL_PORT, type CtrlSessionOptions } from './ctrl.js';
export { HlrCommandRejectedError, HlrChannelError, OsmoHlrLaunchError, type HlrChannel, type HlrChannelFailure } from './hlr-errors.js';

// Wire codecs
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
} from '../../protocols/gsup/ipa.js';
export {
  encodeGsup,
  decodeGsup,
  type GsupMessage,
  type GsupAuthTuple,
  type GsupPdpInfo,
  type GsupCnDomain,
  type GsupCancelType,
  type GsupRawIe,
} from '../../protocols/gsup/gsup.js';
export {
  GsupMessageType,
  gsupMessageTypeName,
  gsupMessageKind,
  gsupMessageFamily,
  gsupReplyType,
  isKnownGsupMessageType,
  type GsupMessageTypeName,
  type GsupMessageKind,
} from '../../protocols/gsup/gsup-message-types.js';
export { GsupIe, describeGsupIe } from '../../protocols/gsup/gsup-ies.js';
export { GsupCause, gsupCauseName, type GsupCauseName } from '../../protocols/gsup/gsup-causes.js';
export { IpaDecodeError, IpaEncodeError, GsupDecodeError, GsupEncodeError } from '../../protocols/gsup/codec-errors.js';
export { GsupHomeNetwork, rejectCauseOf } from '../gsup/gsup-home-network.js';
