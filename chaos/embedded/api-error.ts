/**
 * The errors the HTTP API answers with, word for word as Toxiproxy's
 * `api.go` defines them. They are answers, not failures of this server, so
 * they do not use the `[roam]` message form.
 *
 * @module
 */

/**
 * An error the API reports as `{"error":"<message>","status":<status>}`.
 *
 * @example
 * ```ts
 * throw ApiError.proxyNotFound();
 * ```
 */
export class ApiError extends Error {
  /** The HTTP status code to answer with. */
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }

  /** `proxy not found` (404). */
  static proxyNotFound(): ApiError {
    return new ApiError('proxy not found', 404);
  }

  /** `proxy already exists` (409). */
  static proxyAlreadyExists(): ApiError {
    return new ApiError('proxy already exists', 409);
  }

  /** `toxic not found` (404). */
  static toxicNotFound(): ApiError {
    return new ApiError('toxic not found', 404);
  }

  /** `toxic already exists` (409). */
  static toxicAlreadyExists(): ApiError {
    return new ApiError('toxic already exists', 409);
  }

  /** `invalid toxic type` (400), also for a missing `type`. */
  static invalidToxicType(): ApiError {
    return new ApiError('invalid toxic type', 400);
  }

  /** The stream is neither upstream nor downstream, in any case (400). */
  static invalidStream(): ApiError {
    return new ApiError('stream was invalid, can be either upstream or downstream', 400);
  }

  /** `bad request body: <Go json error>` (400). */
  static badRequestBody(cause: string): ApiError {
    return new ApiError(`bad request body: ${cause}`, 400);
  }

  /** `missing required field: <field>` (400). */
  static missingField(field: string): ApiError {
    return new ApiError(`missing required field: ${field}`, 400);
  }

  /** Not Toxiproxy's: the server holds its maximum of proxies (409). */
  static tooManyProxies(max: number): ApiError {
    return new ApiError(`proxy limit reached: this server holds at most ${max} proxies; delete one first, or ${raise('maxProxies')}`, 409);
  }

  /** Not Toxiproxy's: the proxy holds its maximum of toxics (409). */
  static tooManyToxics(max: number): ApiError {
    return new ApiError(
      `toxic limit reached: a proxy holds at most ${max} toxics; delete one first, or ${raise('maxToxicsPerProxy')}`,
      409,
    );
  }

  /** Not Toxiproxy's: the request body is over the server's limit (413). */
  static bodyTooLarge(max: number): ApiError {
    return new ApiError(`request body too large: at most ${max} bytes; send less, or ${raise('maxBodyBytes')}`, 413);
  }

  /**
   * Not Toxiproxy's: a name or address over the server's length limit (400).
   * `what` says which, e.g. `proxy name at proxy 2`.
   */
  static tooLong(what: string, bytes: number, max: number, limit: 'maxNameBytes' | 'maxAddressBytes'): ApiError {
    return new ApiError(`${what} too long: ${bytes} bytes, over this server's limit of ${max}; shorten it, or ${raise(limit)}`, 400);
  }

  /** Not Toxiproxy's: a name no path could address, e.g. one with a slash (400). */
  static unaddressableName(what: string, name: string, where: string, why: string): ApiError {
    return new ApiError(`invalid ${what} ${JSON.stringify(name)}${where}: ${why}, so no URL could reach it; choose another name`, 400);
  }

  /** Not Toxiproxy's: an upstream outside the server's allow-list (403). */
  static upstreamNotAllowed(upstream: string, where: string, why: string): ApiError {
    return new ApiError(
      `upstream not allowed${where}: ${upstream} ${why}; use an allowed upstream, or restart the server allowing it ` +
        '(roam toxiproxy --allow-upstream, or allowedUpstreams of startEmbeddedToxiproxy)',
      403,
    );
  }

  /**
   * Any other failure, e.g. a listen error, which Go reports with status 500
   * and the error's own text.
   */
  static internal(message: string): ApiError {
    return new ApiError(message, 500);
  }
}

/** Which flag of `roam toxiproxy` sets each limit (tests/chaos-cli-toxiproxy.test.ts checks they exist). */
const LIMIT_FLAGS = {
  maxProxies: '--max-proxies',
  maxToxicsPerProxy: '--max-toxics-per-proxy',
  maxBodyBytes: '--max-body-bytes',
  maxNameBytes: '--max-name-bytes',
  maxAddressBytes: '--max-address-bytes',
} as const;

function raise(limit: keyof typeof LIMIT_FLAGS): string {
  return `restart the server with a higher limit (roam toxiproxy ${LIMIT_FLAGS[limit]}, or limits.${limit} of startEmbeddedToxiproxy)`;
}
