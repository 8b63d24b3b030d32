/**
 * One stage of a toxic chain for one connection and one direction: an input
 * queue, an output, and the toxic currently running on it. This is Go's
 * `ToxicStub` with channels replaced by a queue and promises.
 *
 * A toxic is an async function that loops on {@link ToxicStub.read} and
 * {@link ToxicStub.write}. To change the chain of a live connection the link
 * *interrupts* the running toxic: its next (or current) `read` or `sleep`
 * reports {@link INTERRUPTED}, the toxic hands on whatever chunk it holds and
 * returns, and the link starts it again with new settings or a new output.
 * Data queued on the stub stays there, so nothing is lost or reordered.
 *
 * @module
 */
import type { ChunkSink, StreamChunk } from './stream-chunk.js';
import { startTimer } from './timer.js';
import type { ToxicRandom } from './toxic-random.js';

/** What `read` and `sleep` report when the toxic must stop and return. */
export const INTERRUPTED: unique symbol = Symbol('interrupted');
/** What `read` reports when its timeout passed with no data. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** What a toxic runs on a stub: its loop, and the probability that it runs at all. */
export interface StubProgram {
  /** Probability in [0, 1] that `pipe` runs rather than a pass-through; rolled at every start. */
  readonly toxicity: number;
  /**
   * The probability rolled here, per connection; default {@link toxicity}.
   * A per-request toxic sets 1 and rolls `toxicity` itself at each request.
   */
  readonly connectionToxicity?: number;
  /** The toxic's loop; returns when interrupted or after closing the stub. */
  pipe(stub: ToxicStub): Promise<void>;
}

type ReadResult = StreamChunk | null | typeof INTERRUPTED | typeof TIMED_OUT;

/**
 * A chain stage. Toxics use `read`, `write`, `sleep`, `close` and `state`;
 * the link uses the rest.
 *
 * @example
 * ```ts
 * async function passThrough(stub: ToxicStub): Promise<void> {
 *   for (;;) {
 *     const chunk = await stub.read();
 *     if (chunk === INTERRUPTED) return;
 *     if (chunk === null) return stub.close();
 *     await stub.write(chunk);
 *   }
 * }
 * ```
 */
export class ToxicStub implements ChunkSink {
  /** Where this stage's output goes; the link rewires it when neighbours come and go. */
  output: ChunkSink;
  /** Per-connection state of a stateful toxic (limit_data's byte count); survives restarts. */
  state: unknown;
  /**
   * Ends the whole connection with TCP RST on both sides at once, even on a
   * connection that opened without a `reset_peer` in place. For embedded-only
   * toxics; the link wires it to the connection (a lone stub just closes).
   */
  resetConnection: () => void = () => this.close();
  /** The server's dice: toxicity rolls and whatever a toxic draws (jitter, slice sizes). */
  random: ToxicRandom = Math.random;

  readonly #capacity: number;
  readonly #queue: (StreamChunk | null)[] = [];
  readonly #blockedWriters: (() => void)[] = [];
  #inputEnded = false;
  #closed = false;
  #killed = false;
  #interruptPending = false;
  #stopping = false;
  #reader: ((result: ReadResult) => void) | undefined;
  #cancelReadTimer: (() => void) | undefined;
  #sleeper: ((completed: boolean) => void) | undefined;
  #cancelSleepTimer: (() => void) | undefined;
  #writeWaiter: (() => void) | undefined;
  #deafSleeper: (() => void) | undefined;
  #running: Promise<void> | undefined;

  /**
   * @param capacity chunks the input holds before a writer must wait (Go's
   *   channel buffer size: 0 for most toxics, 1024 for latency)
   * @param output the next stage
   */
  constructor(capacity: number, output: ChunkSink) {
    this.#capacity = capacity;
    this.output = output;
  }

  /** True once this stage closed its output (Go's `stub.Closed()`). */
  get closed(): boolean {
    return this.#closed;
  }

  // ---- the toxic's side -------------------------------------------------

  /**
   * The next chunk; `null` once the input has ended (and again on every later
   * call, like a closed Go channel); {@link INTERRUPTED} when the toxic must
   * return; {@link TIMED_OUT} if `timeoutMs` passed first.
   */
  read(timeoutMs?: number): Promise<ReadResult> {
    if (this.#takeInterrupt()) return Promise.resolve(INTERRUPTED);
    if (this.#queue.length > 0) return Promise.resolve(this.#shift());
    if (this.#inputEnded) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#reader = resolve;
      if (timeoutMs !== undefined) {
        this.#cancelReadTimer = startTimer(timeoutMs, () => this.#settleRead(TIMED_OUT));
      }
    });
  }

  /**
   * Hands a chunk to the next stage. Resolves when the next stage wants more,
   * or at once if this toxic is interrupted meanwhile (the chunk is delivered
   * either way).
   */
  write(chunk: StreamChunk): Promise<void> {
    const backpressure = this.output.push(chunk);
    // A toxic that is being stopped must not wait: the stage it writes to may be stopped too.
    if (backpressure === undefined || this.#killed || this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      this.#writeWaiter = resolve;
      void backpressure.then(() => this.#settleWrite());
    });
  }

  /** Waits `ms` milliseconds; resolves false instead if interrupted first. */
  sleep(ms: number): Promise<boolean> {
    if (this.#takeInterrupt()) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.#sleeper = resolve;
      this.#cancelSleepTimer = startTimer(ms, () => this.#settleSleep(true));
    });
  }

