/**
 * The responder's side of the capabilities exchange (RFC 6733 §5.3): read
 * the CER, refuse a peer the application does not accept (3010
 * DIAMETER_UNKNOWN_PEER) or one with no application in common (5010
 * DIAMETER_NO_COMMON_APPLICATION), otherwise answer with our own
 * capabilities.
 *
 * @module
 */
import type { AnswerSpec } from '../../protocols/diameter/application-message.js';
import { BASE } from '../../protocols/diameter/dictionary-base.js';
import { DiameterDecodeError } from '../../protocols/diameter/errors.js';
import { avp, type DiameterMessage } from '../../protocols/diameter/message.js';
import { RESULT_CODE } from '../../protocols/diameter/result-codes.js';
import { capabilityAvps, commonApplications, parseCapabilities, type PeerCapabilities, type PeerIdentity } from './capabilities.js';
import { DiameterCapabilitiesError } from './peer-errors.js';

/** The CEA to send and, when the exchange succeeded, the peer. */
export interface CapabilitiesOutcome {
  readonly answer: AnswerSpec;
  readonly peer?: PeerCapabilities;
  readonly error?: DiameterCapabilitiesError;
}

/** Answers a CER. */
export function answerCapabilities(
  cer: DiameterMessage,
  options: { readonly identity: PeerIdentity; readonly acceptPeer?: (peer: PeerCapabilities) => boolean },
  localAddress: string,
): CapabilitiesOutcome {
  const ours = capabilityAvps(options.identity, localAddress);
  const refuse = (code: number, peerName: string, why: string): CapabilitiesOutcome => ({
    answer: { error: code >= 3000 && code < 4000, avps: [avp(BASE.ResultCode, code), ...ours, avp(BASE.ErrorMessage, why)] },
    error: new DiameterCapabilitiesError(peerName, why, { code }),
  });
  let peer: PeerCapabilities;
  try {
    peer = parseCapabilities(cer);
  } catch (error) {
    const code = error instanceof DiameterDecodeError ? error.resultCode : RESULT_CODE.DIAMETER_UNABLE_TO_COMPLY;
    return refuse(code, 'the peer', error instanceof Error ? error.message : String(error));
  }
  if (options.acceptPeer && !options.acceptPeer(peer))
    return refuse(RESULT_CODE.DIAMETER_UNKNOWN_PEER, peer.originHost, `${peer.originHost} is not a known peer`);
  const common = commonApplications(options.identity.applications, peer.applicationIds);
  if (common.length === 0) {
    return refuse(
      RESULT_CODE.DIAMETER_NO_COMMON_APPLICATION,
      peer.originHost,
      `no application in common: we serve ${options.identity.applications.join(', ')}, the peer advertised ${peer.applicationIds.join(', ') || 'none'}`,
    );
  }
  return { answer: { avps: [avp(BASE.ResultCode, RESULT_CODE.DIAMETER_SUCCESS), ...ours] }, peer };
}
