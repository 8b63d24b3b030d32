import { ChaosError } from './chaos-error.js';
import type { ActiveFault, FaultScope } from './fault.js';
import type { FaultEffect, FaultPlan, PlanContext } from './faults/fault-plan.js';
import { embeddedOnlyTypesOf } from './faults/fault-plan.js';
import { planFault, type FaultSpec } from './faults/fault-spec.js';
import { Flapper } from './faults/flapper.js';
import { planLatency, type LatencyFault } from './faults/latency-fault.js';
import { planLoss, type LossFault } from './faults/loss-fault.js';
import {
  planBandwidth,
  planFlapping,
  planPartition,
  planReset,
  planSlowClose,
  type BandwidthFault,
  type FlappingFault,
  type PartitionFault,
  type ResetFault,
  type SlowCloseFault,
} from './faults/network-faults.js';
import type { LinkInfo } from './link-info.js';
import type { ProxySwitch } from './proxy-switch.js';
import type { ToxiproxyApi } from './toxiproxy-api.js';

export type { LatencyFault } from './faults/latency-fault.js';

/** A fault in effect whose strength can change while it runs (a ramp). */
export interface TunableFault extends ActiveFault {
  /**
   * Changes some options of the fault in place (the toxics are updated, not
   * replaced, so it never lapses), e.g. `{ ms: 400 }` on a latency.
   *
   * @throws {ChaosError} naming the field, for a bad value, before anything changes
   */
  retune(changes: Readonly<Record<string, unknown>>): Promise<void>;
}

/** What a link's faults need from their network. */
export interface LinkContext {
  readonly info: LinkInfo;
  readonly api: ToxiproxyApi;
  readonly proxySwitch: ProxySwitch;
  /** Throws the embedded-only error if the backend lacks any of `types`. */
  requireToxicTypes(types: readonly string[], plan: FaultPlan): Promise<void>;
  onAdded(fault: ActiveFault): void;
  onRemoved(fault: ActiveFault): void;
}

let counter = 0;

/**
 * The faults one can put on one link, in the words people use: latency,
 * loss, partition, bandwidth, flapping, slow close, reset. Each call checks
 * every field before anything is injected, and puts the fault fully in
 * effect or not at all.
 *
 * @example
 * ```ts
 * await using _ = await chaos.link('vlr:208-01 -> hlr:262-01').loss({ percent: 5 });
 * ```
 */
export class LinkFaults {
  readonly #context: LinkContext;

  constructor(context: LinkContext) {
    this.#context = context;
  }

  /** The link these faults act on. */
  get link(): LinkInfo {
    return this.#context.info;
  }

  /**
   * Delays data on the link by `ms` ± `jitterMs`.
   *
   * @throws {ChaosError} naming the field, before anything is injected, for a negative or non-integer delay or a toxicity outside 0 to 1.
   */
  async latency(options: LatencyFault): Promise<TunableFault> {
    return this.#tunable(options, (o) => planLatency(o as LatencyFault, this.#planContext()));
  }

  /**
   * Loses `percent` of requests (see {@link LossFault} for what a loss is on TCP).
   *
   * @throws {ChaosError} naming the field, e.g. for a percent over 100.
   */
  async loss(options: LossFault): Promise<TunableFault> {
    return this.#tunable(options, (o) => planLoss(o as LossFault, this.#planContext()));
  }

  /** Cuts the link, both ways (default) or one; as a black hole (default) or refused. */
  async partition(options: PartitionFault = {}): Promise<ActiveFault> {
    return this.#inject(planPartition(options, this.#planContext()));
  }

  /** Caps each connection's rate, in KB/s. */
  async bandwidth(options: BandwidthFault): Promise<TunableFault> {
    return this.#tunable(options, (o) => planBandwidth(o as BandwidthFault, this.#planContext()));
  }

  /** Takes the link down for `downMs` of every `periodMs`, until removed. */
  async flapping(options: FlappingFault): Promise<ActiveFault> {
    return this.#inject(planFlapping(options, this.#planContext()));
  }

  /** Holds every close back by `delayMs`. */
  async slowClose(options: SlowCloseFault): Promise<TunableFault> {
    return this.#tunable(options, (o) => planSlowClose(o as SlowCloseFault, this.#planContext()));
  }

  /** Resets connections (TCP RST) when data flows, at once or `afterMs` later. */
  async reset(options: ResetFault = {}): Promise<TunableFault> {
    return this.#tunable(options, (o) => planReset(o as ResetFault, this.#planContext()));
  }

