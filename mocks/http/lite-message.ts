/**
 * Requests and answers of our elements without the Fetch API's streams.
 *
 * A WHATWG `Request` or `Response` builds a readable stream, an abort
 * signal and transferable wrappers; reading or cloning one tees its stream.
 * For a JSON body of a few hundred bytes that machinery costs several times
 * the element's own work (see BENCHMARKS.md, layer costs). Our handlers only
 * use a small part of the API (method, url, headers, text/json, clone), so
 * `serveHandler` hands them a {@link LiteRequest} and the problem/json
 * helpers answer with a {@link LiteResponse}; both are used through the
 * `Request`/`Response` types. Where a real one is needed (MSW, a user's
 * code), {@link toFetchResponse} makes one.
 *
 * @internal
 */

/** Headers with case-insensitive names, as the Fetch API's, over a plain map. */
export class LiteHeaders {
  readonly #values = new Map<string, string>();

  constructor(init?: Readonly<Record<string, string | string[] | undefined>>) {
    for (const [name, value] of Object.entries(init ?? {})) {
      if (value !== undefined) this.#values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.#values.get(key);
    this.#values.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.#values) callback(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

/** A body already read into memory: text, JSON and bytes without a stream. */
abstract class LiteBody {
  /** The body text, or null for none (so `if (message.body)` works as with the Fetch API). */
  readonly body: string | null;

  constructor(text: string | null) {
    this.body = text === '' ? null : text;
  }

  get bodyUsed(): boolean {
    return false;
  }

  text(): Promise<string> {
    return Promise.resolve(this.body ?? '');
  }

  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.body ?? ''));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.body ?? '', 'utf8');
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
}

/** A request as `serveHandler` gives it to a handler. Immutable, so `clone()` is itself. */
export class LiteRequest extends LiteBody {
  readonly method: string;
  readonly url: string;
  readonly headers: LiteHeaders;
  /** The URL's path, without query or fragment: what routing, logs and guards look at. */
  readonly pathname: string;
  #parsed: { readonly value: unknown } | { readonly error: unknown } | undefined;

  constructor(init: { method: string; url: string; headers: LiteHeaders; body: string; pathname?: string }) {
    super(init.body);
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.pathname = init.pathname ?? new URL(init.url).pathname;
  }

  /**
   * The body parsed as JSON once, for the layers of one element (log,
   * router) that each read it. Callers must not change what it returns.
   */
  parsedJson(): unknown {
    this.#parsed ??= (() => {
      try {
        return { value: JSON.parse(this.body ?? '') as unknown };
      } catch (error) {
        return { error };
      }
    })();
    if ('error' in this.#parsed) throw this.#parsed.error;
    return this.#parsed.value;
  }

  clone(): LiteRequest {
    return this;
  }

  /** Seen through the `Request` type, as handlers take it. */
  asRequest(): Request {
    return this as unknown as Request;
  }
}

/** An answer built by our helpers; `serveHandler` writes it without a stream. */
export class LiteResponse extends LiteBody {
  readonly status: number;
  readonly headers: LiteHeaders;

  constructor(body: string, init: { status: number; headers: Readonly<Record<string, string>> }) {
    super(body);
    this.status = init.status;
    this.headers = new LiteHeaders(init.headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return '';
  }

  clone(): LiteResponse {
    return this;
  }

  /** Seen through the `Response` type, as handlers return it. */
  asResponse(): Response {
    return this as unknown as Response;
  }
}

/** The path of `request`'s URL: read off a {@link LiteRequest}, parsed for any other `Request`. */
export function pathnameOf(request: Request): string {
  return (request as unknown) instanceof LiteRequest ? (request as unknown as LiteRequest).pathname : new URL(request.url).pathname;
}

/**
 * `request`'s body as JSON, parsed once per {@link LiteRequest} however many
 * layers ask; a fresh parse of a clone for any other `Request`.
 * @throws SyntaxError when the body is not JSON.
 */
export async function jsonOf(request: Request): Promise<unknown> {
  return (request as unknown) instanceof LiteRequest ? (request as unknown as LiteRequest).parsedJson() : request.clone().json();
}

/** Whether `value` is an answer: a Fetch API `Response` or one of ours. */
export function isResponse(value: unknown): value is Response {
  // Not `instanceof Response`: reading the global Response loads undici, which a world otherwise never needs.
  return value instanceof LiteResponse || Object.prototype.toString.call(value) === '[object Response]';
}

/** A real Fetch API `Response` for `response`, for MSW and other code that needs one. */
export function toFetchResponse(response: Response): Response {
  if (!((response as unknown) instanceof LiteResponse)) return response;
  const lite = response as unknown as LiteResponse;
  const headers = new Headers();
  lite.headers.forEach((value, name) => headers.set(name, value));
  return new Response(lite.body, { status: lite.status, headers });
}
