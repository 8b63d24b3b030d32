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
    return new ApiError(
      `proxy limit reached: this server holds at most ${max} proxies; delete one first, or start it with a larger maxProxies`,
      409,
    );
  }

  /** Not Toxiproxy's: the proxy holds its maximum of toxics (409). */
  static tooManyToxics(max: number): ApiError {
    return new ApiError(
      `toxic limit reached: a proxy holds at most ${max} toxics; delete one first, or start the server with a larger maxToxicsPerProxy`,
      409,
    );
  }

  /** Not Toxiproxy's: the request body is over the server's limit (413). */
  static bodyTooLarge(max: number): ApiError {
    return new ApiError(`request body too large: at most ${max} bytes; send less, or start the server with a larger maxBodyBytes`, 413);
  }

  /**
   * Any other failure, e.g. a listen error, which Go reports with status 500
   * and the error's own text.
   */
  static internal(message: string): ApiError {
    return new ApiError(message, 500);
  }
}
