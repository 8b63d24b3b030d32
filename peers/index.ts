/**
 * `roaming-harness/peers`: drivers for real implementations the harness
 * talks to instead of its built-in elements: Osmocom's osmo-hlr (started for
 * a test, provisioned over VTY or CTRL) and a GSUP client that is a VLR/SGSN
 * towards any GSUP HLR. The GSUP codec is `roaming-harness/protocols/gsup`;
 * the Diameter peers are `roaming-harness/peers/diameter`.
 *
 * ```ts
 * import { startOsmoHlr, openProvisioning, provisionSubscriber, GsupClient } from 'roaming-harness/peers';
 * await using hlr = await startOsmoHlr();
 * await using admin = await openProvisioning({ host: hlr.address });
 * await provisionSubscriber(admin, { imsi, msisdn, milenage: { k, opc } });
 * await using vlr = await GsupClient.connect({ host: hlr.address });
 * const vectors = await vlr.sendAuthInfo(imsi);
 * ```
 *
 * @packageDocumentation
 */

// osmo-hlr: launching it and provisioning subscribers.
export { startOsmoHlr, findOsmoHlr, type OsmoHlrOptions, type StartedOsmoHlr } from './osmo-hlr/launcher.js';
export {
  openProvisioning,
  provisionSubscriber,
  type HlrProvisioning,
  type ProvisioningOptions,
  type SubscriberProvision,
  type MilenageKeys,
  type NetworkAccessMode,
} from './osmo-hlr/provisioning.js';
export type { HlrSubscriberRecord } from './osmo-hlr/subscriber-record.js';
export { VtyProvisioning } from './osmo-hlr/vty-provisioning.js';
export { CtrlProvisioning } from './osmo-hlr/ctrl-provisioning.js';
export { VtySession, VTY_PORT, type VtySessionOptions, type VtyRunOptions } from './osmo-hlr/vty.js';
export { CtrlSession, CTRL_PORT, type CtrlSessionOptions } from './osmo-hlr/ctrl.js';
export {
  HlrCommandRejectedError,
  HlrChannelError,
  OsmoHlrLaunchError,
  OsmoHlrDiedError,
  type HlrChannel,
  type HlrChannelFailure,
} from './osmo-hlr/hlr-errors.js';

// A VLR/SGSN towards any GSUP HLR.
export { GsupClient, GSUP_PORT } from './gsup/gsup-client.js';
export type {
  GsupClientOptions,
  GsupClientEvents,
  SendAuthInfoOptions,
  UpdateLocationOptions,
  SubscriberData,
  InsertSubscriberDataRefusal,
  LocationCancelNotice,
  DeleteSubscriberDataNotice,
} from './gsup/gsup-client-types.js';
export { GsupHomeNetwork, rejectCauseOf } from './gsup/gsup-home-network.js';
export {
  GsupRejectError,
  GsupTimeoutError,
  GsupConnectionError,
  GsupProtocolError,
  type GsupConnectionFailure,
} from './gsup/gsup-errors.js';
