/**
 * What a world sets up for Diameter before its elements start: the options
 * are checked (the request timeout, one Origin-Host per VLR), and the pcap
 * of its traffic is opened when asked for.
 *
 * @module
 */
import type { PlmnId } from '../../simulator/plmn.js';
import type { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { InvalidWorldOptionError, type WorldOptions } from '../world-options.js';
import type { WorldSlots } from '../slots/world-slots.js';
import { checkOriginHosts } from './diameter-names.js';
import type { WorldPcap } from './world-pcap.js';

/** What home and visited networks are started with, for their Diameter links. */
export interface WorldDiameter {
  /** The world's pcap, when `diameterPcap` or `ROAM_DIAMETER_PCAP` asks for one. */
  readonly pcap?: WorldPcap;
  /** How long a VLR waits for a home network's answer. */
  readonly requestTimeoutMs?: number;
}

/**
 * Checks the world's Diameter options and opens its pcap (an async import: the
 * pcap writer loads only for a world that writes one).
 *
 * @throws {InvalidWorldOptionError} for a request timeout out of range, or an `originHost` several VLRs would share.
 */
export async function worldDiameterOf(
  options: WorldOptions,
  world: {
    readonly slots: WorldSlots;
    readonly homes: readonly PlmnId[];
    readonly visited: readonly PlmnId[];
    readonly agreements: RoamingAgreements;
  },
): Promise<WorldDiameter> {
  const timeout = options.requestTimeoutMs;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0 && timeout <= 600_000)) {
    throw new InvalidWorldOptionError('requestTimeoutMs', String(timeout), 'Give a whole number of milliseconds from 1 to 600000');
  }
  const { slots, homes, visited, agreements } = world;
  checkOriginHosts(new Map(homes.map((id) => [id, { hlr: slots.hlr.get(id)!, billing: slots.billing.get(id)! }])), (home) =>
    visited.filter((v) => agreements.between(home, v) && slots.vlr.get(v)!.kind !== 'external'),
  );
  const path = options.diameterPcap ?? process.env['ROAM_DIAMETER_PCAP'];
  // The pcap writer (and the Diameter codec it needs) loads only when a pcap is asked for.
  const pcapOf = path ? (await import('./world-pcap.js')).WorldPcap : undefined;
  return {
    // One world per Playwright worker: `{worker}` keeps their pcaps apart.
    ...(path && pcapOf ? { pcap: new pcapOf(path.replaceAll('{worker}', process.env['TEST_WORKER_INDEX'] ?? '0')) } : {}),
    ...(timeout === undefined ? {} : { requestTimeoutMs: timeout }),
  };
}