  /** Any fault given as data; its `link` must be this one. */
  async apply(spec: FaultSpec): Promise<ActiveFault> {
    const { link: _link, type: _type, ...options } = spec;
    if (spec.type === 'partition' || spec.type === 'flapping') return this.#inject(planFault(spec, this.#planContext()));
    return this.#tunable(options, (o) => planFault({ ...o, link: spec.link, type: spec.type } as FaultSpec, this.#planContext()));
  }

  #planContext(): PlanContext {
    const { info } = this.#context;
    return { link: info.name, defaultPer: info.traffic === 'stream' ? 'connection' : 'request' };
  }

  async #tunable(options: object, plan: (options: object) => FaultPlan): Promise<TunableFault> {
    let current = { ...options };
    const first = plan(current);
    const fault = await this.#inject(first);
    return Object.assign(fault, {
      retune: async (changes: Readonly<Record<string, unknown>>) => {
        const next = { ...current, ...changes };
        const replanned = plan(next);
        await this.#retune(fault, first, replanned);
        current = next;
      },
    });
  }

  async #inject(plan: FaultPlan): Promise<ActiveFault> {
    const { info, api } = this.#context;
    const embeddedOnly = embeddedOnlyTypesOf(plan);
    await this.#context.requireToxicTypes(embeddedOnly, plan);
    const current: { names: readonly string[] } = { names: [] };
    let undo: () => Promise<void>;
    try {
      if (plan.flapping) {
        const down = plan.flapping.down;
        const flapper = await Flapper.start(
          async () => {
            const entered = await this.#enter(down);
            current.names = entered.names;
            return async () => {
              current.names = [];
              await entered.undo();
            };
          },
          plan.flapping.periodMs,
          plan.flapping.downMs,
        );
        undo = () => flapper.stop();
      } else {
        const entered = await this.#enter(plan);
        current.names = entered.names;
        undo = entered.undo;
      }
    } catch (error) {
      throw new ChaosError(
        'ROAM_CHAOS_INJECT',
        `add ${plan.description} on ${info.name}`,
        (error as Error).message,
        `Check that the chaos backend at ${api.url} is running`,
        { cause: error },
      );
    }
    let removed: Promise<void> | undefined;
    let endedAt: number | undefined;
    const fault: ActiveFault = {
      link: info.name,
      kind: plan.kind,
      description: plan.description,
      per: plan.per satisfies FaultScope,
      embeddedOnly: embeddedOnly.length > 0,
      get toxics() {
        return current.names;
      },
      startedAt: Date.now(),
      get endedAt() {
        return endedAt;
      },
      remove: () =>
        (removed ??= undo().finally(() => {
          endedAt = Date.now();
          this.#context.onRemoved(fault);
        })),
      [Symbol.asyncDispose]: () => fault.remove(),
    };
    this.#context.onAdded(fault);
    return fault;
  }

  /** Puts an effect in place, all or nothing; returns its toxics and its undo. */
  async #enter(effect: FaultEffect): Promise<{ names: readonly string[]; undo: () => Promise<void> }> {
    const { info, api, proxySwitch } = this.#context;
    const names: string[] = [];
    try {
      for (const toxic of effect.toxics) {
        const name = `${toxic.type}_${toxic.stream}_${++counter}`;
        await api.addToxic(info.proxyName, { name, ...toxic });
        names.push(name);
      }
      if (effect.disablesProxy) await proxySwitch.hold();
    } catch (error) {
      // Leave nothing half done: a fault is either fully in effect or absent.
      await api.removeToxics(info.proxyName, names);
      throw error;
    }
    let undone = false;
    const undo = async (): Promise<void> => {
      if (undone) return;
      undone = true;
      await api.removeToxics(info.proxyName, names);
      if (effect.disablesProxy) await proxySwitch.release();
    };
    return { names, undo };
  }

  async #retune(fault: ActiveFault, first: FaultPlan, next: FaultPlan): Promise<void> {
    const { info, api } = this.#context;
    const same =
      next.toxics.length === first.toxics.length &&
      next.toxics.every((t, i) => t.type === first.toxics[i]!.type && t.stream === first.toxics[i]!.stream);
    if (!same || fault.endedAt !== undefined) {
      throw new ChaosError(
        'ROAM_CHAOS_RETUNE',
        `retune ${fault.description} on ${info.name}`,
        fault.endedAt !== undefined ? 'the fault was removed' : 'the change needs other toxics than the fault has',
        'Change only strengths (ms, percent, rates), or remove the fault and add a new one',
      );
    }
    await Promise.all(next.toxics.map((toxic, i) => api.updateToxic(info.proxyName, fault.toxics[i]!, toxic)));
  }
}
