import type { Proxy, Toxiproxy as ToxiproxyClient } from 'toxiproxy-node-client';
import type { ChaosEndpoint } from './backends/chaos-backend.js';
import { LOCAL_ADDRESSING, type LinkAddressing } from './backends/link-addressing.js';
import { ChaosError } from './chaos-error.js';
import type { ActiveFault } from './fault.js';
import type { FaultPlan } from './faults/fault-plan.js';
import { planFault, type FaultSpec } from './faults/fault-spec.js';
import { LinkFaults } from './link-faults.js';
import type { LinkInfo, LinkTraffic } from './link-info.js';
import { formatLinkName, parseLinkName, proxyNameOf } from './link-name.js';
import { ProxySwitch } from './proxy-switch.js';
import { ToxicCapabilities } from './toxic-capabilities.js';
import { chaosClientToken, withToxiproxyToken } from './toxiproxy-token.js';
import { withLeanHttp } from './toxiproxy-http.js';
import { ToxiproxyApi } from './toxiproxy-api.js';
import { Toxiproxy } from './toxiproxy-client.js';

export type { LinkInfo, LinkTraffic } from './link-info.js';

/** Options of {@link ChaosNetwork.addLink}. */
export interface AddLinkOptions {
  /** Host clients connect from; the proxy listens on an ephemeral port of it. Default `127.0.0.1`. */
  readonly listenHost?: string;
  /** What crosses the link (default `request-response`): decides whether faults roll per request or per connection. */
  readonly traffic?: LinkTraffic;
}

interface LinkEntry {
  readonly info: LinkInfo;
  readonly proxy: Proxy;
  readonly proxySwitch: ProxySwitch;
}

/**
 * Named links through a Toxiproxy API (any backend: embedded, external or
 * container), and the faults on them. All control goes through
 * `toxiproxy-node-client`.
 *
 * @example
 * ```ts
 * const chaos = new ChaosNetwork(backend); // or a Toxiproxy URL
 * const link = await chaos.addLink('vlr:208-01 -> hlr:262-01', '127.0.0.1:39871');
 * await using _ = await chaos.link(link.name).latency({ ms: 200 });
 * ```
 */
export class ChaosNetwork {
  /** The Toxiproxy API, e.g. `http://127.0.0.1:8474`. */
  readonly url: string;
  readonly client: ToxiproxyClient;
  /** The backend, when known (a bare URL is taken as some Toxiproxy). */
  readonly endpoint: ChaosEndpoint | undefined;
  readonly #api: ToxiproxyApi;
  readonly #addressing: LinkAddressing;
  readonly #capabilities: ToxicCapabilities;
  readonly #links = new Map<string, LinkEntry>();
  readonly #active = new Set<ActiveFault>();

  /** @param target a started backend (or its endpoint), or the URL of any Toxiproxy API */
  constructor(target: string | ChaosEndpoint) {
    this.endpoint = typeof target === 'string' ? undefined : target;
    this.url = (typeof target === 'string' ? target : target.url).replace(/\/$/, '');
    // A backend started with a token says so; any other Toxiproxy gets TOXIPROXY_TOKEN, if set.
    this.client = withToxiproxyToken(withLeanHttp(new Toxiproxy(this.url)), this.endpoint?.token ?? chaosClientToken());
    this.#api = new ToxiproxyApi(this.client, this.url);
    this.#addressing = this.endpoint?.addressing ?? LOCAL_ADDRESSING;
    this.#capabilities = new ToxicCapabilities(this.client, this.url);
  }

