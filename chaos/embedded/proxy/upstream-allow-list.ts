/**
 * Which upstreams a server's proxies may reach. A real Toxiproxy proxies to
 * anything, so anyone who reaches its API can make it connect to, say, a
 * cloud metadata service (`169.254.169.254:80`) from inside the network. A
 * deployment can list the hosts and networks its proxies may reach; the
 * list is checked when a proxy is created or changed, and again at every
 * connection, so a name that later resolves elsewhere is still held to it.
 *
 * @module
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ApiError } from '../api-error.js';
import { AddressError, splitHostPort } from './host-port.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A hostname as DNS writes it: letters, digits, hyphens and dots (no wildcards). */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/**
 * The allowed upstreams: host names (matched exactly, case-insensitive),
 * IP addresses and networks in CIDR form, IPv4 or IPv6.
 *
 * @example
 * ```ts
 * const allowed = UpstreamAllowList.parse(['127.0.0.0/8', '::1', 'hlr.roaming.test']);
 * await allowed.check('169.254.169.254:80'); // throws ApiError 403
 * ```
 */
export class UpstreamAllowList {
  /** The entries as given, for messages. */
  readonly entries: readonly string[];
  readonly #names: ReadonlySet<string>;
  readonly #networks = new BlockList();

  private constructor(entries: readonly string[]) {
    this.entries = entries;
    const names = new Set<string>();
    for (const entry of entries) {
      if (!this.#addNetwork(entry)) names.add(entry.toLowerCase().replace(/\.$/, ''));
    }
    this.#names = names;
  }

  /**
   * Reads allow-list entries.
   *
   * @throws RangeError naming the first entry that is neither a host name, an address nor a network
   */
  static parse(entries: readonly string[]): UpstreamAllowList {
    for (const entry of entries) {
      if (!isNetwork(entry) && !HOSTNAME.test(entry)) {
        throw new RangeError(`"${entry}" is not a host name, an IP address or a network like 10.0.0.0/8`);
      }
    }
    return new UpstreamAllowList([...entries]);
  }

  /**
   * Refuses an upstream outside the list. A host name passes if it is listed,
   * or if it resolves to an address inside a listed network (connections
   * then use only such addresses: see {@link lookup}).
   *
   * @param where added to the error after "upstream not allowed", e.g. ` at proxy 2`
   * @throws ApiError (403)
   */
  async check(upstream: string, where = ''): Promise<void> {
    let host: string;
    try {
      host = splitHostPort(upstream).host;
    } catch (error) {
      if (error instanceof AddressError) throw ApiError.upstreamNotAllowed(upstream, where, 'is not host:port');
      throw error;
    }
    host = host === '' ? 'localhost' : host;
    if (isIP(stripZone(host)) !== 0) {
      if (!this.#allowsAddress(stripZone(host))) throw ApiError.upstreamNotAllowed(upstream, where, "is not in this server's allow-list");
      return;
    }
    if (this.#names.has(host.toLowerCase().replace(/\.$/, ''))) return;
    const addresses = await lookup(host, { all: true }).catch(() => []);
    if (addresses.length === 0)
      throw ApiError.upstreamNotAllowed(upstream, where, "does not resolve, and its name is not in this server's allow-list");
    if (!addresses.some((a) => this.#allowsAddress(a.address))) {
      const found = addresses.map((a) => a.address).join(', ');
      throw ApiError.upstreamNotAllowed(upstream, where, `resolves to ${found}, none of which is in this server's allow-list`);
    }
  }

  /**
   * A `lookup` for `net.connect` that answers only addresses the list
   * allows (all of them for a listed name), so a name that resolves
   * elsewhere at connection time is refused with `EACCES`.
   */
  readonly lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    const listed = this.#names.has(hostname.toLowerCase().replace(/\.$/, ''));
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error !== null) return callback(error, []);
      const allowed = listed ? found : found.filter((a) => this.#allowsAddress(a.address));
      if (allowed.length === 0) {
        const refused: NodeJS.ErrnoException = new Error(`upstream ${hostname} resolves outside the allow-list`);
        refused.code = 'EACCES';
        return callback(refused, []);
      }
      if (options.all === true) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };

  #allowsAddress(address: string): boolean {
    // An IPv4-mapped IPv6 address reaches the IPv4 host: judge it as that.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped !== undefined) return this.#networks.check(mapped, 'ipv4');
    return this.#networks.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }

  #addNetwork(entry: string): boolean {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) return false;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) this.#networks.addAddress(address, type);
    else this.#networks.addSubnet(address, Number(prefix), type);
    return true;
  }
}

function isNetwork(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32);
}

function stripZone(host: string): string {
  return host.split('%')[0]!;
}
