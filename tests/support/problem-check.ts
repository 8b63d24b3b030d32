/**
 * What every element answer must be, checked: a 2xx, or a 4xx
 * `application/problem+json` body that says what was wrong and where.
 *
 * @module
 */

/** Statuses a refused request may get from an element. */
export const CLIENT_ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 413, 415] as const;

/** A problem body as the elements send it. */
export interface CheckedProblem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly cause?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

/**
 * Returns why `response` is not a contract answer, or undefined when it is:
 * 2xx with a JSON body, or a listed 4xx with a problem+json body whose
 * `status` matches, with a title and detail; a 400/413/415 also names each
 * field (`errors[].path`, `''` for the body itself) and the reason.
 */
export async function contractViolation(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status >= 200 && response.status < 300) {
    if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return `2xx without JSON: ${text.slice(0, 200)}`;
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      return `2xx with a body that is not JSON: ${text.slice(0, 200)}`;
    }
  }
  if (!(CLIENT_ERROR_STATUSES as readonly number[]).includes(response.status)) return `status ${response.status}: ${text.slice(0, 300)}`;
  if (response.headers.get('content-type') !== 'application/problem+json')
    return `${response.status} not problem+json: ${text.slice(0, 200)}`;
  let body: CheckedProblem;
  try {
    body = JSON.parse(text) as CheckedProblem;
  } catch {
    return `${response.status} body not JSON: ${text.slice(0, 200)}`;
  }
  if (body.status !== response.status) return `problem status ${body.status} on a ${response.status}`;
  if (typeof body.title !== 'string' || !body.title) return `problem without title: ${text}`;
  if (typeof body.detail !== 'string' || !body.detail) return `problem without detail: ${text}`;
  if (typeof body.type !== 'string' || !body.type) return `problem without type: ${text}`;
  if ([400, 413, 415].includes(response.status)) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) return `${response.status} names no field: ${text}`;
    for (const e of body.errors) {
      if (typeof e.path !== 'string' || typeof e.message !== 'string' || !e.message)
        return `${response.status} field problem without path or reason: ${text}`;
    }
  }
  if (response.status === 403 && typeof body.cause !== 'string') return `403 without a reject cause: ${text}`;
  return undefined;
}
