/**
 * The envelope every S6a message shares (TS 29.272 §7.2): Session-Id,
 * Vendor-Specific-Application-Id (3GPP, S6a), Auth-Session-State
 * NO_STATE_MAINTAINED, origin and destination; answers add the result.
 *
 * @module
 */
import {
  resultAvps,
  routingAvps,
  type AnswerOrigin,
  type AnswerSpec,
  type RequestRouting,
  type RequestSpec,
} from '../application-message.js';
import { resultOf, requireText } from '../avp-access.js';
import { APPLICATION, AUTH_SESSION_STATE, BASE } from '../dictionary-base.js';
import type { CommandDefinition } from '../dictionary.js';
import { VENDOR_3GPP } from '../dictionary.js';
import { COMMAND_FLAG, avp, type AnyAvpInput, type DiameterMessage } from '../message.js';
import type { DiameterResult } from '../result-codes.js';

/** The Vendor-Specific-Application-Id of S6a: 3GPP's, auth application 16777251. */
export function s6aApplicationAvp(): AnyAvpInput {
  return avp(BASE.VendorSpecificApplicationId, [avp(BASE.VendorId, VENDOR_3GPP), avp(BASE.AuthApplicationId, APPLICATION.s6a)]);
}

/**
 * An S6a request: the envelope, then `body`.
 *
 * @example
 * ```ts
 * s6aRequest(S6A_COMMANDS.PurgeUe, routing, [avp(BASE.UserName, imsi)])
 * ```
 */
export function s6aRequest(command: CommandDefinition, routing: RequestRouting, body: readonly AnyAvpInput[]): RequestSpec {
  return {
    flags: COMMAND_FLAG.request | (command.proxiable ? COMMAND_FLAG.proxiable : 0),
    commandCode: command.code,
    applicationId: APPLICATION.s6a,
    avps: [
      avp(BASE.SessionId, routing.sessionId),
      s6aApplicationAvp(),
      avp(BASE.AuthSessionState, AUTH_SESSION_STATE.NO_STATE_MAINTAINED),
      ...routingAvps(routing),
      ...body,
    ],
  };
}

/** An S6a answer to `request`: the envelope with the result, then `body`. */
export function s6aAnswer(
  request: DiameterMessage,
  origin: AnswerOrigin,
  result: DiameterResult,
  body: readonly AnyAvpInput[] = [],
): AnswerSpec {
  return {
    avps: [
      avp(BASE.SessionId, requireText(request.avps, BASE.SessionId, 'S6a request')),
      s6aApplicationAvp(),
      ...resultAvps(result),
      avp(BASE.AuthSessionState, AUTH_SESSION_STATE.NO_STATE_MAINTAINED),
      avp(BASE.OriginHost, origin.originHost),
      avp(BASE.OriginRealm, origin.originRealm),
      ...body,
    ],
  };
}

/** The result of an S6a answer. @throws {DiameterDecodeError} 5005 when it has none. */
export function s6aResultOf(answer: DiameterMessage, where: string): DiameterResult {
  return resultOf(answer.avps, where);
}

/** The IMSI (User-Name) of an S6a request. @throws {DiameterDecodeError} 5005 when missing. */
export function imsiOf(request: DiameterMessage, where: string): string {
  return requireText(request.avps, BASE.UserName, where);
}
