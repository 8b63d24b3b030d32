import { LiteResponse } from './lite-message.js';
/** One problem with a request field, as in zod: where and what. */
export interface FieldProblem {
  /** Dotted path in the request body, e.g. `roaming.networks[1]`; empty for the body itself. */
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem details body, with our extensions. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** For rejects: the reject cause name, e.g. `IMSI_UNKNOWN`. */
  readonly cause?: string;
  /** For domain errors: the stable `RoamError` code, e.g. `ROAM_UNKNOWN_CALL`, so a client can raise the same error. */
  readonly code?: string;
  /** For validation failures: every field that was wrong. */
  readonly errors?: readonly FieldProblem[];
}

/** The problem type URIs this project uses. */
export const PROBLEM_TYPES = {
  badRequest: 'https://roaming-harness.dev/problems/bad-request',
  reject: 'https://roaming-harness.dev/problems/reject',
  notFound: 'https://roaming-harness.dev/problems/not-found',
  conflict: 'https://roaming-harness.dev/problems/conflict',
  unavailable: 'https://roaming-harness.dev/problems/unavailable',
  generic: 'about:blank',
} as const;

/**
 * Builds an `application/problem+json` response.
 *
 * @example
 * ```ts
 * return problem(400, 'Invalid request body', 'imsi: expected 6 to 15 digits', { errors });
 * ```
 */
export function problem(status: number, title: string, detail: string, extra: Partial<ProblemDetails> = {}): Response {
  const type =
    extra.type ??
    (status === 400
      ? PROBLEM_TYPES.badRequest
      : status === 404
        ? PROBLEM_TYPES.notFound
        : status === 409
          ? PROBLEM_TYPES.conflict
          : PROBLEM_TYPES.generic);
  const body: ProblemDetails = { type, title, status, detail, ...extra };
  return new LiteResponse(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }).asResponse();
}

/** A JSON response with the given status. */
export function json(body: unknown, status = 200): Response {
  return new LiteResponse(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }).asResponse();
}
