/**
 * Checking the options of `startEmbeddedToxiproxy` before anything starts,
 * so a wrong one fails with a message naming it and nothing is left half
 * started.
 *
 * @module
 */
import { EmbeddedToxiproxyError } from './embedded-toxiproxy-error.js';
import { resolveLimits, type EmbeddedToxiproxyLimits } from './limits.js';
import { UpstreamAllowList } from './proxy/upstream-allow-list.js';

/** The options this module checks (a subset of `EmbeddedToxiproxyOptions`). */
export interface StartOptionsToCheck {
  readonly host?: string;
  readonly port?: number;
  readonly limits?: Partial<EmbeddedToxiproxyLimits>;
  readonly allowedUpstreams?: readonly string[];
  readonly seed?: bigint | number;
}

/** The options, checked and with defaults. */
export interface CheckedStartOptions {
  readonly host: string;
  readonly port: number;
  readonly limits: EmbeddedToxiproxyLimits;
  readonly upstreams: UpstreamAllowList | undefined;
  readonly seed: bigint | undefined;
}

/**
 * Checks the start options and fills in defaults.
 *
 * @throws EmbeddedToxiproxyError `ROAM_TOXIPROXY_OPTIONS` naming the option
 *
 * @example
 * ```ts
 * const { host, port } = checkStartOptions({ port: 8474 });
 * ```
 */
export function checkStartOptions(options: StartOptionsToCheck): CheckedStartOptions {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw optionError(
      `port ${String(port)} is not a TCP port`,
      'Pass an integer from 0 to 65535, or 0 (the default) for an ephemeral port',
    );
  }
  let limits: EmbeddedToxiproxyLimits;
  try {
    limits = resolveLimits(options.limits);
  } catch (error) {
    throw optionError((error as Error).message.replace(/^.*?: /, ''), 'Give each limit as a whole number of at least 1');
  }
  let upstreams: UpstreamAllowList | undefined;
  try {
    upstreams = options.allowedUpstreams === undefined ? undefined : UpstreamAllowList.parse(options.allowedUpstreams);
  } catch (error) {
    throw optionError(
      `allowedUpstreams: ${(error as Error).message}`,
      'List host names, IP addresses or networks in CIDR form, e.g. ["127.0.0.0/8", "hlr.roaming.test"]',
    );
  }
  const { seed } = options;
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw optionError(`seed ${seed} is not a whole number`, 'Give an integer, or a bigint for the whole 64-bit range');
  }
  return { host, port, limits, upstreams, seed: seed === undefined ? undefined : BigInt(seed) };
}

function optionError(cause: string, hint: string): EmbeddedToxiproxyError {
  return new EmbeddedToxiproxyError('ROAM_TOXIPROXY_OPTIONS', 'start the embedded Toxiproxy', cause, hint);
}
