/**
 * Reads one JSON value the way Go's `json.NewDecoder(body).Decode(&v)` does,
 * so that malformed request bodies produce the exact error texts Toxiproxy
 * puts after `bad request body: `:
 *
 * - nothing but whitespace: `EOF`
 * - a value cut short: `unexpected EOF`
 * - a bad byte: `invalid character 'x' looking for beginning of value`, ...
 *
 * Like Go's decoder it stops at the end of the first value, so bytes after it
 * are never looked at (`{"a":1} junk` decodes fine).
 *
 * @module
 */
import { decodeGoString } from './go-string.js';

/** A parsed JSON value; numbers keep their literal text, as Go needs it for errors. */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonNode])[] }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly literal: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' };

/** Either the first value of the input, or Go's error text for why there is none. */
export type ScanResult = { readonly ok: true; readonly value: JsonNode } | { readonly ok: false; readonly error: string };

/** Go's `maxNestingDepth`. */
const MAX_DEPTH = 10_000;

type Container = { kind: 'object'; entries: [string, JsonNode][]; key: string } | { kind: 'array'; items: JsonNode[] };

class SyntaxFailure {
  constructor(readonly message: string) {}
}

/**
 * Reads the first JSON value of `input`.
 *
 * @example
 * ```ts
 * readGoJsonValue(Buffer.from('')) // { ok: false, error: 'EOF' }
 * readGoJsonValue(Buffer.from('{"a":')) // { ok: false, error: 'unexpected EOF' }
 * ```
 */
export function readGoJsonValue(input: Uint8Array): ScanResult {
  try {
    return { ok: true, value: new Reader(input).read() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.message };
    throw e;
  }
}

class Reader {
  #pos = 0;
  readonly #stack: Container[] = [];

  constructor(readonly bytes: Uint8Array) {}

  read(): JsonNode {
    this.#skipSpace();
    if (this.#pos >= this.bytes.length) throw new SyntaxFailure('EOF');
    let value = this.#beginValue();
    // Iterative rather than recursive: Go accepts 10 000 levels of nesting.
    for (;;) {
      if (value === undefined) {
        value = this.#afterOpen();
        continue;
      }
      const top = this.#stack.at(-1);
      if (top === undefined) return value;
      if (top.kind === 'object') {
        top.entries.push([top.key, value]);
        value = this.#afterObjectValue(top);
      } else {
        top.items.push(value);
        value = this.#afterArrayElement();
      }
    }
  }

  /** Reads a value, or opens a container and returns undefined. */
  #beginValue(): JsonNode | undefined {
    this.#skipSpace();
    const c = this.#next();
    switch (c) {
      case 0x7b: // {
        this.#push({ kind: 'object', entries: [], key: '' }, c);
        return undefined;
      case 0x5b: // [
        this.#push({ kind: 'array', items: [] }, c);
        return undefined;
      case 0x22: // "
        return { kind: 'string', value: this.#stringBody() };
      case 0x74: // t
        this.#literal('true');
        return { kind: 'bool', value: true };
      case 0x66: // f
        this.#literal('false');
        return { kind: 'bool', value: false };
      case 0x6e: // n
        this.#literal('null');
        return { kind: 'null' };
      default:
        if (c === 0x2d || isDigit(c)) return { kind: 'number', literal: this.#number(c) };
        throw invalid(c, 'looking for beginning of value');
    }
  }

  /** Right after `{` or `[`: either the container closes at once or its first member starts. */
  #afterOpen(): JsonNode | undefined {
    const top = this.#stack.at(-1)!;
    this.#skipSpace();
    const c = this.#peek();
    if (top.kind === 'object') {
      if (c === 0x7d) return this.#close();
      this.#objectKey(this.#next(), top);
      return this.#beginValue();
    }
    if (c === 0x5d) return this.#close();
    return this.#beginValue();
  }

  #afterObjectValue(top: Extract<Container, { kind: 'object' }>): JsonNode | undefined {
    this.#skipSpace();
    const c = this.#next();
    if (c === 0x7d) return this.#close(true);
    if (c !== 0x2c) throw invalid(c, 'after object key:value pair');
    this.#skipSpace();
    this.#objectKey(this.#next(), top);
    return this.#beginValue();
  }

