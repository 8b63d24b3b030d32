/**
 * Go's `net.Listen("tcp", listen)` on a Node server: resolve the address as
 * Go does (a hostname listens on its first IPv4 address; an empty or
 * wildcard host listens dual-stack on `[::]`), report the bound address as
 * Go's `Addr().String()` prints it, and fail with Go's error text, e.g.
 * `listen tcp 127.0.0.1:8474: bind: address already in use`.
 *
 * @module
 */
import { lookup } from 'node:dns/promises';
import { isIP, type Server } from 'node:net';
import { ApiError } from '../api-error.js';
import { AddressError, joinHostPort, parsePort, splitHostPort } from './host-port.js';

/** Linux `strerror` texts as Go's `syscall.Errno` prints them. */
const ERRNO_TEXT: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EACCES: 'permission denied',
  EAFNOSUPPORT: 'address family not supported by protocol',
  EINVAL: 'invalid argument',
};

interface Target {
  /** What to hand to `server.listen`. */
  readonly host: string;
  readonly port: number;
  /** How Go prints the address in a bind error. */
  readonly shown: string;
  readonly wildcard: boolean;
}

/**
 * A listen error with the errno behind it, so callers can tell a port held
 * by someone else (`EADDRINUSE`) from an address that is wrong.
 */
export class ListenError extends ApiError {
  /** The errno code, e.g. `EADDRINUSE`; empty for address and lookup errors. */
  readonly errno: string;

  constructor(message: string, errno: string) {
    super(message, 500);
    this.errno = errno;
  }
}

/**
 * Makes `server` listen on a Toxiproxy `listen` address. An address with
 * no host (`""`, `":8080"`) binds 127.0.0.1, unlike Go, which binds every
 * interface; pass `emptyHost: 'any'` for Go's behaviour.
 *
 * @returns the bound address, e.g. `127.0.0.1:35605` for `localhost:0`
 * @throws ApiError (500) with Go's error text
 *
 * @example
 * ```ts
 * await listenLikeGo(server, 'localhost:0') // '127.0.0.1:35605'
 * ```
 */
export async function listenLikeGo(
  server: Server,
  listen: string,
  options: { readonly emptyHost?: 'loopback' | 'any' } = {},
): Promise<string> {
  const target = await resolveTarget(listen);
  if (target.host === '' && options.emptyHost !== 'any') {
    // No host given (`""`, `":8080"`): Go listens on every interface; we stay on loopback unless told otherwise.
    await bind(server, '127.0.0.1', target.port).catch((e: unknown) => {
      throw bindError({ ...target, host: '127.0.0.1', shown: joinHostPort('127.0.0.1', target.port), wildcard: false }, e);
    });
    return boundAddress(server);
  }
  try {
    await bind(server, target.wildcard ? '::' : target.host, target.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!target.wildcard || (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL')) throw bindError(target, error);
    // No IPv6 here: Go then listens on IPv4 only.
    await bind(server, '0.0.0.0', target.port).catch((e: unknown) => {
      throw bindError(target, e);
    });
  }
  return boundAddress(server);
}

async function resolveTarget(listen: string): Promise<Target> {
  let host = '';
  let port = 0;
  if (listen !== '') {
    try {
      const parts = splitHostPort(listen);
      host = parts.host;
      port = parsePort(parts.port);
    } catch (e) {
      if (e instanceof AddressError) throw new ListenError(`listen tcp: ${e.message}`, '');
      throw e;
    }
  }
  if (host === '') return { host, port, shown: joinHostPort('', port), wildcard: true };
  const literal = host.split('%')[0]!;
  if (isIP(literal) !== 0) {
    const wildcard = literal === '0.0.0.0' || literal === '::';
    return { host, port, shown: joinHostPort(host, port), wildcard };
  }
  const ip = await resolveHost(host);
  return { host: ip, port, shown: joinHostPort(ip, port), wildcard: false };
}

/** The first IPv4 address of `host`, else its first address, as Go picks for listening. */
async function resolveHost(host: string): Promise<string> {
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    const chosen = addresses.find((a) => a.family === 4) ?? addresses[0];
    if (chosen !== undefined) return chosen.address;
  } catch {
    // reported below, as Go words it
  }
  throw new ListenError(`listen tcp: lookup ${host}: no such host`, '');
}

function bind(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, ipv6Only: false });
  });
}

function bindError(target: Target, error: unknown): ListenError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EINVAL';
  const text = ERRNO_TEXT[code] ?? code.toLowerCase();
  return new ListenError(`listen tcp ${target.shown}: bind: ${text}`, code);
}

/**
 * Whether two `listen` addresses name the same socket once resolved, as a
 * repeated `/populate` or update must see them: `localhost:8080`,
 * `127.0.0.1:8080` and (for a bound proxy) the address it reports are one.
 * Wildcards (`0.0.0.0`, `::`, and an empty host when it binds every
 * interface) are one address too, since all bind dual-stack. An address
 * that does not resolve is the same only as the identical text.
 *
 * @example
 * ```ts
 * await sameListenAddress('localhost:8080', '127.0.0.1:8080') // true
 * await sameListenAddress('localhost:0', '127.0.0.1:35605') // false: port 0 is "any port"
 * ```
 */
export async function sameListenAddress(a: string, b: string, emptyHost: 'loopback' | 'any' = 'loopback'): Promise<boolean> {
  if (a === b) return true;
  try {
    const [left, right] = await Promise.all([listenIdentity(a, emptyHost), listenIdentity(b, emptyHost)]);
    return left === right;
  } catch {
    return false;
  }
}

async function listenIdentity(listen: string, emptyHost: 'loopback' | 'any'): Promise<string> {
  const target = await resolveTarget(listen);
  if (target.host === '' && emptyHost !== 'any') return joinHostPort('127.0.0.1', target.port);
  if (target.wildcard) return joinHostPort('::', target.port);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(target.host);
  return joinHostPort((mapped?.[1] ?? target.host).toLowerCase(), target.port);
}

function boundAddress(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address.address);
  return joinHostPort(mapped?.[1] ?? address.address, address.port);
}
