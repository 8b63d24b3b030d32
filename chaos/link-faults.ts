import type { Proxy } from 'toxiproxy-node-client';
import { ChaosError } from './chaos-error.js';
import { streamsOf, type ActiveFault, type FaultDirection } from './fault.js';
import type { LinkInfo } from './chaos-network.js';

/** Options of a latency fault. */
export interface LatencyFault {
  /** Added delay in ms, at least 0. */
  readonly ms: number;
  /** Uniform jitter, ± ms (default 0). */
  readonly jitterMs?: number;
  /** Default `forward`: the requests along the link's arrow are delayed. */
  readonly direction?: FaultDirection;
  /** Probability (0 to 1) that a connection is affected (default 1). */
  readonly toxicity?: number;
}

interface Hooks {
  onAdded(fault: ActiveFault): void;
  onRemoved(fault: ActiveFault): void;
}

let counter = 0;

/**
 * The faults one can put on one link, in the words people use: latency,
 * and (as the vocabulary grows) loss, partitions, bandwidth, resets.
 */
export class LinkFaults {
  readonly #link: LinkInfo;
  readonly #proxy: Proxy;
  readonly #hooks: Hooks;

  constructor(link: LinkInfo, proxy: Proxy, hooks: Hooks) {
    this.#link = link;
    this.#proxy = proxy;
    this.#hooks = hooks;
  }

  /**
   * Delays data on the link by `ms` ± `jitterMs`.
   *
   * @throws {ChaosError} naming the field, before anything is injected, for a negative or non-integer delay or a toxicity outside 0 to 1.
   */
  async latency(options: LatencyFault): Promise<ActiveFault> {
    const ms = this.#milliseconds('ms', options.ms);
    const jitter = this.#milliseconds('jitterMs', options.jitterMs ?? 0);
    const toxicity = this.#toxicity(options.toxicity ?? 1);
    const direction = options.direction ?? 'forward';
    return this.#add(`latency ${ms}ms ±${jitter}ms ${direction}`, direction, 'latency', { latency: ms, jitter }, toxicity);
  }

  async #add(
    description: string,
    direction: FaultDirection,
    type: 'latency',
    attributes: { latency: number; jitter: number },
    toxicity: number,
  ): Promise<ActiveFault> {
    const names: string[] = [];
    try {
      for (const stream of streamsOf(direction)) {
        const name = `${type}_${stream}_${++counter}`;
        await this.#proxy.addToxic({ name, type, stream, toxicity, attributes });
        names.push(name);
      }
    } catch (error) {
      // Leave nothing half done: a fault is either fully in effect or absent.
      await this.#removeToxics(names);
      throw new ChaosError(
        'ROAM_CHAOS_INJECT',
        `add ${description} on ${this.#link.name}`,
        (error as Error).message,
        'Check that the chaos backend is running',
        { cause: error },
      );
    }
    let removed: Promise<void> | undefined;
    const fault: ActiveFault = {
      link: this.#link.name,
      description,
      toxics: names,
      startedAt: Date.now(),
      remove: () => (removed ??= this.#removeToxics(names).finally(() => this.#hooks.onRemoved(fault))),
      [Symbol.asyncDispose]: () => fault.remove(),
    };
    this.#hooks.onAdded(fault);
    return fault;
  }

  async #removeToxics(names: readonly string[]): Promise<void> {
    const api = this.#proxy.getToxiproxy().getApi();
    const base = `${this.#proxy.getToxiproxy().host}/proxies/${this.#link.proxyName}/toxics/`;
    await Promise.all(names.map((name) => api.delete(base + name).catch(() => undefined)));
  }

  #milliseconds(field: string, value: number): number {
    if (!Number.isInteger(value) || value < 0) {
      throw new ChaosError(
        'ROAM_CHAOS_BAD_FAULT',
        `add a fault on ${this.#link.name}`,
        `${field} is ${value}, not a whole number of milliseconds >= 0`,
        `Give ${field} as an integer, e.g. ${field}: 200`,
      );
    }
    return value;
  }

  #toxicity(value: number): number {
    if (!(value >= 0 && value <= 1)) {
      throw new ChaosError(
        'ROAM_CHAOS_BAD_FAULT',
        `add a fault on ${this.#link.name}`,
        `toxicity is ${value}, outside 0 to 1`,
        'Give toxicity as a probability, e.g. 0.5',
      );
    }
    return value;
  }
}
