/**
 * Where a user's Diameter peer (HSS, DEA/DRA, OCS) is, as an
 * implementation-under-test slot names it:
 * `diameter://host:port?originHost=...&originRealm=...`. `originHost` and
 * `originRealm` are who the harness says it is in its CER (the names the
 * user's peer must have in its peer list); `destinationRealm` and
 * `destinationHost` address the application behind a DRA (the realm from
 * the peer's CEA when omitted). RFC 6733's own form,
 * `aaa://host:port;transport=tcp`, is read too. Diameter over TLS and over
 * SCTP are out of scope and refused with a clear error.
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';

/** The default Diameter port (RFC 6733 §2.1). */
export const DIAMETER_PORT = 3868;

/** A parsed `diameter://` URL. */
export interface DiameterTarget {
  readonly host: string;
  readonly port: number;
  readonly originHost?: string;
  readonly originRealm?: string;
  readonly destinationRealm?: string;
  readonly destinationHost?: string;
}

/** A Diameter peer address that cannot be used. */
export class InvalidDiameterUrlError extends RoamError {
  constructor(url: string, cause: string) {
    super('ROAM_INVALID_DIAMETER_URL', `use Diameter peer ${JSON.stringify(url)}`, cause, {
      hint: 'Write it as diameter://host:port?originHost=mme.example.org&originRealm=example.org (TCP; port 3868 when omitted)',
    });
  }
}

const QUERY_KEYS = ['originHost', 'originRealm', 'destinationRealm', 'destinationHost'] as const;
const IDENTITY = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * Parses a Diameter peer address.
 *
 * @throws {InvalidDiameterUrlError} for another scheme, TLS or SCTP, a bad port, an unknown option or an identity that is not an FQDN.
 * @example
 * ```ts
 * parseDiameterUrl('diameter://hss.partner.example:3868?originHost=mme.harness.example&originRealm=harness.example')
 * // { host: 'hss.partner.example', port: 3868, originHost: 'mme.harness.example', originRealm: 'harness.example' }
 * ```
 */
export function parseDiameterUrl(url: string): DiameterTarget {
  const aaa = /^(aaas?):\/\/([^;/?]+)((?:;[^;]*)*)$/i.exec(url.trim());
  if (aaa) return fromAaa(url, aaa[1]!.toLowerCase(), aaa[2]!, aaa[3]!);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new InvalidDiameterUrlError(url, 'it is not a URL');
  }
  if (parsed.protocol === 'diameters:')
    throw new InvalidDiameterUrlError(url, 'Diameter over TLS is not supported; the harness speaks Diameter over plain TCP');
  if (parsed.protocol !== 'diameter:')
    throw new InvalidDiameterUrlError(url, `the scheme is ${parsed.protocol.replace(/:$/, '')}, not diameter`);
  if (parsed.pathname && parsed.pathname !== '/')
    throw new InvalidDiameterUrlError(url, `it has a path (${parsed.pathname}); a Diameter peer is a host and port`);
  const options: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) {
    if (!(QUERY_KEYS as readonly string[]).includes(key))
      throw new InvalidDiameterUrlError(url, `option ${JSON.stringify(key)} is not one of ${QUERY_KEYS.join(', ')}`);
    if (!IDENTITY.test(value))
      throw new InvalidDiameterUrlError(url, `${key} ${JSON.stringify(value)} is not a DiameterIdentity (an FQDN)`);
    options[key] = value;
  }
  return { host: hostOf(url, parsed.hostname), port: portOf(url, parsed.port), ...options };
}

function fromAaa(url: string, scheme: string, authority: string, params: string): DiameterTarget {
  if (scheme === 'aaas')
    throw new InvalidDiameterUrlError(url, 'Diameter over TLS is not supported; the harness speaks Diameter over plain TCP');
  const transport = /;transport=([a-z]+)/i.exec(params)?.[1]?.toLowerCase();
  if (transport === 'sctp')
    throw new InvalidDiameterUrlError(url, 'Diameter over SCTP is not supported; the harness speaks Diameter over TCP');
  if (transport !== undefined && transport !== 'tcp') throw new InvalidDiameterUrlError(url, `transport ${transport} is not tcp`);
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
  if (!match) throw new InvalidDiameterUrlError(url, 'the host and port cannot be read');
  return { host: hostOf(url, match[1]!), port: portOf(url, match[2] ?? '') };
}

function hostOf(url: string, host: string): string {
  if (!host) throw new InvalidDiameterUrlError(url, 'it has no host');
  return host.replace(/^\[(.*)\]$/, '$1');
}

function portOf(url: string, port: string): number {
  if (port === '') return DIAMETER_PORT;
  const value = Number(port);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new InvalidDiameterUrlError(url, `port ${port} is not a TCP port`);
  return value;
}
