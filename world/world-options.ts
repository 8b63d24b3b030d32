import type { ChaosBackendKind } from '../chaos/backends/chaos-backend.js';
import type { Tariff } from '../simulator/policy/agreements.js';
import { RoamError } from '../core/errors.js';
import type { ChargingSenderOptions } from '../mocks/billing/charging-sender.js';
import type { ElementHostKind } from './element-host/element-host.js';

/** A roaming agreement as configured: `home` subscribers may roam in `visited`. */
export interface AgreementOption {
  readonly home: string;
  readonly visited: string;
  /** A tariff by name (`eu-regulated`, `standard`, `premium`) or in full. */
  readonly tariff?: string | Tariff;
}

/**
 * What world to bring up. Every field has a default, so `{}` is a world with
 * one home network (262-01, Germany) and two visited ones (208-01 France,
 * 214-01 Spain), with agreements between the home and each visited network.
 */
export interface WorldOptions {
  /** Home networks: each gets an HLR/HSS and a billing system. Default `['262-01']`. */
  readonly home?: readonly string[];
  /** Visited networks: each gets a VLR/MME. Default `['208-01', '214-01']`. */
  readonly visited?: readonly string[];
  /** Default: every home with every visited network, at the `standard` tariff. */
  readonly agreements?: readonly AgreementOption[];
  /** Seeds the subscriber factory (faker), so identities repeat run to run. Default 1. */
  readonly seed?: number;
  /** Key for the pseudonyms of IMSIs and MSISDNs in events. Default: `ROAM_HASH_KEY`, else random per world. */
  readonly hashKey?: string;
  /**
   * Chaos backend: `embedded` (in-process, the default), `external` (a running
   * Toxiproxy at `url` or `TOXIPROXY_URL`), `container` (the real image via
   * testcontainers) or `auto` (external when `TOXIPROXY_URL` is set). Also
   * settable with `ROAM_CHAOS_BACKEND`.
   */
  readonly chaos?: { readonly backend?: ChaosBackendKind | 'auto'; readonly url?: string };
  /** Shorthand for `chaos: { backend: 'external', url }`. */
  readonly toxiproxyUrl?: string;
  /** Address elements and proxies listen on. Default 127.0.0.1. */
  readonly host?: string;
  /**
   * The home HLR/HSS: `mock` (ours, over HTTP; the default) or `osmo-hlr`
   * (Osmocom's real HLR, spoken to in GSUP over IPA, provisioned over VTY;
   * it must be installed: `apt-get install osmo-hlr`). Also settable with `ROAM_HLR`.
   */
  readonly hlr?: HlrBackend;
  /** How VLRs deliver charging events to billing: retries, breaker and dead-letter replay. */
  readonly charging?: ChargingDeliveryOptions;
  /**
   * Where the elements (HLRs, billing, VLRs) run: `in-process` (the default),
   * a `worker` thread or a child `process`, so they do not queue behind the
   * phones and proxies. Also settable with `ROAM_ELEMENT_HOST`. See docs/performance.md.
   */
  readonly elementHost?: ElementHostKind;
}

/** Which HLR a world's home networks run. */
export type HlrBackend = 'mock' | 'osmo-hlr';

/** The charging sender's settings a world exposes (see `ReliableChargingSender`). */
export type ChargingDeliveryOptions = Omit<ChargingSenderOptions, 'clock'>;

/** The HLR backend for `options`: the option, else `ROAM_HLR`, else `mock`. @throws {InvalidWorldOptionError} for any other name. */
export function hlrBackendOf(options: WorldOptions): HlrBackend {
  const chosen = options.hlr ?? process.env['ROAM_HLR'] ?? 'mock';
  if (chosen !== 'mock' && chosen !== 'osmo-hlr') {
    throw new InvalidWorldOptionError('hlr', chosen, "Use 'mock' or 'osmo-hlr' (option `hlr` or ROAM_HLR).");
  }
  return chosen;
}

/** A world option with a value the world cannot use. */
export class InvalidWorldOptionError extends RoamError {
  constructor(option: string, value: string, hint: string) {
    super('ROAM_INVALID_WORLD_OPTION', 'start the roaming world', `world option ${option} is ${JSON.stringify(value)}`, { hint });
  }
}

/** The defaults spelled out. */
export const DEFAULT_WORLD: Required<Pick<WorldOptions, 'home' | 'visited' | 'seed' | 'host'>> = {
  home: ['262-01'],
  visited: ['208-01', '214-01'],
  seed: 1,
  host: '127.0.0.1',
};
