import { RoamError } from '../../core/errors.js';
import { RejectError } from '../../simulator/causes.js';
import type { Clock } from '../../core/clock.js';
import { LatencyModel, type SignalingLeg } from '../../simulator/latency/latency-model.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { SeededRandom } from '../../simulator/random/seeded-random.js';
import type { LinkFaultSpec } from '../schema.js';

/** How long a request waits on a partitioned link before its sender gives up (the MAP medium timer's low end). */
export const PARTITION_TIMEOUT_MS = 15_000;
/** The first retransmission timeout of a lost request, doubled on each further loss (Linux's minimum RTO). */
export const RETRANSMIT_MS = 200;
/** Charging events are retried with exponential backoff from this, capped at {@link BILLING_BACKOFF_CAP_MS}. */
export const BILLING_BACKOFF_MS = 1_000;
const BILLING_BACKOFF_CAP_MS = 30_000;

/** One fault on one link, from `from` (virtual ms) until `until`. */
interface TimedFault {
  readonly link: string;
  readonly fault: LinkFaultSpec;
  readonly from: number;
  readonly until: number;
}

/** A link that is partitioned: the request never got an answer. */
export class LinkPartitionedError extends RoamError {
  constructor(link: string, waitedMs: number) {
    super(
      'ROAM_LINK_PARTITIONED',
      `get an answer on ${link}`,
      `${waitedMs ? `none came within ${waitedMs} ms` : 'the connection was refused'}: the link is partitioned`,
      {
        hint: 'This is the fault the scenario put on the link; heal it to let requests through',
      },
    );
  }
}

/**
 * The conditions of a virtual world's links: latency, jitter, loss,
 * partitions, bandwidth (a queue: back-pressure) and throttling (admission
 * limit: CONGESTION), each on a timeline of the simulator's clock. It is the
 * virtual-clock counterpart of the chaos proxies of a networked world.
 */
export class VirtualLinks {
  readonly #clock: Clock;
  readonly #random: SeededRandom;
  readonly #faults: TimedFault[] = [];
  readonly #history: TimedFault[] = [];
  readonly #queues = new Map<string, number>();
  readonly #admitted = new Map<string, number[]>();
  /** Charging events that needed a retry, and how many retries in all. */
  readonly billingRetries = { events: 0, attempts: 0 };

  constructor(clock: Clock, random: SeededRandom) {
    this.#clock = clock;
    this.#random = random;
  }

  /** Puts `fault` on `link`, from `at` (ms from now, default 0) for `for` ms (default: for ever). */
  add(link: string, fault: LinkFaultSpec, startAt = this.#clock.monotonic()): TimedFault {
    const from = startAt + (fault.at ?? 0);
    const timed = { link, fault, from, until: fault.for === undefined ? Infinity : from + fault.for };
    this.#faults.push(timed);
    this.#history.push(timed);
    return timed;
  }

  /** Removes every fault (the `reset-faults` rollback); a timed fault cut short ends now. */
  clear(): void {
    const now = this.#clock.monotonic();
    for (const f of this.#faults) {
      const i = this.#history.indexOf(f);
      if (i >= 0 && f.until > now) this.#history[i] = { ...f, until: Math.max(f.from, now) };
    }
    this.#faults.length = 0;
  }

  /** Every timed fault so far (also those cleared), in virtual ms, for recovery checks. */
  get faultEnds(): { link: string; from: number; until: number }[] {
    return this.#history.filter((f) => Number.isFinite(f.until)).map(({ link, from, until }) => ({ link, from, until }));
  }

