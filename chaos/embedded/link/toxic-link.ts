/**
 * One direction of one proxied connection: bytes read from `source` go
 * through a chain of toxic stubs and are written to `dest` (Go's
 * `ToxicLink`). Toxics can be added, updated and removed while the
 * connection is live.
 *
 * With no toxics in the chain the link is a plain pipe: each chunk read is
 * written straight to `dest`, with no timer, promise or wrapper object,
 * so an unpoisoned proxy costs little more than a direct connection.
 *
 * @module
 */
import type { Socket } from 'node:net';
import type { ExchangeCounter } from './exchange-counter.js';
import { SocketSink } from './socket-sink.js';
import type { ToxicRandom } from './toxic-random.js';
import { ToxicStub, type StubProgram } from './toxic-stub.js';

/** What a link needs to know about one toxic of its chain. */
export interface ChainToxic extends StubProgram {
  /** Chunks the stub's input holds before the writer must wait. */
  readonly bufferSize: number;
  /** Creates per-connection state for stateful toxics. */
  newState?(): unknown;
  /** Runs when the toxic is removed from a live link, after it was interrupted. */
  cleanup?(stub: ToxicStub): void;
}

/** How the link reaches its sockets and reports back. */
export interface LinkWiring {
  readonly source: Socket;
  readonly dest: Socket;
  /** Closes `dest` once the chain's stream has ended (gracefully, or with RST). */
  readonly closeDest: () => void;
  /** The toxic that runs when a roll of toxicity fails: a plain pass-through. */
  readonly passThrough: (stub: ToxicStub) => Promise<void>;
  /** Called once, when the link has closed `dest` or was killed. */
  readonly onDone: () => void;
  /** Which way this link carries data. */
  readonly direction: 'upstream' | 'downstream';
  /** The connection's request/response exchanges, shared by its two links. */
  readonly exchanges: ExchangeCounter;
  /** Ends the whole connection with TCP RST on both sides, whatever it opened with. */
  readonly resetConnection: () => void;
  /** The server's dice for the stubs of this link. */
  readonly random?: ToxicRandom;
  /** Counts bytes read from `source` and written to `dest` (for `/metrics`); absent when not measured. */
  readonly traffic?: LinkTraffic | undefined;
}

/** Where a link reports the bytes it moves. */
export interface LinkTraffic {
  /** Bytes read from the source. */
  received(bytes: number): void;
  /** Bytes written to the destination. */
  sent(bytes: number): void;
}

/**
 * A live link.
 *
 * @example
 * ```ts
 * const link = new ToxicLink(wiring, chain);
 * link.start();
 * await link.addToxic(latency, undefined);
 * ```
 */
export class ToxicLink {
  readonly #wiring: LinkWiring;
  readonly #sink: SocketSink;
  readonly #stubs: ToxicStub[] = [];
  #inputEnded = false;
  #done = false;

  /** @param chain the toxics of this direction when the connection opened, in order */
  constructor(wiring: LinkWiring, chain: readonly ChainToxic[]) {
    this.#wiring = wiring;
    this.#sink = new SocketSink(wiring.dest, () => this.#finish(true), wiring.traffic);
    for (const toxic of chain.toReversed()) {
      const stub = this.#newStub(toxic, this.#stubs[0] ?? this.#sink);
      this.#stubs.unshift(stub);
    }
    chain.forEach((toxic, i) => this.#stubs[i]!.run(toxic, wiring.passThrough));
  }

  /** True once the link closed its destination or was killed. */
  get done(): boolean {
    return this.#done;
  }

  /** Starts reading from the source. */
  start(): void {
    const { source } = this.#wiring;
    source.on('data', this.#onData);
    source.once('end', this.#onInputEnd);
    source.once('close', this.#onInputEnd);
    source.resume();
  }

  /** Appends a toxic to the chain; `previous` is the toxic before it, to restart. */
  async addToxic(toxic: ChainToxic, previous: ChainToxic | undefined): Promise<void> {
    if (this.#done) return;
    const stub = this.#newStub(toxic, this.#sink);
    const last = this.#stubs.at(-1);
    if (last === undefined || previous === undefined) {
      // The source feeds the head directly, so switching it over is enough.
      this.#stubs.push(stub);
      stub.run(toxic, this.#wiring.passThrough);
      return;
    }
    if (!(await last.interrupt())) {
      stub.kill();
      return;
    }
    last.output = stub;
    this.#stubs.push(stub);
    stub.run(toxic, this.#wiring.passThrough);
    // Go restarts the neighbour, which re-rolls its toxicity: so do we.
    last.run(previous, this.#wiring.passThrough);
  }

  /** Restarts the toxic at `index` with new settings (and a new toxicity roll). */
  async updateToxic(index: number, toxic: ChainToxic): Promise<void> {
    const stub = this.#stubs[index];
    if (this.#done || stub === undefined) return;
    if (await stub.interrupt()) stub.run(toxic, this.#wiring.passThrough);
  }

  /** Takes the toxic at `index` out of the chain without losing or reordering data. */
  async removeToxic(index: number, toxic: ChainToxic, previous: ChainToxic | undefined): Promise<void> {
    const stub = this.#stubs[index];
    if (this.#done || stub === undefined) return;
    if (!(await stub.interrupt())) return this.#drop(index);
    toxic.cleanup?.(stub);
    if (stub.closed) return this.#drop(index);

    const before = this.#stubs[index - 1];
    const beforeStopped = before !== undefined && (await before.interrupt());
    for (const chunk of stub.takeQueued()) {
      if (chunk === null) {
        stub.close();
        return this.#drop(index);
      }
      stub.output.push(chunk);
    }
    if (before !== undefined) before.output = stub.output;
    this.#drop(index);
    if (beforeStopped && previous !== undefined) before.run(previous, this.#wiring.passThrough);
  }

  /** Stops every toxic and timer of this link at once; the connection is going away. */
  kill(): void {
    this.#finish(false);
  }

  #newStub(toxic: ChainToxic, output: ToxicStub | SocketSink): ToxicStub {
    const stub = new ToxicStub(toxic.bufferSize, output);
    stub.state = toxic.newState?.();
    stub.resetConnection = this.#wiring.resetConnection;
    if (this.#wiring.random !== undefined) stub.random = this.#wiring.random;
    return stub;
  }

  #drop(index: number): void {
    const [stub] = this.#stubs.splice(index, 1);
    stub?.kill();
  }

  readonly #onData = (data: Buffer): void => {
    this.#wiring.traffic?.received(data.length);
    const head = this.#stubs[0];
    // Counted even with no toxics, so a per-request toxic added later knows where requests begin.
    const exchange = this.#wiring.exchanges.observe(this.#wiring.direction);
    const wait = head === undefined ? this.#sink.writeRaw(data) : head.push({ data, timestamp: performance.now(), exchange });
    if (wait !== undefined) {
      this.#wiring.source.pause();
      void wait.then(this.#resume);
    }
  };

  readonly #resume = (): void => {
    if (!this.#done) this.#wiring.source.resume();
  };

  readonly #onInputEnd = (): void => {
    if (this.#inputEnded) return;
    this.#inputEnded = true;
    (this.#stubs[0] ?? this.#sink).push(null);
  };

  #finish(closeDest: boolean): void {
    if (this.#done) return;
    this.#done = true;
    for (const stub of this.#stubs) stub.kill();
    // Go stops reading once its chain is gone; the peer then feels TCP backpressure.
    this.#wiring.source.pause();
    if (closeDest) this.#wiring.closeDest();
    this.#wiring.onDone();
  }
}
