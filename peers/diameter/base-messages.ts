/**
 * The base protocol messages a peer connection exchanges on its own:
 * Device-Watchdog (RFC 6733 §5.5), Disconnect-Peer (§5.4) and the answer
 * header rules (§3: an answer keeps the command, application, P flag and both
 * identifiers of its request).
 *
 * @module
 */
import type { RequestSpec } from '../../protocols/diameter/application-message.js';
import { APPLICATION, BASE, BASE_COMMANDS, DISCONNECT_CAUSE } from '../../protocols/diameter/dictionary-base.js';
import { avp, COMMAND_FLAG, type AnyAvpInput, type DiameterHeader, type OutgoingMessage } from '../../protocols/diameter/message.js';
import { RESULT_CODE } from '../../protocols/diameter/result-codes.js';
import type { PeerIdentity } from './capabilities.js';

/** Why a peer disconnects, by name. */
export type DisconnectCause = keyof typeof DISCONNECT_CAUSE;

/** A DWR. */
export function deviceWatchdogRequest(identity: PeerIdentity, originStateId: number): RequestSpec {
  return {
    flags: COMMAND_FLAG.request,
    commandCode: BASE_COMMANDS.DeviceWatchdog.code,
    applicationId: APPLICATION.common,
    avps: [avp(BASE.OriginHost, identity.originHost), avp(BASE.OriginRealm, identity.originRealm), avp(BASE.OriginStateId, originStateId)],
  };
}

/** The AVPs of a DWA. */
export function deviceWatchdogAnswer(identity: PeerIdentity, originStateId: number): AnyAvpInput[] {
  return [
    avp(BASE.ResultCode, RESULT_CODE.DIAMETER_SUCCESS),
    avp(BASE.OriginHost, identity.originHost),
    avp(BASE.OriginRealm, identity.originRealm),
    avp(BASE.OriginStateId, originStateId),
  ];
}

/** A DPR. */
export function disconnectPeerRequest(identity: PeerIdentity, cause: DisconnectCause): RequestSpec {
  return {
    flags: COMMAND_FLAG.request,
    commandCode: BASE_COMMANDS.DisconnectPeer.code,
    applicationId: APPLICATION.common,
    avps: [
      avp(BASE.OriginHost, identity.originHost),
      avp(BASE.OriginRealm, identity.originRealm),
      avp(BASE.DisconnectCause, DISCONNECT_CAUSE[cause]),
    ],
  };
}

/** The AVPs of a DPA. */
export function disconnectPeerAnswer(identity: PeerIdentity): AnyAvpInput[] {
  return [
    avp(BASE.ResultCode, RESULT_CODE.DIAMETER_SUCCESS),
    avp(BASE.OriginHost, identity.originHost),
    avp(BASE.OriginRealm, identity.originRealm),
  ];
}

/** The header of an answer to `request`: same command, application and ids, its P flag, the E flag for a protocol error. */
export function answerHeader(request: DiameterHeader, error: boolean): DiameterHeader {
  return {
    flags: (request.flags & COMMAND_FLAG.proxiable) | (error ? COMMAND_FLAG.error : 0),
    commandCode: request.commandCode,
    applicationId: request.applicationId,
    hopByHopId: request.hopByHopId,
    endToEndId: request.endToEndId,
  };
}

/** An answer message: the header from the request, the given AVPs. */
export function answerMessage(request: DiameterHeader, avps: readonly AnyAvpInput[], error = false): OutgoingMessage {
  return { ...answerHeader(request, error), avps };
}

/** The header fields of a message whose AVPs did not decode (they are at fixed offsets). */
export function rawHeader(bytes: Buffer): DiameterHeader | undefined {
  if (bytes.length < 20) return undefined;
  return {
    flags: bytes[4]!,
    commandCode: bytes.readUInt32BE(4) & 0xff_ffff,
    applicationId: bytes.readUInt32BE(8),
    hopByHopId: bytes.readUInt32BE(12),
    endToEndId: bytes.readUInt32BE(16),
  };
}

let endToEndNext = (((Math.floor(Date.now() / 1000) & 0xfff) << 20) | Math.floor(Math.random() * 0x10_0000)) >>> 0;

/**
 * The next End-to-End Identifier (RFC 6733 §3): the low 12 bits of the
 * start time in seconds above a random 20-bit counter, unique for this
 * process for a long while.
 */
export function nextEndToEndId(): number {
  const id = endToEndNext;
  endToEndNext = (endToEndNext + 1) >>> 0;
  return id;
}