  #afterArrayElement(): JsonNode | undefined {
    this.#skipSpace();
    const c = this.#next();
    if (c === 0x5d) return this.#close(true);
    if (c !== 0x2c) throw invalid(c, 'after array element');
    return this.#beginValue();
  }

  #objectKey(c: number, top: Extract<Container, { kind: 'object' }>): void {
    if (c !== 0x22) throw invalid(c, 'looking for beginning of object key string');
    top.key = this.#stringBody();
    this.#skipSpace();
    const colon = this.#next();
    if (colon !== 0x3a) throw invalid(colon, 'after object key');
  }

  #push(container: Container, c: number): void {
    this.#stack.push(container);
    if (this.#stack.length > MAX_DEPTH) throw invalid(c, 'exceeded max depth');
  }

  #close(consumed = false): JsonNode {
    if (!consumed) this.#pos++;
    const top = this.#stack.pop()!;
    return top.kind === 'object' ? { kind: 'object', entries: top.entries } : { kind: 'array', items: top.items };
  }

  #stringBody(): string {
    const start = this.#pos;
    for (;;) {
      const c = this.#next();
      if (c === 0x22) return decodeGoString(this.bytes.subarray(start, this.#pos - 1));
      if (c === 0x5c) {
        this.#escape();
        continue;
      }
      if (c < 0x20) throw invalid(c, 'in string literal');
    }
  }

  #escape(): void {
    const c = this.#next();
    if (c === 0x75) {
      for (let i = 0; i < 4; i++) {
        const h = this.#next();
        if (!isHex(h)) throw invalid(h, 'in \\u hexadecimal character escape');
      }
      return;
    }
    // " \ / b f n r t
    if (![0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(c)) throw invalid(c, 'in string escape code');
  }

  #literal(word: string): void {
    for (let i = 1; i < word.length; i++) {
      const c = this.#next();
      const expected = word.charCodeAt(i);
      if (c !== expected) throw invalid(c, `in literal ${word} (expecting '${word[i]}')`);
    }
  }

  /** Reads a number whose first byte `first` was consumed; stops before the byte that ends it. */
  #number(first: number): string {
    const start = this.#pos - 1;
    let c = first;
    if (c === 0x2d) {
      c = this.#next();
      if (!isDigit(c)) throw invalid(c, 'in numeric literal');
    }
    if (c !== 0x30) while (isDigit(this.#peek())) this.#pos++;
    if (this.#peek() === 0x2e) {
      this.#pos++;
      const d = this.#next();
      if (!isDigit(d)) throw invalid(d, 'after decimal point in numeric literal');
      while (isDigit(this.#peek())) this.#pos++;
    }
    const e = this.#peek();
    if (e === 0x65 || e === 0x45) {
      this.#pos++;
      let d = this.#next();
      if (d === 0x2b || d === 0x2d) d = this.#next();
      if (!isDigit(d)) throw invalid(d, 'in exponent of numeric literal');
      while (isDigit(this.#peek())) this.#pos++;
    }
    return Buffer.from(this.bytes.subarray(start, this.#pos)).toString('latin1');
  }

  /** The next byte; running out of input inside a value is Go's `unexpected EOF`. */
  #next(): number {
    if (this.#pos >= this.bytes.length) throw new SyntaxFailure('unexpected EOF');
    return this.bytes[this.#pos++]!;
  }

  /** The next byte without consuming it, or -1 at the end (a number may end there). */
  #peek(): number {
    return this.#pos < this.bytes.length ? this.bytes[this.#pos]! : -1;
  }

  #skipSpace(): void {
    while (this.#pos < this.bytes.length && isSpace(this.bytes[this.#pos]!)) this.#pos++;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function invalid(c: number, context: string): SyntaxFailure {
  return new SyntaxFailure(`invalid character ${quoteChar(c)} ${context}`);
}

/** Go's `quoteChar`: the byte as a rune, quoted like `strconv.Quote` but in single quotes. */
export function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  const name = named[c];
  if (name !== undefined) return `'${name}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // A byte >= 0x80 becomes the rune U+0080..U+00FF; strconv.Quote escapes the unprintable ones.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${c.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}
