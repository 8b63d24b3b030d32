/**
 * Go's `net.SplitHostPort` and port parsing, with Go's error texts, for the
 * `listen` and `upstream` addresses of a proxy.
 *
 * @module
 */

/** A `host:port` split; `port` is still text (it may be empty, meaning 0). */
export interface HostPort {
  readonly host: string;
  readonly port: string;
}

/** An address Go would refuse, with Go's `net.AddrError` text, e.g. `address x: missing port in address`. */
export class AddressError extends Error {}

/**
 * Splits `host:port` exactly as Go does (brackets around IPv6 hosts).
 *
 * @example
 * ```ts
 * splitHostPort('[::1]:80') // { host: '::1', port: '80' }
 * splitHostPort('localhost') // throws AddressError 'address localhost: missing port in address'
 * ```
 */
export function splitHostPort(hostport: string): HostPort {
  const fail = (why: string): never => {
    throw new AddressError(`address ${hostport}: ${why}`);
  };
  const lastColon = hostport.lastIndexOf(':');
  if (lastColon < 0) fail('missing port in address');
  let host: string;
  let from = 0;
  let to = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) fail("missing ']' in address");
    if (end + 1 === hostport.length) fail('missing port in address');
    if (end + 1 !== lastColon) fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    from = 1;
    to = end + 1;
  } else {
    host = hostport.slice(0, lastColon);
    if (host.includes(':')) fail('too many colons in address');
  }
  if (hostport.indexOf('[', from) >= 0) fail("unexpected '[' in address");
  if (hostport.indexOf(']', to) >= 0) fail("unexpected ']' in address");
  return { host, port: hostport.slice(lastColon + 1) };
}

/**
 * Go's `LookupPort` for numeric ports: empty means 0. Service names
 * (`http`) are not looked up here and fail as unknown.
 *
 * @example
 * ```ts
 * parsePort('8474') // 8474
 * parsePort('70000') // throws AddressError 'address 70000: invalid port'
 * ```
 */
export function parsePort(port: string): number {
  if (port === '') return 0;
  const match = /^([+-]?)(\d+)$/.exec(port);
  if (match === null) throw new AddressError(`lookup tcp/${port}: unknown port`);
  const value = (match[1] === '-' ? -1 : 1) * Number(match[2]);
  if (value < 0 || value > 65535) throw new AddressError(`address ${port}: invalid port`);
  return value;
}

/**
 * Go's `JoinHostPort`: brackets around hosts that contain a colon.
 *
 * @example
 * ```ts
 * joinHostPort('::1', 80) // '[::1]:80'
 * ```
 */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
