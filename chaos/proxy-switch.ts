/**
 * Switching a link's proxy off and on for every fault that needs it off
 * (refused partitions, flapping). Faults overlap: the proxy is off while at
 * least one of them holds it, and on again when the last lets go.
 *
 * @module
 */
import type { Toxiproxy } from 'toxiproxy-node-client';

/**
 * One link's switch.
 *
 * @example
 * ```ts
 * await link.switch.hold();    // proxy disabled: ECONNREFUSED
 * await link.switch.release(); // enabled again
 * ```
 */
export class ProxySwitch {
  readonly #client: Toxiproxy;
  readonly #proxyName: string;
  #holds = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(client: Toxiproxy, proxyName: string) {
    this.#client = client;
    this.#proxyName = proxyName;
  }

  /** How many faults hold the proxy off now. */
  get holds(): number {
    return this.#holds;
  }

  /** Takes a hold; the first one disables the proxy. */
  hold(): Promise<void> {
    return this.#serially(async () => {
      if (this.#holds === 0) await this.#setEnabled(false);
      this.#holds++;
    });
  }

  /** Lets a hold go; the last one enables the proxy again. */
  release(): Promise<void> {
    return this.#serially(async () => {
      if (this.#holds === 0) return;
      this.#holds--;
      if (this.#holds === 0) await this.#setEnabled(true);
    });
  }

  /** Forgets every hold and makes sure the proxy is enabled. */
  reset(): Promise<void> {
    return this.#serially(async () => {
      this.#holds = 0;
      const proxy = await this.#client.get(this.#proxyName);
      if (!proxy.enabled) await this.#setEnabled(true);
    });
  }

  async #setEnabled(enabled: boolean): Promise<void> {
    const proxy = await this.#client.get(this.#proxyName);
    await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
  }

  #serially(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
