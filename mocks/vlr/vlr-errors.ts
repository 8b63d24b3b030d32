import { UnknownCallError } from '../../simulator/signaling/vlr-messages.js';
import { UnknownDataSessionError } from '../../simulator/elements/vlr-data-sessions.js';
import { UnknownTransactionError } from '../../simulator/signaling/vlr-messages.js';
import { ElementRequestError } from '../http/client.js';

/** The ids a VLR request was about, to rebuild the domain error that names them. */
export interface VlrRequestIds {
  readonly transactionId?: string;
  readonly callId?: string;
  readonly sessionId?: string;
}

/**
 * Turns a VLR's problem answer back into the domain error the VLR raised,
 * when the domain has a class for it (an unknown transaction, call or data
 * session), so procedures behave the same over HTTP as against the VLR
 * object: a hang-up of a call the network already ended is not a failure.
 * Anything else is returned unchanged.
 *
 * @example
 * ```ts
 * try { await callEndpoint(...) } catch (error) { throw domainErrorOf(error, { callId }, 'vlr at http://127.0.0.1:40123') }
 * ```
 */
export function domainErrorOf(error: unknown, ids: VlrRequestIds, vlr: string): unknown {
  if (!(error instanceof ElementRequestError)) return error;
  switch (error.problem?.code) {
    case 'ROAM_UNKNOWN_TRANSACTION':
      return ids.transactionId !== undefined ? new UnknownTransactionError(ids.transactionId) : error;
    case 'ROAM_UNKNOWN_CALL':
      return ids.callId !== undefined ? new UnknownCallError(ids.callId, vlr) : error;
    case 'ROAM_UNKNOWN_DATA_SESSION':
      return ids.sessionId !== undefined ? new UnknownDataSessionError(ids.sessionId, vlr) : error;
    default:
      return error;
  }
}
