/**
 * Reads HTTP/1.1 answers off a byte stream, for the socket transport of the
 * element clients ({@link socketExchange}).
 *
 * It reads what an HTTP/1.1 server may send: a status line and headers,
 * interim 1xx answers (skipped), and a body framed by `content-length`, by
 * `transfer-encoding: chunked` (trailers skipped) or by the end of the
 * connection; `HEAD`, 204 and 304 answers have none. Bytes may arrive in any
 * slices, down to one at a time (a `slicer` toxic). Anything else is an
 * {@link AnswerParseError}, as `node:http`'s parser would raise one.
 *
 * @internal
 */
import { HTTP_TOKEN } from './exchange-types.js';

/** The answer broke HTTP/1.1; `code` follows `node:http`'s parse errors (`HPE_...`). */
export class AnswerParseError extends Error {
  readonly code: string;
  constructor(code: string, detail: string) {
    super(`the answer is not valid HTTP/1.1: ${detail}`);
    this.name = 'AnswerParseError';
    this.code = code;
  }
}

/** One whole answer. */
export interface ReadAnswer {
  readonly status: number;
  /** Header values by lower-case name; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, decoded as UTF-8. */
  readonly text: string;
  /** Whether the connection may carry another request after this answer. */
  readonly keepAlive: boolean;
}

/** Largest status line and headers accepted, as `node:http`'s default. */
export const MAX_HEAD_BYTES = 16 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,15})[ \t]*(?:;.*)?$/;

type Framing =
  | { readonly kind: 'length'; remaining: number }
  | { readonly kind: 'chunked'; state: 'size' | 'data' | 'data-end' | 'trailers'; remaining: number }
  | { readonly kind: 'until-close' };

/**
 * The reader of one connection. Feed it every chunk the socket gives, in
 * order; it returns the answer once it is whole. Reset it before the next
 * request on the same connection.
 */
export class AnswerReader {
  #pending: Buffer | undefined;
  #head: { status: number; headers: Record<string, string>; keepAlive: boolean } | undefined;
  #framing: Framing | undefined;
  #body: Buffer[] = [];
  #noBody = false;
  /** Bytes received after the whole answer: a server that sent more than it framed. */
  #extra = false;

  /** Prepares for the answer to a new request (`HEAD` answers carry no body). */
  reset(method: string): void {
    this.#pending = undefined;
    this.#head = undefined;
    this.#framing = undefined;
    this.#body = [];
    this.#noBody = method === 'HEAD';
    this.#extra = false;
  }

  /** Whether bytes came after the last whole answer: the connection must not be reused. */
  get overrun(): boolean {
    return this.#extra;
  }

  /**
   * Reads `chunk`; returns the answer when it is complete.
   * @throws AnswerParseError when the bytes are not an HTTP/1.1 answer.
   */
  push(chunk: Buffer): ReadAnswer | undefined {
    let data = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = undefined;
    while (!this.#head) {
      const end = data.indexOf(HEAD_END);
      if (end < 0) {
        if (data.length > MAX_HEAD_BYTES) throw new AnswerParseError('HPE_HEADER_OVERFLOW', `headers longer than ${MAX_HEAD_BYTES} bytes`);
        this.#pending = data;
        return undefined;
      }
      if (end > MAX_HEAD_BYTES) throw new AnswerParseError('HPE_HEADER_OVERFLOW', `headers longer than ${MAX_HEAD_BYTES} bytes`);
      const head = this.#readHead(data.toString('latin1', 0, end));
      data = data.subarray(end + HEAD_END.length);
      // An interim answer (100 Continue, 103 Early Hints): the real one follows.
      if (head.status >= 100 && head.status < 200 && head.status !== 101) continue;
      this.#head = head;
      this.#framing = this.#framingOf(head);
    }
    return this.#readBody(data);
  }

  /**
   * The connection ended: the answer if the body runs to the end of the connection.
   * @returns undefined when the answer is not whole (the connection was closed too early).
   */
  end(): ReadAnswer | undefined {
    return this.#head && this.#framing?.kind === 'until-close' ? this.#answer(false) : undefined;
  }

