import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { problem } from '../http/problem.js';
import { pathnameOf } from '../http/lite-message.js';
import type { BillingState, IntakeRejection } from './billing-state.js';
import { billingContract } from './contract.js';

/** The most rejections kept: a flood of forged events must not grow billing's memory without bound. */
const KEPT = 1_000;

/**
 * Puts authentication in front of billing's charging intake
 * (`POST /billing/v1/charging-events`). Without credentials in the state
 * every sender is taken (a stand-alone billing system). With them, a
 * request with no credential, or one this world did not issue, is answered
 * 401 before its body is read, with a problem naming the element it claimed
 * to be and why it was refused; the refusal is recorded.
 *
 * @example
 * ```ts
 * const handler = guardIntake(state, createRouter(name, routes));
 * ```
 */
export function guardIntake(state: BillingState, handler: FetchHandler): FetchHandler {
  const credentials = state.credentials;
  if (!credentials) return handler;
  const name = `billing:${state.homePlmn}`;
  return async (request) => {
    if (request.method !== 'POST' || pathnameOf(request) !== billingContract.recordChargingEvent.path) return handler(request);
    const identity = credentials.verify(request.headers.get('authorization'));
    if (identity.ok) return handler(request);
    recordRejection(state, { element: identity.element, status: 401, reason: identity.reason });
    const answer = problem(
      401,
      'Unauthorized',
      `${name} takes charging events only from elements of its world: ${identity.element} was refused, ${identity.reason}. Send the credential the world gave the element.`,
      { errors: [{ path: 'authorization', message: identity.reason }] },
    );
    answer.headers.set('www-authenticate', `Bearer realm="${name} charging"`);
    return answer;
  };
}

/**
 * Whether the authenticated sender of `event` may charge it: a VLR only for
 * its own visited network. Undefined when it may; otherwise the 403 answer,
 * the refusal recorded.
 */
export function checkChargingScope(state: BillingState, request: Request, event: ChargingEvent): Response | undefined {
  const identity = state.credentials?.verify(request.headers.get('authorization'));
  if (!identity?.ok) return undefined;
  const own = /^vlr:(.+)$/.exec(identity.element)?.[1];
  if (own === event.visitedPlmn) return undefined;
  const reason = own
    ? `${identity.element} may charge only for ${own}, not for ${event.visitedPlmn}`
    : `${identity.element} is not a VLR, and only VLRs send charging events`;
  recordRejection(state, {
    element: identity.element,
    status: 403,
    reason,
    idempotencyKey: event.idempotencyKey,
    visitedPlmn: event.visitedPlmn,
  });
  return problem(403, 'Forbidden', `billing:${state.homePlmn} refused a charging event: ${reason}.`, {
    errors: [{ path: 'visitedPlmn', message: reason }],
  });
}

function recordRejection(state: BillingState, refusal: Omit<IntakeRejection, 'at'>): void {
  state.rejections.push({ at: Date.now(), ...refusal });
  if (state.rejections.length > KEPT) state.rejections.splice(0, state.rejections.length - KEPT);
}
