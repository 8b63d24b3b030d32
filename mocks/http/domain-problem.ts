import { RejectError, type RejectCause } from '../../simulator/causes.js';
import { RoamError } from '../../core/errors.js';
import { InvalidIdentityError, InvalidPlmnError } from '../../simulator/domain-errors.js';
import { problem, PROBLEM_TYPES } from './problem.js';

/** How one kind of domain error is answered: its status and the request fields it is about. */
interface ErrorAnswer {
  readonly status: number;
  readonly fields?: readonly string[];
}

/**
 * Every typed domain error an element can raise, by its stable code: 404 for
 * a thing the element does not know, 400 for a field the domain refused,
 * 409 for a request in the wrong state, 502/504 when the element's own peer
 * (an HLR behind a VLR) failed. Codes not listed are requests in the wrong
 * state (409). Rejects are 403 with their cause (see {@link problemFor}).
 */
export const DOMAIN_ERROR_ANSWERS: Readonly<Record<string, ErrorAnswer>> = {
  ROAM_UNKNOWN_TRANSACTION: { status: 404, fields: ['transactionId'] },
  ROAM_UNKNOWN_CALL: { status: 404, fields: ['callId'] },
  ROAM_UNKNOWN_DATA_SESSION: { status: 404, fields: ['sessionId'] },
  ROAM_UNKNOWN_SUBSCRIBER: { status: 404, fields: ['imsi'] },
  ROAM_UNKNOWN_NAME: { status: 404 },
  ROAM_INVALID_USAGE: { status: 400, fields: ['bytesUp', 'bytesDown'] },
  ROAM_INVALID_SMS: { status: 400, fields: ['segments'] },
  ROAM_INVALID_TARIFF: { status: 400, fields: ['tariff'] },
  ROAM_INVALID_LATENCY: { status: 400 },
  ROAM_SUBSCRIBER_EXISTS: { status: 409, fields: ['imsi'] },
  ROAM_MSISDN_IN_USE: { status: 409, fields: ['msisdn'] },
  ROAM_IDEMPOTENCY_CONFLICT: { status: 409, fields: ['idempotencyKey'] },
  ROAM_ILLEGAL_TRANSITION: { status: 409 },
  ROAM_RATING_FAILED: { status: 409 },
  ROAM_ELEMENT_REQUEST: { status: 502 },
  ROAM_GSUP_CONNECTION: { status: 502 },
  ROAM_GSUP_PROTOCOL: { status: 502 },
  ROAM_GSUP_TIMEOUT: { status: 504 },
};

/**
 * The request field a reject is about, where there is one: an unknown or
 * unregistered IMSI names `imsi`; a failed authentication names the answer.
 */
export const REJECT_FIELDS: Readonly<Partial<Record<RejectCause, string>>> = {
  IMSI_UNKNOWN: 'imsi',
  IMSI_UNKNOWN_IN_VLR: 'imsi',
  ILLEGAL_MS: 'res',
  SYNCH_FAILURE: 'auts',
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Invalid request body',
  404: 'Not found',
  409: 'Conflict',
  502: 'Bad gateway',
  504: 'Gateway timeout',
};

/**
 * Maps a domain error to the problem response a client can act on: rejects
 * are 403 with the reject cause; other {@link RoamError}s are answered as
 * {@link DOMAIN_ERROR_ANSWERS} says, with their `code` and the fields they
 * are about; a fetch timeout to a peer is 504; anything else is a 500.
 *
 * @example
 * ```ts
 * problemFor('vlr:208-01', new UnknownCallError('c1', 'vlr:208-01')).status // 404
 * ```
 */
export function problemFor(element: string, error: unknown): Response {
  if (error instanceof RejectError) {
    const field = REJECT_FIELDS[error.rejectCause];
    return problem(403, `Rejected: ${error.rejectCause}`, error.reason, {
      type: PROBLEM_TYPES.reject,
      cause: error.rejectCause,
      code: error.code,
      ...(field ? { errors: [{ path: field, message: `${error.rejectCause}: ${error.reason}` }] } : {}),
    });
  }
  if (error instanceof InvalidIdentityError) {
    return problem(400, 'Invalid request body', error.message, {
      code: error.code,
      errors: [{ path: error.field.toLowerCase(), message: error.message }],
    });
  }
  if (error instanceof InvalidPlmnError) {
    return problem(400, 'Invalid request body', error.message, { code: error.code, errors: [{ path: '', message: error.message }] });
  }
  if (error instanceof RoamError) {
    const answer = DOMAIN_ERROR_ANSWERS[error.code] ?? { status: 409 };
    const errors = answer.fields?.map((path) => ({ path, message: error.message }));
    const type = answer.status >= 500 ? PROBLEM_TYPES.unavailable : undefined;
    return problem(answer.status, TITLES[answer.status] ?? error.code, error.message, {
      code: error.code,
      ...(type ? { type } : {}),
      ...(errors ? { errors } : {}),
    });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return problem(504, 'Gateway timeout', `${element} got no answer from a peer in time: ${error.message}`, {
      type: PROBLEM_TYPES.unavailable,
    });
  }
  return problem(500, 'Internal error', `${element} failed: ${error instanceof Error ? error.message : String(error)}`);
}