  /**
   * Creates a proxy for a link that forwards to `upstream` and listens on an
   * ephemeral port of `listenHost`.
   */
  async addLink(name: string, upstream: string, options: string | AddLinkOptions = {}): Promise<LinkInfo> {
    const { listenHost = '127.0.0.1', traffic = 'request-response' } = typeof options === 'string' ? { listenHost: options } : options;
    const canonical = formatLinkName(parseLinkName(name));
    if (this.#links.has(canonical))
      throw new ChaosError(
        'ROAM_CHAOS_DUPLICATE_LINK',
        `add link ${canonical}`,
        'a link with this name exists',
        'Give each link a distinct name',
      );
    const proxyName = proxyNameOf(canonical);
    const listen = this.#addressing.listenFor(listenHost);
    try {
      const proxy = await this.client.createProxy({ name: proxyName, listen, upstream: await this.#addressing.upstreamFor(upstream) });
      const info: LinkInfo = { name: canonical, proxyName, listen: this.#addressing.clientAddress(proxy.listen), upstream, traffic };
      this.#links.set(canonical, { info, proxy, proxySwitch: new ProxySwitch(this.client, proxyName) });
      return info;
    } catch (error) {
      this.#addressing.release(listen);
      throw error;
    }
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
    const entry = this.#entry(name);
    return new LinkFaults({
      info: entry.info,
      api: this.#api,
      proxySwitch: entry.proxySwitch,
      requireToxicTypes: (types, plan) => this.#requireToxicTypes(entry.info, types, plan),
      onAdded: (fault) => this.#active.add(fault),
      onRemoved: (fault) => this.#active.delete(fault),
    });
  }

  /**
   * Checks a fault given as data without injecting anything: the link must
   * exist and every field must be valid.
   *
   * @throws {ChaosError} naming the link or the field
   */
  checkFault(spec: FaultSpec): void {
    const entry = this.#entry(spec.link);
    planFault({ ...spec, link: entry.info.name } as FaultSpec, {
      link: entry.info.name,
      defaultPer: entry.info.traffic === 'stream' ? 'connection' : 'request',
    });
  }

  /** Puts a fault given as data in effect: `{ link, type: 'partition', mode: 'refused' }`. */
  inject(spec: FaultSpec): Promise<ActiveFault> {
    return this.link(spec.link).apply(spec);
  }

  /** Faults in effect, oldest first. */
  activeFaults(): ActiveFault[] {
    return [...this.#active];
  }

  /** The toxics the backend reports on a link's proxy right now. */
  async toxicsOn(name: string): Promise<{ name: string; type: string; stream: string }[]> {
    return this.#api.listToxics(this.#entry(name).info.proxyName);
  }

  /** True if the link's proxy is enabled on the backend right now. */
  async isEnabled(name: string): Promise<boolean> {
    return (await this.client.get(this.#entry(name).info.proxyName)).enabled;
  }

  /**
   * Removes every fault on this network's links and re-enables every proxy,
   * whoever added them. Other proxies on a shared backend are not touched.
   */
  async clearFaults(): Promise<void> {
    await Promise.allSettled([...this.#active].map((fault) => fault.remove()));
    this.#active.clear();
    await Promise.all(
      [...this.#links.values()].map(async ({ info, proxySwitch }) => {
        const leftovers = await this.#api.listToxics(info.proxyName);
        await this.#api.removeToxics(
          info.proxyName,
          leftovers.map((t) => t.name),
        );
        await proxySwitch.reset();
      }),
    );
  }

  /** Removes every link's proxy from the backend. */
  async removeLinks(): Promise<void> {
    await Promise.allSettled([...this.#active].map((fault) => fault.remove()));
    await Promise.allSettled([...this.#links.values()].map(({ proxy }) => proxy.remove()));
    for (const { proxy } of this.#links.values()) this.#addressing.release(proxy.listen);
    this.#links.clear();
    this.#active.clear();
  }

  #entry(name: string): LinkEntry {
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
    return entry;
  }

  async #requireToxicTypes(link: LinkInfo, types: readonly string[], plan: FaultPlan): Promise<void> {
    if (types.length === 0) return;
    if (this.endpoint?.embeddedToxics === true) return;
    const missing: string[] = [];
    for (const type of types) if (!(await this.#capabilities.has(type))) missing.push(type);
    if (missing.length === 0) return;
    const version = await this.#capabilities.version();
    const ours = this.endpoint?.kind === 'embedded' || version.includes('+roaming-harness');
    const what = missing.map((t) => `"${t}"`).join(' and ');
    throw new ChaosError(
      'ROAM_CHAOS_EMBEDDED_ONLY',
      `add ${plan.description} on ${link.name}`,
      ours
        ? `it needs the embedded-only toxic type ${what}, and this embedded server (${this.url}) was started without the embedded-only types`
        : `it needs the embedded-only toxic type ${what}, which this ${this.endpoint?.kind ?? 'Toxiproxy'} backend (${this.url}, version ${version}) does not have`,
      ours
        ? 'Start it with startEmbeddedToxiproxy({ toxicTypes: createExtendedToxicTypes() }), or with selectChaosBackend(), which does'
        : `Use the embedded backend, or ${plan.portableHint ?? "a fault that Toxiproxy's own toxics express"}`,
    );
  }
}
