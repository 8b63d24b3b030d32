/**
 * Splits a TCP byte stream into Diameter messages by their 24-bit length
 * field, with a maximum message size so a peer cannot make us buffer without
 * bound. Whole messages inside one chunk are returned as views of it; only a
 * message split across chunks is copied, once, when its last byte arrives.
 *
 * @module
 */
import { checkHeader } from './decode.js';
import type { DiameterDecodeError } from './errors.js';

/** The largest message a reader accepts unless told otherwise: 64 KiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 65_536;

/**
 * A stream reader for Diameter over TCP.
 *
 * @example
 * ```ts
 * const reader = new DiameterFrameReader({ maxMessageBytes: 65_536 });
 * socket.on('data', (chunk) => { for (const frame of reader.push(chunk)) handle(decodeMessage(frame)) });
 * ```
 */
export class DiameterFrameReader {
  readonly #max: number;
  #parts: Buffer[] = [];
  #total = 0;
  /** Length of the message being gathered, once its header is in; 0 before. */
  #need = 0;
  #failure: DiameterDecodeError | undefined;

  /** @param options `maxMessageBytes`: longer messages are refused (default 64 KiB). */
  constructor(options: { maxMessageBytes?: number } = {}) {
    this.#max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /**
   * A fatal error found after whole messages in the same chunk: those were
   * returned, and the next {@link push} throws this. Check it after handling them.
   */
  get failure(): DiameterDecodeError | undefined {
    return this.#failure;
  }

  /** Bytes held for a message not yet complete. */
  get buffered(): number {
    return this.#total;
  }

  /**
   * Takes the next chunk of the stream and returns the messages it completes.
   *
   * @throws {DiameterDecodeError} (fatal) for a bad version, a length that is
   * not a multiple of 4, shorter than a header or over the maximum: the stream
   * cannot be resynchronised and the connection should close. Messages before
   * the bad header in the same chunk are returned first (see {@link failure}).
   */
  push(chunk: Buffer): Buffer[] {
    if (this.#failure) throw this.#failure;
    if (this.#total === 0) return this.#drain(chunk);
    this.#parts.push(chunk);
    this.#total += chunk.length;
    if (this.#need === 0 && this.#total >= 4) {
      const head = Buffer.concat(this.#parts, this.#total);
      this.#parts = [head];
      this.#need = checkHeader(head, this.#max);
    }
    if (this.#need === 0 || this.#total < this.#need) return [];
    const all = Buffer.concat(this.#parts, this.#total);
    this.#parts = [];
    this.#total = 0;
    this.#need = 0;
    return this.#drain(all);
  }

  #drain(buffer: Buffer): Buffer[] {
    const messages: Buffer[] = [];
    let offset = 0;
    let need = 0;
    while (buffer.length - offset >= 4) {
      try {
        need = checkHeader(buffer.subarray(offset, offset + 4), this.#max);
      } catch (error) {
        if (messages.length === 0) throw error;
        this.#failure = error as DiameterDecodeError;
        return messages;
      }
      if (buffer.length - offset < need) break;
      messages.push(buffer.subarray(offset, offset + need));
      offset += need;
      need = 0;
    }
    if (offset < buffer.length) {
      this.#parts = [buffer.subarray(offset)];
      this.#total = buffer.length - offset;
      this.#need = need;
    }
    return messages;
  }
}
