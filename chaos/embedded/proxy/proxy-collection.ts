/**
 * Every proxy of a server, by unique name (Go's `ProxyCollection`), and the
 * operations that add and remove them, including `/populate`.
 *
 * @module
 */
import { ApiError } from '../api-error.js';
import { checkAddress, checkName } from '../input-rules.js';
import type { EmbeddedToxiproxyLimits } from '../limits.js';
import { SerialQueue } from '../serial-queue.js';
import { Proxy } from './proxy.js';
import type { ProxyContext } from './proxy-context.js';
import { readPopulateInput } from './proxy-input.js';

/** What `/populate` did: the proxies it created or kept, and the error that stopped it, if any. */
export interface PopulateOutcome {
  readonly proxies: readonly Proxy[];
  readonly error: ApiError | undefined;
}

/**
 * The proxies of one server.
 *
 * @example
 * ```ts
 * const proxies = new ProxyCollection(proxyContext({ types: createDefaultToxicTypes() }));
 * await proxies.add(proxies.create('hlr', 'localhost:0', '127.0.0.1:5000'), true);
 * ```
 */
export class ProxyCollection {
  readonly #context: ProxyContext;
  readonly #proxies = new Map<string, Proxy>();
  readonly #lock = new SerialQueue();

  constructor(context: ProxyContext) {
    this.#context = context;
  }

  /** The server's limits. */
  get limits(): EmbeddedToxiproxyLimits {
    return this.#context.limits;
  }

  /** A new, stopped proxy that is not in the collection yet. */
  create(name: string, listen: string, upstream: string): Proxy {
    return new Proxy(name, listen, upstream, this.#context);
  }

  /**
   * Refuses a proxy's name, listen or upstream that breaks this server's own
   * rules (length, addressable names). `where` is added to what the error
   * names, e.g. ` at proxy 2`.
   *
   * @throws ApiError (400)
   */
  checkInput(input: { readonly name?: string; readonly listen: string; readonly upstream: string }, where = ''): void {
    const { maxNameBytes, maxAddressBytes } = this.#context.limits;
    if (input.name !== undefined) checkName('proxy name', input.name, maxNameBytes, where);
    checkAddress(`listen${where}`, input.listen, maxAddressBytes);
    checkAddress(`upstream${where}`, input.upstream, maxAddressBytes);
  }

  /**
   * Refuses an upstream outside the server's allow-list, if it has one.
   *
   * @throws ApiError (403)
   */
  async checkUpstream(upstream: string, where = ''): Promise<void> {
    await this.#context.upstreams?.check(upstream, where);
  }

  /** How many proxies there are. */
  get size(): number {
    return this.#proxies.size;
  }

  // A new name when the collection is full is refused; replacing an existing proxy is not growth.
  #checkRoomFor(name: string): void {
    if (!this.#proxies.has(name) && this.#proxies.size >= this.#context.limits.maxProxies)
      throw ApiError.tooManyProxies(this.#context.limits.maxProxies);
  }

  /** Every proxy, sorted by name byte-wise as Go sorts map keys in JSON. */
  sorted(): Proxy[] {
    return [...this.#proxies.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  }

  /** The proxy called `name`, or `proxy not found`. */
  get(name: string): Proxy {
    const proxy = this.#proxies.get(name);
    if (proxy === undefined) throw ApiError.proxyNotFound();
    return proxy;
  }

  /**
   * Adds a proxy, starting it first if asked.
   *
   * @throws ApiError `proxy already exists` (409), the proxy limit (409), or Go's listen error (500)
   */
  add(proxy: Proxy, start: boolean): Promise<void> {
    return this.#lock.run(async () => {
      if (this.#proxies.has(proxy.name)) throw ApiError.proxyAlreadyExists();
      this.#checkRoomFor(proxy.name);
      if (start) await proxy.start();
      this.#proxies.set(proxy.name, proxy);
    });
  }

  /** Stops and removes a proxy, closing its connections. */
  remove(name: string): Promise<void> {
    return this.#lock.run(async () => {
      const proxy = this.get(name);
      await proxy.stop();
      this.#proxies.delete(name);
    });
  }

  /** Stops and removes every proxy. */
  clear(): Promise<void> {
    return this.#lock.run(async () => {
      await Promise.all([...this.#proxies.values()].map((proxy) => proxy.stop()));
      this.#proxies.clear();
    });
  }

  /**
   * Go's `PopulateJson`: validates every entry first (name and upstream are
   * required), then adds or replaces proxies one by one. An existing proxy
   * with the same upstream and the same listen address once resolved
   * (`localhost:8080` is `127.0.0.1:8080`) is kept as it is, toxics and
   * connections included; one that differs is replaced. A listen failure
   * stops there and reports the proxies done so far; the proxy it would have
   * replaced is left serving.
   *
   * @throws ApiError for a body that is not a valid array of proxies
   */
  async populate(body: Uint8Array): Promise<PopulateOutcome> {
    const entries = readPopulateInput(body);
    entries.forEach((entry, i) => {
      if (entry.name === '') throw ApiError.missingField(`name at proxy ${i + 1}`);
      if (entry.upstream === '') throw ApiError.missingField(`upstream at proxy ${i + 1}`);
      this.checkInput(entry, ` at proxy ${i + 1}`);
    });
    for (const [i, entry] of entries.entries()) await this.checkUpstream(entry.upstream, ` at proxy ${i + 1}`);
    const proxies: Proxy[] = [];
    for (const entry of entries) {
      try {
        proxies.push(await this.#addOrReplace(this.create(entry.name, entry.listen, entry.upstream), entry.enabled ?? true));
      } catch (error) {
        if (error instanceof ApiError) return { proxies, error };
        throw error;
      }
    }
    return { proxies, error: undefined };
  }

  #addOrReplace(proxy: Proxy, start: boolean): Promise<Proxy> {
    return this.#lock.run(async () => {
      const existing = this.#proxies.get(proxy.name);
      this.#checkRoomFor(proxy.name);
      if (existing !== undefined) {
        if (existing.upstream === proxy.upstream && (await existing.listensOn(proxy.listen))) return existing;
        // Bound before the old one stops, so a replacement that cannot listen leaves the old proxy serving.
        if (start) await proxy.takeOver(existing);
        else await existing.stop();
      } else if (start) {
        await proxy.start();
      }
      this.#proxies.set(proxy.name, proxy);
      return proxy;
    });
  }
}
