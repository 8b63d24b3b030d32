/**
 * Runs async operations one after another, like the mutexes the Go server
 * holds around its proxy and toxic collections: two API calls that change the
 * same chain must not interleave their awaits.
 *
 * @example
 * ```ts
 * const lock = new SerialQueue();
 * await lock.run(async () => { await interruptEveryLink(); });
 * ```
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `operation` once every earlier one has settled; resolves with its result. */
  run<T>(operation: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
