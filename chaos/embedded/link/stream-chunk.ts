/**
 * The unit of data that travels down a toxic chain, and the one operation
 * every stage of the chain offers to the stage before it.
 *
 * @module
 */

/** Bytes read from a socket in one go, stamped with when they were read. */
export interface StreamChunk {
  readonly data: Buffer;
  /**
   * When the bytes arrived, in `performance.now()` milliseconds. Latency is
   * measured from here, so a chunk that waited in a queue is not delayed
   * twice; a latency toxic moves it forward by the delay it applied.
   */
  timestamp: number;
  /**
   * The request/response exchange of the connection the bytes belong to
   * (see `ExchangeCounter`): 1 for the first request and its answer, 2 for
   * the next... Toxics that split or copy chunks carry it over.
   */
  exchange?: number;
}

/**
 * Something a chunk can be handed to: the next toxic stub, or the socket at
 * the end of the chain.
 */
export interface ChunkSink {
  /**
   * Takes a chunk, or `null` for "no more data" (Go closing the channel).
   * The chunk is accepted at once, in order; a returned promise asks the
   * writer to wait before pushing more (backpressure), and is never needed
   * for correctness.
   */
  push(chunk: StreamChunk | null): Promise<void> | undefined;
}
