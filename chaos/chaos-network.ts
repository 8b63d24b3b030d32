import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { ChaosError } from './chaos-error.js';
import { formatLinkName, parseLinkName, proxyNameOf } from './link-name.js';
import { LinkFaults } from './link-faults.js';
import type { ActiveFault } from './fault.js';

/** A link as the chaos network knows it. */
export interface LinkInfo {
  /** e.g. `vlr:208-01 -> hlr:262-01` */
  readonly name: string;
  readonly proxyName: string;
  /** Where clients connect: the proxy's bound address, e.g. `127.0.0.1:41234`. */
  readonly listen: string;
  /** Where the proxy forwards to, e.g. `127.0.0.1:39871`. */
  readonly upstream: string;
}

/**
 * Named links through a Toxiproxy API (any backend: embedded, external or
 * container), and the faults on them. All control goes through
 * `toxiproxy-node-client`.
 *
 * @example
 * ```ts
 * const chaos = new ChaosNetwork(toxiproxy.url);
 * const link = await chaos.addLink('vlr:208-01 -> hlr:262-01', '127.0.0.1:39871');
 * await using _ = await chaos.link(link.name).latency({ ms: 200 });
 * ```
 */
export class ChaosNetwork {
  /** The Toxiproxy API, e.g. `http://127.0.0.1:8474`. */
  readonly url: string;
  readonly client: Toxiproxy;
  readonly #links = new Map<string, { info: LinkInfo; proxy: Proxy }>();
  readonly #active = new Set<ActiveFault>();

  constructor(url: string) {
    this.url = url.replace(/\/$/, '');
    this.client = new Toxiproxy(this.url);
  }

  /**
   * Creates a proxy for a link that forwards to `upstream` and listens on an
   * ephemeral port of `listenHost`.
   */
  async addLink(name: string, upstream: string, listenHost = '127.0.0.1'): Promise<LinkInfo> {
    const canonical = formatLinkName(parseLinkName(name));
    if (this.#links.has(canonical))
      throw new ChaosError(
        'ROAM_CHAOS_DUPLICATE_LINK',
        `add link ${canonical}`,
        'a link with this name exists',
        'Give each link a distinct name',
      );
    const proxyName = proxyNameOf(canonical);
    const proxy = await this.client.createProxy({ name: proxyName, listen: `${listenHost}:0`, upstream });
    const info: LinkInfo = { name: canonical, proxyName, listen: proxy.listen, upstream: proxy.upstream };
    this.#links.set(canonical, { info, proxy });
    return info;
  }

  /** Every link added here. */
  links(): LinkInfo[] {
    return [...this.#links.values()].map((l) => l.info);
  }

  /**
   * The faults one can put on a link.
   *
   * @throws {ChaosError} naming the link and the known ones, when there is no such link.
   */
  link(name: string): LinkFaults {
    let canonical: string;
    try {
      canonical = formatLinkName(parseLinkName(name));
    } catch (error) {
      throw new ChaosError(
        'ROAM_CHAOS_BAD_LINK_NAME',
        `find link ${JSON.stringify(name)}`,
        (error as Error).message.replace(/^\[roam\] [^:]*: /, '').replace(/\.$/, ''),
        'Use a link name from world.links',
      );
    }
    const entry = this.#links.get(canonical);
    if (!entry) {
      const known = [...this.#links.keys()];
      throw new ChaosError(
        'ROAM_CHAOS_UNKNOWN_LINK',
        `find link ${JSON.stringify(canonical)}`,
        'no link has this name',
        known.length ? `Known links: ${known.join(', ')}` : 'The world has no links yet',
      );
    }
    return new LinkFaults(entry.info, entry.proxy, {
      onAdded: (fault) => this.#active.add(fault),
      onRemoved: (fault) => this.#active.delete(fault),
    });
  }

  /** Faults in effect, oldest first. */
  activeFaults(): ActiveFault[] {
    return [...this.#active];
  }

  /** The toxics the backend reports on a link's proxy right now. */
  async toxicsOn(name: string): Promise<{ name: string; type: string; stream: string }[]> {
    const proxyName = proxyNameOf(formatLinkName(parseLinkName(name)));
    const response = await this.client
      .getApi()
      .get<{ name: string; type: string; stream: string }[]>(`${this.url}/proxies/${proxyName}/toxics`);
    return response.data;
  }

  /**
   * Removes every fault on this network's links and re-enables every proxy,
   * whoever added them. Other proxies on a shared backend are not touched.
   */
  async clearFaults(): Promise<void> {
    const active = [...this.#active];
    await Promise.allSettled(active.map((f) => f.remove()));
    for (const { info } of this.#links.values()) {
      const proxy = await this.client.get(info.proxyName);
      const leftovers = await this.toxicsOn(info.name);
      await Promise.all(leftovers.map((t) => this.client.getApi().delete(`${this.url}/proxies/${info.proxyName}/toxics/${t.name}`)));
      if (!proxy.enabled) await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    }
  }

  /** Removes every link's proxy from the backend. */
  async removeLinks(): Promise<void> {
    await Promise.allSettled([...this.#links.values()].map(({ proxy }) => proxy.remove()));
    this.#links.clear();
    this.#active.clear();
  }
}
