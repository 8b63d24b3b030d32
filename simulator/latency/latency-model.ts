import type { Clock } from '../../core/clock.js';
import { parsePlmn, type Plmn, type PlmnId } from '../plmn.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { InvalidLatencyError, drawLatency, parseLatencyRange, type LatencyRange } from './latency-range.js';

/**
 * The signalling legs a latency is modelled for. The first five are the
 * reference figures (docs/latency-model.md); the rest complete the procedures.
 */
export type SignalingLeg =
  /** VLR to home HLR (SendAuthInfo, UpdateLocation, PurgeMS): the HLR lookup. */
  | 'hlr'
  /** VLR registration of a subscriber (the VLR's own work). */
  | 'vlr'
  /** Routing a call to the other party and its answer. */
  | 'call-setup'
  /** Handover of a call between two VLRs of one country. */
  | 'handoff'
  /** Handover of a call across a border (visited networks in different countries). */
  | 'handoff-cross-border'
  /** Between the phone and the visited network (radio and NAS). */
  | 'radio'
  /** VLR to the home billing system. */
  | 'billing'
  /** Delivering a short message through the SMSC. */
  | 'sms';

/** A latency per leg; any leg left out uses the model's default. */
export type LatencyProfile = Partial<Record<SignalingLeg, LatencyRange>>;

/**
 * The reference figures (docs/latency-model.md): HLR lookup 10–50 ms, VLR
 * registration 15–60 ms, call setup 50–200 ms, handoff 200–500 ms within a
 * country and 300–1000 ms across borders, 10 % jitter. The radio, billing
 * and SMS legs are ours.
 */
export const DEFAULT_LATENCY: Readonly<Record<SignalingLeg, LatencyRange>> = Object.freeze({
  hlr: { minMs: 10, maxMs: 50, jitterPct: 10 },
  vlr: { minMs: 15, maxMs: 60, jitterPct: 10 },
  'call-setup': { minMs: 50, maxMs: 200, jitterPct: 10 },
  handoff: { minMs: 200, maxMs: 500, jitterPct: 10 },
  'handoff-cross-border': { minMs: 300, maxMs: 1000, jitterPct: 10 },
  radio: { minMs: 5, maxMs: 20, jitterPct: 10 },
  billing: { minMs: 5, maxMs: 30, jitterPct: 10 },
  sms: { minMs: 100, maxMs: 400, jitterPct: 10 },
});

/**
 * Draws modelled delays per signalling leg and per network, from a seeded
 * random stream, so a virtual run's timings repeat from its seed. A
 * network's profile overrides the defaults for the legs it names.
 *
 * @example
 * ```ts
 * const model = new LatencyModel({ random: new SeededRandom(1) });
 * model.setNetwork('505-01', { hlr: latencyRange(150, 400, 20) }); // far from the home HLR
 * const delay = model.delay(clock, 'hlr', '505-01'); // a Delay for directHomeNetwork
 * ```
 */
export class LatencyModel {
  readonly #random: SeededRandom;
  readonly #defaults: Record<SignalingLeg, LatencyRange>;
  readonly #networks = new Map<PlmnId, LatencyProfile>();

  constructor(options: { random: SeededRandom; defaults?: LatencyProfile; networks?: Readonly<Record<string, LatencyProfile>> }) {
    this.#random = options.random;
    this.#defaults = { ...DEFAULT_LATENCY, ...validated(options.defaults ?? {}) };
    for (const [plmn, profile] of Object.entries(options.networks ?? {})) this.setNetwork(plmn, profile);
  }

  /**
   * Sets the legs of one network that differ from the defaults.
   *
   * @throws {InvalidPlmnError} for a malformed PLMN; {@link InvalidLatencyError} for a bad range.
   */
  setNetwork(plmn: string | Plmn, profile: LatencyProfile): void {
    this.#networks.set(parsePlmn(plmn).id, { ...this.#networks.get(parsePlmn(plmn).id), ...validated(profile) });
  }

  /** The range used for `leg` in `network` (or the default one). */
  rangeFor(leg: SignalingLeg, network?: PlmnId): LatencyRange {
    return (network !== undefined ? this.#networks.get(network)?.[leg] : undefined) ?? this.#defaults[leg];
  }

  /** One delay in ms for `leg` in `network`. */
  draw(leg: SignalingLeg, network?: PlmnId): number {
    return drawLatency(this.rangeFor(leg, network), this.#uniform);
  }

  readonly #uniform = (): number => this.#random.next();

  /** A wait on `clock` for a fresh draw each time it is called: the `delay` hook of the direct ports. */
  delay(clock: Clock, leg: SignalingLeg, network?: PlmnId): () => Promise<void> {
    return () => clock.sleep(this.draw(leg, network));
  }

  /** The handoff leg between two networks: cross-border when their MCCs differ. */
  static handoffLeg(from: PlmnId, to: PlmnId): SignalingLeg {
    return from.slice(0, 3) === to.slice(0, 3) ? 'handoff' : 'handoff-cross-border';
  }
}

function validated(profile: LatencyProfile): LatencyProfile {
  const out: LatencyProfile = {};
  for (const [leg, range] of Object.entries(profile) as [SignalingLeg, LatencyRange][]) {
    if (!Object.hasOwn(DEFAULT_LATENCY, leg)) {
      throw new InvalidLatencyError(
        `for leg ${JSON.stringify(leg)}`,
        `there is no such signalling leg; the legs are ${Object.keys(DEFAULT_LATENCY).join(', ')}`,
      );
    }
    out[leg] = parseLatencyRange(range);
  }
  return out;
}