  /**
   * Waits `ms` milliseconds whatever happens, as Go's bare `<-time.After(d)`
   * does; only tearing the connection down cuts it short.
   */
  sleepThroughInterrupts(ms: number): Promise<void> {
    if (this.#killed || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const cancel = startTimer(ms, () => this.#settleDeafSleep());
      this.#deafSleeper = () => {
        cancel();
        resolve();
      };
    });
  }

  /** Ends this stage's output: every later stage sees the end of the stream. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.output.push(null);
  }

  // ---- the link's side --------------------------------------------------

  /** Accepts a chunk from the previous stage (see {@link ChunkSink.push}). */
  push(chunk: StreamChunk | null): Promise<void> | undefined {
    if (this.#killed || this.#closed) return undefined;
    if (this.#reader !== undefined && this.#queue.length === 0) {
      if (chunk === null) this.#inputEnded = true;
      this.#settleRead(chunk);
      return undefined;
    }
    this.#queue.push(chunk);
    if (this.#queue.length <= this.#capacity) return undefined;
    return new Promise((resolve) => this.#blockedWriters.push(resolve));
  }

  /** Starts `program` on this stage, rolling its toxicity as Go's `ToxicStub.Run` does. */
  run(program: StubProgram, passThrough: (stub: ToxicStub) => Promise<void>): void {
    const applies = randomFloat32(this.random) < (program.connectionToxicity ?? program.toxicity);
    const running = (applies ? program.pipe(this) : passThrough(this))
      // A toxic that throws is a bug; ending its stream beats a hung connection.
      .catch(() => this.close())
      .finally(() => {
        this.#interruptPending = false;
        if (this.#running === running) this.#running = undefined;
      });
    this.#running = running;
  }

  /**
   * Stops the running toxic so it can be restarted or rewired. Resolves true
   * once it has returned, false if this stage had already closed.
   */
  async interrupt(): Promise<boolean> {
    const running = this.#running;
    if (this.#closed || this.#killed || running === undefined) return !this.#closed && !this.#killed;
    this.#stopping = true;
    if (this.#reader !== undefined) this.#settleRead(INTERRUPTED);
    else if (this.#sleeper !== undefined) this.#settleSleep(false);
    else this.#interruptPending = true;
    this.#settleWrite();
    await running;
    this.#stopping = false;
    return !this.#closed && !this.#killed;
  }

  /** Removes and returns everything queued, releasing any writer waiting on this stage. */
  takeQueued(): (StreamChunk | null)[] {
    const queued = this.#queue.splice(0);
    this.#releaseWriters();
    return queued;
  }

  /** Tears the stage down for good: pending waits end, timers stop, input is dropped. */
  kill(): void {
    if (this.#killed) return;
    this.#killed = true;
    this.#queue.length = 0;
    this.#releaseWriters();
    this.#settleRead(INTERRUPTED);
    this.#settleSleep(false);
    this.#settleDeafSleep();
    this.#settleWrite();
  }

  // ---- internals --------------------------------------------------------

  #takeInterrupt(): boolean {
    if (this.#killed) return true;
    if (!this.#interruptPending) return false;
    this.#interruptPending = false;
    return true;
  }

  #shift(): StreamChunk | null {
    const chunk = this.#queue.shift()!;
    if (chunk === null) this.#inputEnded = true;
    this.#releaseWriters();
    return chunk;
  }

  /** Releases writers whose chunk now fits within the capacity. */
  #releaseWriters(): void {
    const overflow = Math.max(0, this.#queue.length - this.#capacity);
    while (this.#blockedWriters.length > overflow) this.#blockedWriters.shift()!();
  }

  #settleRead(result: ReadResult): void {
    const reader = this.#reader;
    this.#reader = undefined;
    this.#cancelReadTimer?.();
    this.#cancelReadTimer = undefined;
    reader?.(result);
  }

  #settleSleep(completed: boolean): void {
    const sleeper = this.#sleeper;
    this.#sleeper = undefined;
    this.#cancelSleepTimer?.();
    this.#cancelSleepTimer = undefined;
    sleeper?.(completed);
  }

  #settleDeafSleep(): void {
    const sleeper = this.#deafSleeper;
    this.#deafSleeper = undefined;
    sleeper?.();
  }

  #settleWrite(): void {
    const waiter = this.#writeWaiter;
    this.#writeWaiter = undefined;
    waiter?.();
  }
}

/** Go's `rand.Float32()`: uniform in [0, 1), re-drawn in the rare case float32 rounding gives 1. */
function randomFloat32(random: ToxicRandom): number {
  for (;;) {
    const r = Math.fround(random());
    if (r < 1) return r;
  }
}
