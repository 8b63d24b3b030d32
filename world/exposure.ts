/**
 * Who can reach a world's control APIs: on a loopback host only this
 * machine; on any other (`0.0.0.0`, `::`, a LAN address, a host name) every
 * machine that can route to it, and then the HLR admin API (provision,
 * delete), the billing admin API, each element's faults and the Toxiproxy
 * API (which can also make the server connect anywhere) are open to them.
 *
 * @module
 */
import { isIP } from 'node:net';
import { RoamError } from '../core/errors.js';

/** A world's control APIs would be open to other machines with nothing to stop them. */
export class ExposedControlError extends RoamError {
  constructor(host: string, how: { flag: string }) {
    super(
      'ROAM_EXPOSED_CONTROL',
      'start the roaming world',
      `host ${JSON.stringify(host)} is reachable from other machines, and the control APIs (HLR admin, billing admin, element faults, the Toxiproxy API) would answer them without a token`,
      {
        hint: `Set ROAM_ADMIN_TOKEN so that they need it, or bind 127.0.0.1, or take the risk with ${how.flag}`,
      },
    );
  }
}

/** True for an address only this machine reaches: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare) || bare === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Checks the host a world binds against who could reach its control APIs.
 *
 * @param options.token the bearer token the control APIs require (ROAM_ADMIN_TOKEN), if any
 * @param options.allowRemote the risk taken explicitly (`allowRemote: true`, `roam lab up --allow-remote`)
 * @param options.flag how the user takes the risk, for the error's hint
 * @returns a loud warning for stderr when the host is not loopback and that is allowed, else undefined
 * @throws {ExposedControlError} for a non-loopback host with neither a token nor `allowRemote`
 * @example
 * ```ts
 * const warning = checkWorldExposure({ host: '0.0.0.0', token: process.env.ROAM_ADMIN_TOKEN, allowRemote: false });
 * if (warning) process.stderr.write(warning);
 * ```
 */
export function checkWorldExposure(options: {
  readonly host: string;
  readonly token: string | undefined;
  readonly allowRemote: boolean;
  readonly flag?: string;
}): string | undefined {
  const { host, token, allowRemote } = options;
  if (isLoopbackHost(host)) return undefined;
  if (token) {
    return (
      `[roam] WARNING: listening on ${host}: other machines can reach every element, proxy and the Toxiproxy API. ` +
      'The control APIs (HLR admin, billing admin, element faults, the Toxiproxy API) need the bearer token from ROAM_ADMIN_TOKEN; ' +
      'the signalling APIs (attach, calls, GSUP) answer anyone, as a network element does.\n'
    );
  }
  if (allowRemote) {
    const bar = '!'.repeat(78);
    return (
      `${bar}\n[roam] WARNING: listening on ${host} with UNAUTHENTICATED control APIs, as asked (allowRemote).\n` +
      '[roam] Anyone who reaches this machine can provision and delete subscribers (HLR admin), read and\n' +
      '[roam] change billing, fail any element, and use the Toxiproxy API to make this machine connect anywhere.\n' +
      '[roam] Set ROAM_ADMIN_TOKEN to require a token, or bind 127.0.0.1.\n' +
      `${bar}\n`
    );
  }
  throw new ExposedControlError(host, { flag: options.flag ?? 'allowRemote: true' });
}
