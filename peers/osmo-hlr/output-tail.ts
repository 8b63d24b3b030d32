/**
 * Keeping the end of a child process's output, bounded, for error messages
 * and for tests that look at what osmo-hlr logged.
 *
 * @module
 */

/**
 * The last `limit` bytes written to it.
 *
 * @example
 * ```ts
 * const tail = new OutputTail(4096);
 * child.stderr.on('data', (chunk) => tail.push(chunk));
 * tail.text();
 * ```
 */
export class OutputTail {
  readonly #limit: number;
  readonly #filter: (text: string) => string;
  #chunks: Buffer[] = [];
  #size = 0;

  /** @param filter applied to the text on the way out, e.g. to redact secrets. */
  constructor(limit: number, filter: (text: string) => string = (text) => text) {
    this.#limit = limit;
    this.#filter = filter;
  }

  /** Appends a chunk, dropping the oldest bytes past the limit. */
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size - (this.#chunks[0]?.length ?? 0) >= this.#limit && this.#chunks.length > 1) {
      this.#size -= this.#chunks.shift()!.length;
    }
  }

  /** The kept output as text, filtered. */
  text(): string {
    const all = Buffer.concat(this.#chunks);
    return this.#filter(all.subarray(Math.max(0, all.length - this.#limit)).toString('utf8'));
  }
}
