/**
 * The toxics of one proxy: an upstream and a downstream chain, and the live
 * links of the proxy's connections that run them (Go's `ToxicCollection`).
 * Every change is applied to the chain first and then to every live link of
 * that direction; the API call returns once all links have taken it.
 *
 * @module
 */
import type { Socket } from 'node:net';
import { ApiError } from '../api-error.js';
import { checkName } from '../input-rules.js';
import { DEFAULT_EMBEDDED_LIMITS, type EmbeddedToxiproxyLimits } from '../limits.js';
import type { ExchangeCounter } from '../link/exchange-counter.js';
import { ToxicLink, type LinkTraffic } from '../link/toxic-link.js';
import type { ToxicRandom } from '../link/toxic-random.js';
import { SerialQueue } from '../serial-queue.js';
import { ConfiguredToxic, parseDirection, type Direction } from './configured-toxic.js';
import { passThrough } from './noop.js';
import type { ToxicTypeRegistry } from './registry.js';
import { readCreateAttributes, readToxicChange, readToxicHeader } from './toxic-input.js';

/** The sockets and callbacks a new link needs from its connection. */
export interface LinkSockets {
  readonly source: Socket;
  readonly dest: Socket;
  readonly closeDest: () => void;
  readonly onDone: () => void;
  /** The connection's exchanges, shared by its two links. */
  readonly exchanges: ExchangeCounter;
  /** Resets both sockets of the connection. */
  readonly resetConnection: () => void;
  /** Counts the link's bytes, when measured. */
  readonly traffic?: LinkTraffic | undefined;
}

/**
 * The toxic chains of a proxy.
 *
 * @example
 * ```ts
 * const toxics = new ToxicCollection({ types: createDefaultToxicTypes() });
 * await toxics.addJson(Buffer.from('{"type":"latency","attributes":{"latency":100}}'));
 * ```
 */
export class ToxicCollection {
  readonly #types: ToxicTypeRegistry;
  readonly #chains: Record<Direction, ConfiguredToxic[]> = { upstream: [], downstream: [] };
  readonly #links = new Set<{ readonly direction: Direction; readonly link: ToxicLink }>();
  readonly #lock = new SerialQueue();
  readonly #limits: EmbeddedToxiproxyLimits;
  readonly #random: ToxicRandom | undefined;

  /** @param context the toxic types the server accepts, its limits (toxics per proxy, name length) and its dice */
  constructor(context: {
    readonly types: ToxicTypeRegistry;
    readonly limits?: EmbeddedToxiproxyLimits;
    readonly random?: ToxicRandom | undefined;
  }) {
    this.#types = context.types;
    this.#limits = context.limits ?? DEFAULT_EMBEDDED_LIMITS;
    this.#random = context.random;
  }

  /** Every toxic: the upstream chain, then the downstream chain, each in order of addition. */
  list(): ConfiguredToxic[] {
    return [...this.#chains.upstream, ...this.#chains.downstream];
  }

  /** The toxic called `name` in either chain. */
  find(name: string): ConfiguredToxic | undefined {
    return this.list().find((toxic) => toxic.name === name);
  }

  /** Creates a toxic from a request body and adds it to every live connection. */
  addJson(body: Uint8Array): Promise<ConfiguredToxic> {
    return this.#lock.run(async () => {
      const { header, json } = readToxicHeader(body);
      const direction = parseDirection(header.stream);
      if (direction === undefined) throw ApiError.invalidStream();
      const name = header.name === '' ? `${header.type}_${header.stream}` : header.name;
      const type = this.#types.get(header.type);
      if (type === undefined) throw ApiError.invalidToxicType();
      checkName('toxic name', name, this.#limits.maxNameBytes);
      if (this.find(name) !== undefined) throw ApiError.toxicAlreadyExists();
      const { maxToxicsPerProxy } = this.#limits;
      if (this.#chains.upstream.length + this.#chains.downstream.length >= maxToxicsPerProxy)
        throw ApiError.tooManyToxics(maxToxicsPerProxy);
      const attributes = readCreateAttributes(json, type);
      const toxic = new ConfiguredToxic({ name, type, stream: header.stream, direction, toxicity: header.toxicity, attributes });

      const chain = this.#chains[direction];
      const previous = chain.at(-1);
      chain.push(toxic);
      await Promise.all(this.#linksOf(direction).map((link) => link.addToxic(toxic, previous)));
      return toxic;
    });
  }

  /** Changes a toxic's attributes and toxicity from a request body, on every live connection too. */
  updateJson(name: string, body: Uint8Array): Promise<ConfiguredToxic> {
    return this.#lock.run(async () => {
      const toxic = this.find(name);
      if (toxic === undefined) throw ApiError.toxicNotFound();
      toxic.update(readToxicChange(body, toxic.type, toxic));
      const index = this.#chains[toxic.direction].indexOf(toxic);
      await Promise.all(this.#linksOf(toxic.direction).map((link) => link.updateToxic(index, toxic)));
      return toxic;
    });
  }

  /** Removes a toxic, from every live connection too. */
  remove(name: string): Promise<void> {
    return this.#lock.run(async () => {
      const toxic = this.find(name);
      if (toxic === undefined) throw ApiError.toxicNotFound();
      await this.#removeFromChain(toxic);
    });
  }

  /** Removes every toxic (`POST /reset`), front of each chain first, as Go does. */
  reset(): Promise<void> {
    return this.#lock.run(async () => {
      for (const direction of ['upstream', 'downstream'] as const) {
        const chain = this.#chains[direction];
        while (chain.length > 0) await this.#removeFromChain(chain[0]!);
      }
    });
  }

  /**
   * True if a connection opening now must close abortively: Go sets SO_LINGER
   * 0 on both sockets when a `reset_peer` is in either chain at that moment.
   */
  resetsNewConnections(): boolean {
    return this.list().some((toxic) => toxic.type.resetsConnections === true);
  }

  /** Starts a link running this direction's current chain over `sockets`. */
  startLink(direction: Direction, sockets: LinkSockets): ToxicLink {
    const entry = {
      direction,
      link: new ToxicLink(
        {
          ...sockets,
          direction,
          passThrough,
          ...(this.#random !== undefined ? { random: this.#random } : {}),
          onDone: () => {
            this.#links.delete(entry);
            sockets.onDone();
          },
        },
        this.#chains[direction],
      ),
    };
    this.#links.add(entry);
    entry.link.start();
    return entry.link;
  }

  async #removeFromChain(toxic: ConfiguredToxic): Promise<void> {
    const chain = this.#chains[toxic.direction];
    const index = chain.indexOf(toxic);
    chain.splice(index, 1);
    const previous = chain[index - 1];
    await Promise.all(this.#linksOf(toxic.direction).map((link) => link.removeToxic(index, toxic, previous)));
  }

  #linksOf(direction: Direction): ToxicLink[] {
    return [...this.#links].filter((entry) => entry.direction === direction).map((entry) => entry.link);
  }
}
