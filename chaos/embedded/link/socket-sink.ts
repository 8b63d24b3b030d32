/**
 * The last stage of a toxic chain: writes chunks to the destination socket
 * and reports the end of the stream to the link (which decides how to close).
 *
 * @module
 */
import type { Socket } from 'node:net';
import type { ChunkSink, StreamChunk } from './stream-chunk.js';

/**
 * Writes to `dest`; `onEnd` runs when the chain's stream ends.
 *
 * @example
 * ```ts
 * const sink = new SocketSink(client, () => closeSocket(client));
 * ```
 */
export class SocketSink implements ChunkSink {
  readonly #dest: Socket;
  readonly #onEnd: () => void;
  readonly #counter: { sent(bytes: number): void } | undefined;
  #drained: Promise<void> | undefined;

  /** @param counter told of every byte handed to `dest`, when traffic is measured */
  constructor(dest: Socket, onEnd: () => void, counter?: { sent(bytes: number): void }) {
    this.#dest = dest;
    this.#onEnd = onEnd;
    this.#counter = counter;
  }

  /** Writes the chunk; asks the writer to wait while the socket's buffer is full. */
  push(chunk: StreamChunk | null): Promise<void> | undefined {
    if (chunk !== null) return this.writeRaw(chunk.data);
    this.#onEnd();
    return undefined;
  }

  /** {@link push} for the pass-through path, which has bytes but no chunk object. */
  writeRaw(data: Buffer): Promise<void> | undefined {
    const dest = this.#dest;
    // A socket the peer or a neighbouring link already closed swallows data, as a closed Go conn does.
    if (dest.destroyed || dest.writableEnded) return undefined;
    this.#counter?.sent(data.length);
    if (dest.write(data)) return undefined;
    this.#drained ??= new Promise((resolve) => {
      const done = (): void => {
        this.#drained = undefined;
        dest.off('drain', done);
        dest.off('close', done);
        resolve();
      };
      dest.on('drain', done);
      dest.on('close', done);
    });
    return this.#drained;
  }
}
