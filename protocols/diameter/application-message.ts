/**
 * What every application request and answer carries (RFC 6733 §6, §7): the
 * Session-Id first, the origin and destination, and in answers the result
 * as a Result-Code or a vendor's Experimental-Result. The S6a and Gy
 * builders use these so their messages share one layout.
 *
 * @module
 */
import { findAvp, requireText } from './avp-access.js';
import { BASE } from './dictionary-base.js';
import type { AnyAvpInput, DiameterHeader, DiameterMessage } from './message.js';
import { avp } from './message.js';
import type { DiameterResult } from './result-codes.js';

/** A request without its hop-by-hop and end-to-end ids, which the connection assigns. */
export type RequestSpec = Omit<DiameterHeader, 'hopByHopId' | 'endToEndId'> & { readonly avps: readonly AnyAvpInput[] };

/** An answer's AVPs and whether it is a protocol error (the E flag). The connection copies the rest of the header from the request. */
export interface AnswerSpec {
  readonly avps: readonly AnyAvpInput[];
  readonly error?: boolean;
}

/** Who sends a request and where it goes. */
export interface RequestRouting {
  readonly sessionId: string;
  readonly originHost: string;
  readonly originRealm: string;
  readonly destinationRealm: string;
  readonly destinationHost?: string;
}

/** Who answers. */
export interface AnswerOrigin {
  readonly originHost: string;
  readonly originRealm: string;
}

/** The origin AVPs of a request (after its Session-Id and application AVPs), then the destination. */
export function routingAvps(routing: RequestRouting): AnyAvpInput[] {
  return [
    avp(BASE.OriginHost, routing.originHost),
    avp(BASE.OriginRealm, routing.originRealm),
    ...(routing.destinationHost ? [avp(BASE.DestinationHost, routing.destinationHost)] : []),
    avp(BASE.DestinationRealm, routing.destinationRealm),
  ];
}

/** The Result-Code, or the Experimental-Result (Vendor-Id, Experimental-Result-Code) of a vendor's result. */
export function resultAvps(result: DiameterResult): AnyAvpInput[] {
  if (!result.vendorId) return [avp(BASE.ResultCode, result.code)];
  return [avp(BASE.ExperimentalResult, [avp(BASE.VendorId, result.vendorId), avp(BASE.ExperimentalResultCode, result.code)])];
}

/** The Session-Id of a message, which must be present. @throws {DiameterDecodeError} 5005. */
export function sessionIdOf(message: DiameterMessage, where: string): string {
  return requireText(message.avps, BASE.SessionId, where);
}

/** The origin of a message. @throws {DiameterDecodeError} 5005 when Origin-Host or Origin-Realm is missing. */
export function originOf(message: DiameterMessage, where: string): AnswerOrigin {
  return { originHost: requireText(message.avps, BASE.OriginHost, where), originRealm: requireText(message.avps, BASE.OriginRealm, where) };
}

/** An Error-Message for a failed answer, when there is something to say. */
export function errorMessageAvps(text: string | undefined): AnyAvpInput[] {
  return text ? [avp(BASE.ErrorMessage, text.slice(0, 500))] : [];
}

/** The Error-Message of an answer, if any. */
export function errorMessageOf(message: DiameterMessage): string | undefined {
  const found = findAvp(message.avps, BASE.ErrorMessage);
  return found ? found.data.toString('utf8') : undefined;
}

/**
 * A protocol error answer (E flag, RFC 6733 §7.1.3) for any request: Session-Id
 * when the request had one, the origin, the Result-Code and an Error-Message.
 */
export function protocolErrorAnswer(request: DiameterMessage, origin: AnswerOrigin, resultCode: number, text?: string): AnswerSpec {
  const session = findAvp(request.avps, BASE.SessionId);
  return {
    error: resultCode >= 3000 && resultCode < 4000,
    avps: [
      ...(session ? [avp(BASE.SessionId, session.data.toString('utf8'))] : []),
      avp(BASE.OriginHost, origin.originHost),
      avp(BASE.OriginRealm, origin.originRealm),
      avp(BASE.ResultCode, resultCode),
      ...errorMessageAvps(text),
    ],
  };
}