  /** Faults in effect on `link` now. */
  #active(link: string): LinkFaultSpec[] {
    const now = this.#clock.monotonic();
    return this.#faults.filter((f) => f.from <= now && now < f.until && linkMatches(f.link, link)).map((f) => f.fault);
  }

  /** Waits what the link's faults make a request wait, or throws as they make it fail. */
  async pass(link: string, billing = false): Promise<void> {
    const faults = this.#active(link);
    if (faults.length === 0) return;
    for (const fault of faults) {
      if (fault.throttle !== undefined && !this.#admit(link, fault.throttle)) {
        throw new RejectError(`request on ${link}`, 'CONGESTION', `${link} admits ${fault.throttle}/s and is at its limit`);
      }
    }
    if (faults.some((f) => f.partition)) {
      if (billing) return this.#retryBilling(link);
      // A refused connection fails at once; a blackhole only when the request times out.
      const waited = faults.some((f) => f.partition === 'refused') ? 0 : PARTITION_TIMEOUT_MS;
      await this.#clock.sleep(waited);
      throw new LinkPartitionedError(link, waited);
    }
    let wait = 0;
    for (const fault of faults) {
      if (fault.latency !== undefined) wait += fault.latency + (fault.jitter ?? 0) * (2 * this.#random.next() - 1);
      if (fault.loss !== undefined) {
        let rto = RETRANSMIT_MS;
        for (let tries = 0; tries < 6 && this.#random.next() < fault.loss / 100; tries++, rto *= 2) wait += rto;
      }
      if (fault.bandwidth !== undefined) wait += this.#queue(link, 1000 / fault.bandwidth);
    }
    await this.#clock.sleep(Math.max(0, wait));
  }

  // A single server: each request is served 1 KB at the link's rate, after the ones before it.
  #queue(link: string, serviceMs: number): number {
    const now = this.#clock.monotonic();
    const free = Math.max(now, this.#queues.get(link) ?? 0) + serviceMs;
    this.#queues.set(link, free);
    return free - now;
  }

  // A sliding one-second window of admissions.
  #admit(link: string, perSecond: number): boolean {
    const now = this.#clock.monotonic();
    const window = (this.#admitted.get(link) ?? []).filter((t) => t > now - 1000);
    const admitted = window.length < perSecond;
    if (admitted) window.push(now);
    this.#admitted.set(link, window);
    return admitted;
  }

  // Store and forward: the VLR's charging client retries with exponential backoff until billing answers.
  async #retryBilling(link: string): Promise<void> {
    this.billingRetries.events++;
    let backoff = BILLING_BACKOFF_MS;
    while (this.#active(link).some((f) => f.partition)) {
      this.billingRetries.attempts++;
      await this.#clock.sleep(backoff);
      backoff = Math.min(backoff * 2, BILLING_BACKOFF_CAP_MS);
    }
  }
}

// `vlr:* -> vlr:214-01` matches any source; otherwise names must be equal.
function linkMatches(pattern: string, link: string): boolean {
  if (pattern === link) return true;
  const [pf, pt] = pattern.split(' -> ');
  const [lf, lt] = link.split(' -> ');
  return (pf === lf || lf === '*' || pf === '*') && (pt === lt || lt === '*' || pt === '*');
}

/**
 * The simulator's latency model, plus the links' faults: each signalling
 * leg of the in-memory topology passes through the link it stands for
 * (radio: `ue -> vlr:V`; HLR: `vlr:V -> hlr:H`; billing: `vlr:V -> billing:H`;
 * handoff: `vlr:* -> vlr:T`; the VLR's own registration work: `ue -> vlr:V`).
 */
export class FaultyLatencyModel extends LatencyModel {
  readonly #links: () => VirtualLinks | undefined;
  readonly #home: PlmnId;

  constructor(options: ConstructorParameters<typeof LatencyModel>[0] & { links: () => VirtualLinks | undefined; home: PlmnId }) {
    super(options);
    this.#links = options.links;
    this.#home = options.home;
  }

  override delay(clock: Clock, leg: SignalingLeg, network?: PlmnId): () => Promise<void> {
    const modelled = super.delay(clock, leg, network);
    const link = linkOf(leg, network, this.#home);
    if (!link) return modelled;
    return async () => {
      await this.#links()?.pass(link, leg === 'billing');
      await modelled();
    };
  }
}

function linkOf(leg: SignalingLeg, network: PlmnId | undefined, home: PlmnId): string | undefined {
  if (network === undefined) return leg === 'hlr' ? `hlr:${home} -> vlr:*` : undefined;
  switch (leg) {
    case 'radio':
    case 'vlr':
      return `ue -> vlr:${network}`;
    case 'hlr':
      return `vlr:${network} -> hlr:${home}`;
    case 'billing':
      return `vlr:${network} -> billing:${home}`;
    case 'handoff':
    case 'handoff-cross-border':
      return `vlr:* -> vlr:${network}`;
    default:
      return undefined;
  }
}
