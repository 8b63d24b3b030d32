/**
 * What an open connection answers to each request: DWR and DPR itself,
 * application requests through the handler, with the protocol errors of
 * RFC 6733 §7.1.3 for an application it does not serve (3007) or a command
 * nobody handles (3001), the decode error's result code for a malformed
 * request, and 5012 DIAMETER_UNABLE_TO_COMPLY when the handler fails.
 *
 * @module
 */
import { protocolErrorAnswer, type AnswerSpec } from '../../protocols/diameter/application-message.js';
import { APPLICATION, BASE_COMMANDS } from '../../protocols/diameter/dictionary-base.js';
import { DiameterDecodeError } from '../../protocols/diameter/errors.js';
import type { DiameterMessage } from '../../protocols/diameter/message.js';
import { RESULT_CODE } from '../../protocols/diameter/result-codes.js';
import { deviceWatchdogAnswer, disconnectPeerAnswer } from './base-messages.js';
import { APPLICATION_IDS } from './capabilities.js';
import type { DiameterPeerConnection } from './peer-connection.js';

/** The answer to one request on an open connection. */
export async function dispatchRequest(request: DiameterMessage, connection: DiameterPeerConnection): Promise<AnswerSpec> {
  const { identity, onRequest } = connection.options;
  if (request.applicationId === APPLICATION.common) {
    if (request.commandCode === BASE_COMMANDS.DeviceWatchdog.code)
      return { avps: deviceWatchdogAnswer(identity, connection.originStateId) };
    if (request.commandCode === BASE_COMMANDS.DisconnectPeer.code) return { avps: disconnectPeerAnswer(identity) };
    return protocolErrorAnswer(request, identity, RESULT_CODE.DIAMETER_UNABLE_TO_COMPLY, 'the connection is already open');
  }
  if (!identity.applications.some((app) => APPLICATION_IDS[app] === request.applicationId))
    return protocolErrorAnswer(
      request,
      identity,
      RESULT_CODE.DIAMETER_APPLICATION_UNSUPPORTED,
      `application ${request.applicationId} is not served here`,
    );
  if (!onRequest)
    return protocolErrorAnswer(
      request,
      identity,
      RESULT_CODE.DIAMETER_COMMAND_UNSUPPORTED,
      `command ${request.commandCode} is not served here`,
    );
  try {
    return await onRequest(request, connection);
  } catch (error) {
    if (error instanceof DiameterDecodeError) return protocolErrorAnswer(request, identity, error.resultCode, error.message);
    return protocolErrorAnswer(
      request,
      identity,
      RESULT_CODE.DIAMETER_UNABLE_TO_COMPLY,
      error instanceof Error ? error.message : String(error),
    );
  }
}
