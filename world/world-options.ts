import type { ChaosBackendKind } from '../chaos/backends/chaos-backend.js';
import type { Tariff } from '../simulator/policy/agreements.js';
import { RoamError } from '../core/errors.js';
import type { ChargingSenderOptions } from '../mocks/billing/charging-sender.js';
import type { ElementHostKind } from './element-host/element-host.js';
import type { SlotOption } from './slots/world-slots.js';
import type { LinkProtocols } from './link-protocols.js';

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
   *
   * `proxiesIn`: where the embedded backend's proxies run: `world` (the
   * world's thread, the default), `element-host` (beside the elements of an
   * {@link elementHost} of `worker` or `process`, so the world's thread
   * keeps only the phones) or `own-process` (a child process of their own,
   * started and stopped with the world, as a `toxiproxy-server` would run
   * them). Also settable with `ROAM_PROXIES_IN`. An external or container
   * Toxiproxy runs its proxies where it runs, so `element-host` and
   * `own-process` refuse those backends.
   */
  readonly chaos?: { readonly backend?: ChaosBackendKind | 'auto'; readonly url?: string; readonly proxiesIn?: ProxiesIn };
  /** Shorthand for `chaos: { backend: 'external', url }`. */
  readonly toxiproxyUrl?: string;
  /**
   * Address elements and proxies listen on. Default 127.0.0.1. Any address
   * other machines can reach (`0.0.0.0`, a LAN address) is refused unless
   * `ROAM_ADMIN_TOKEN` is set (every control API then needs it, the embedded
   * Toxiproxy API included) or {@link allowRemote} is true; either way a
   * warning goes to stderr.
   */
  readonly host?: string;
  /** Listen on a non-loopback {@link host} with control APIs open to anyone who reaches it. Default false. */
  readonly allowRemote?: boolean;
  /**
   * The home HLR/HSS: `mock` (ours, over HTTP; the default), `osmo-hlr`
   * (Osmocom's real HLR, spoken to in GSUP over IPA, provisioned over VTY;
   * it must be installed: `apt-get install osmo-hlr`), or the user's own at a
   * URL: `http(s)://host:port` (the HLR HTTP contract) or `gsup://host:port`
   * (add `?vty=<port>` to provision it over its VTY). One value for every
   * home network, or one per PLMN (`{ '262-01': 'gsup://127.0.0.5:4222' }`).
   * Also settable with `ROAM_HLR`.
   */
  readonly hlr?: HlrBackend | SlotOption;
  /**
   * The visited VLR/MME: `builtin` (the default) or the user's own at an
   * `http(s)://` URL (the VLR HTTP contract), for every visited network or
   * per PLMN. A chaos proxy is put in front of it; it reaches the homes
   * through the links `vlr:<plmn> -> hlr:<home>` and `vlr:<plmn> -> billing:<home>`
   * (see `StartedVisitedNetwork.uplinks`), which it must be configured to use.
   */
  readonly vlr?: SlotOption;
  /** The home billing system (OCS + CDR collector): `builtin` (the default) or an `http(s)://` URL, for every home or per PLMN. */
  readonly billing?: SlotOption;
  /**
   * How subscribers get into an HLR the world did not start: `admin` (the
   * default: through its admin contract, or osmo-hlr's VTY) or `skip` (the
   * user provisions it, e.g. from a CSV of test IMSIs and keys; the world
   * says so in `world.notices`). Built-in HLRs are always provisioned.
   */
  readonly provisioning?: 'admin' | 'skip';
  /**
   * How VLRs authenticate to billing. Default: each VLR presents its own
   * credential derived from the world's secret, which built-in billing checks.
   * `token`: send `Authorization: Bearer <token>` to billing systems given by
   * URL instead. `worldCredential: false`: send no world credential, and let
   * built-in billing take charging events from anyone.
   */
  readonly billingAuth?: { readonly token?: string; readonly worldCredential?: boolean };
  /** How VLRs deliver charging events to billing: retries, breaker and dead-letter replay. */
  readonly charging?: ChargingDeliveryOptions;
  /**
   * The protocol of the VLRs' links to each home network, for the built-in
   * elements: `hlr: 'diameter'` serves the home HLR as an HSS over S6a and
   * makes each VLR an MME asking it; `billing: 'diameter'` serves billing as
   * an OCS over Gy and makes each VLR's charging a Gy client. The links keep
   * their names (`vlr:<visited> -> hlr:<home>`, `vlr:<visited> -> billing:<home>`)
   * and their chaos proxies. Default: HTTP for the built-in elements.
   */
  readonly protocols?: LinkProtocols;
  /**
   * How long a VLR waits for a home network's answer, whatever the protocol
   * (the HTTP timeout, Diameter's Tx, GSUP's): past it the procedure fails
   * with NETWORK_FAILURE. Default 10 s. Phones wait 5 s longer than this
   * for their VLR (as an attaching phone's T3410, 15 s, outlasts the
   * network's timers), so an unreachable home reaches them as the VLR's
   * reject, not as a timeout of their own.
   */
  readonly requestTimeoutMs?: number;
  /**
   * Writes every Diameter message of the world (S6a and Gy, on both sides of
   * each proxy) to this pcap file when the world closes; Wireshark opens it.
   * Also settable with `ROAM_DIAMETER_PCAP`. `{worker}` in the path becomes
   * the Playwright worker's index, so each worker's world writes its own
   * file (`diameter-{worker}.pcap`). The pcap holds what was on the
   * wire, as any capture does: IMSIs in clear and the AIA's authentication
   * vectors (never K or OPc, which no Diameter message carries); keep it
   * with the run's other confidential artefacts.
   */
  readonly diameterPcap?: string;
  /**
   * Where the elements (HLRs, billing, VLRs) run: `in-process` (the default),
   * a `worker` thread or a child `process`, so they do not queue behind the
   * phones and proxies. Also settable with `ROAM_ELEMENT_HOST`. See docs/performance.md.
   */
  readonly elementHost?: ElementHostKind;
}

/** Where a world's chaos proxies run: in the world's thread, in its element host, or in a child process of their own. */
export type ProxiesIn = 'world' | 'element-host' | 'own-process';

/** Which HLR a world's home networks run: ours, osmo-hlr started by the world, or the user's own at a URL. */
export type HlrBackend = 'mock' | 'osmo-hlr' | 'external';

/** The charging sender's settings a world exposes (see `ReliableChargingSender`). */
export type ChargingDeliveryOptions = Omit<ChargingSenderOptions, 'clock'>;

/** The HLR option for `options`: the option, else `ROAM_HLR`, else `mock`. Slots resolve it per home (see `worldSlotsOf`). */
export function hlrOptionOf(options: WorldOptions): SlotOption {
  return options.hlr ?? process.env['ROAM_HLR'] ?? 'mock';
}

/**
 * The HLR backend for `options` when it is one word: `mock`, `osmo-hlr`, or
 * `external` for a URL.
 *
 * @throws {InvalidWorldOptionError} for any other name.
 */
export function hlrBackendOf(options: WorldOptions): HlrBackend {
  const chosen = hlrOptionOf(options);
  if (typeof chosen !== 'string') return 'external';
  if (chosen.includes('://')) return 'external';
  if (chosen !== 'mock' && chosen !== 'osmo-hlr' && chosen !== 'builtin') {
    throw new InvalidWorldOptionError('hlr', chosen, "Use 'mock', 'osmo-hlr' or a URL (option `hlr` or ROAM_HLR).");
  }
  return chosen === 'builtin' ? 'mock' : chosen;
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