  #readHead(text: string): { status: number; headers: Record<string, string>; keepAlive: boolean } {
    const lines = text.split('\r\n');
    const status = STATUS_LINE.exec(lines[0]!);
    if (!status) throw new AnswerParseError('HPE_INVALID_CONSTANT', `status line ${JSON.stringify(lines[0]!.slice(0, 80))}`);
    const headers: Record<string, string> = Object.create(null) as Record<string, string>;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon).toLowerCase() : '';
      if (!HTTP_TOKEN.test(name))
        throw new AnswerParseError('HPE_INVALID_HEADER_TOKEN', `header line ${JSON.stringify(line.slice(0, 80))}`);
      const value = line.slice(colon + 1).trim();
      const before = headers[name];
      headers[name] = before === undefined ? value : `${before}, ${value}`;
    }
    const connection = headers['connection']?.toLowerCase();
    const keepAlive = status[1] === '1' ? !connection?.includes('close') : connection?.includes('keep-alive') === true;
    return { status: Number(status[2]), headers, keepAlive };
  }

  #framingOf(head: { status: number; headers: Record<string, string> }): Framing {
    if (this.#noBody || head.status === 204 || head.status === 304) return { kind: 'length', remaining: 0 };
    const coding = head.headers['transfer-encoding'];
    if (coding !== undefined) {
      if (!/(?:^|,)\s*chunked\s*$/i.test(coding))
        throw new AnswerParseError('HPE_INVALID_TRANSFER_ENCODING', `transfer-encoding ${JSON.stringify(coding)} does not end in chunked`);
      return { kind: 'chunked', state: 'size', remaining: 0 };
    }
    const length = head.headers['content-length'];
    if (length === undefined) return { kind: 'until-close' };
    const values = new Set(length.split(',').map((value) => value.trim()));
    const [only] = values;
    if (values.size !== 1 || !/^\d{1,15}$/.test(only!))
      throw new AnswerParseError('HPE_INVALID_CONTENT_LENGTH', `content-length ${JSON.stringify(length)}`);
    return { kind: 'length', remaining: Number(only) };
  }

  #readBody(data: Buffer): ReadAnswer | undefined {
    const framing = this.#framing!;
    if (framing.kind === 'until-close') {
      if (data.length) this.#body.push(data);
      return undefined;
    }
    if (framing.kind === 'length') {
      const take = Math.min(framing.remaining, data.length);
      if (take) this.#body.push(data.subarray(0, take));
      framing.remaining -= take;
      if (framing.remaining > 0) return undefined;
      if (data.length > take) this.#extra = true;
      return this.#answer(this.#head!.keepAlive);
    }
    return this.#readChunks(framing, data);
  }

  #readChunks(framing: Extract<Framing, { kind: 'chunked' }>, data: Buffer): ReadAnswer | undefined {
    while (data.length) {
      if (framing.state === 'data') {
        const take = Math.min(framing.remaining, data.length);
        this.#body.push(data.subarray(0, take));
        data = data.subarray(take);
        framing.remaining -= take;
        if (framing.remaining === 0) framing.state = 'data-end';
        continue;
      }
      const end = data.indexOf(LINE_END);
      if (end < 0) {
        if (data.length > MAX_HEAD_BYTES) throw new AnswerParseError('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'a chunk line without an end');
        this.#pending = data;
        return undefined;
      }
      const line = data.toString('latin1', 0, end);
      data = data.subarray(end + LINE_END.length);
      if (framing.state === 'data-end') {
        if (line !== '') throw new AnswerParseError('HPE_STRICT', 'chunk data longer than its size');
        framing.state = 'size';
      } else if (framing.state === 'size') {
        const size = CHUNK_SIZE.exec(line);
        if (!size) throw new AnswerParseError('HPE_INVALID_CHUNK_SIZE', `chunk size line ${JSON.stringify(line.slice(0, 40))}`);
        framing.remaining = parseInt(size[1]!, 16);
        framing.state = framing.remaining === 0 ? 'trailers' : 'data';
      } else if (line === '') {
        // The empty line after the trailers: the answer is whole.
        if (data.length) this.#extra = true;
        return this.#answer(this.#head!.keepAlive);
      }
    }
    return undefined;
  }

  #answer(keepAlive: boolean): ReadAnswer {
    const head = this.#head!;
    const body = this.#body;
    const text = body.length === 0 ? '' : body.length === 1 ? body[0]!.toString('utf8') : Buffer.concat(body).toString('utf8');
    return { status: head.status, headers: head.headers, text, keepAlive: keepAlive && !this.#extra };
  }
}
