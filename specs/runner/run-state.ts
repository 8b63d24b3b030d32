import { RunSegment } from '../segment.js';
import type { LinkFaultSpec } from '../schema.js';
import type { AttachOutcome } from '../../simulator/procedures/attach.js';
import type { RoamingCall } from '../../simulator/procedures/call.js';
import type { SeededRandom } from '../../simulator/random/seeded-random.js';
import type { RoamingSimulator } from '../../simulator/simulation/roaming-simulator.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import { MetricSamples } from '../../metrics/metric-samples.js';

/** A simulator over in-memory networks (virtual clock) or a networked world's elements (real clock). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySimulator = RoamingSimulator<any, any>;

/** Puts faults on named links: the virtual links of a virtual run, or the chaos proxies of a networked one. */
export interface FaultControl {
  /** Applies `fault` to `link` now, or at `fault.at` from now, for `fault.for` (for ever when omitted). */
  apply(link: string, fault: LinkFaultSpec): Promise<void>;
  /** Removes every fault. */
  clear(): Promise<void>;
  /** Timed faults so far: when each started and ended, on the run's clock (ms). */
  windows(): { link: string; from: number; until: number }[];
}

/** One procedure run: when it started, what it was and whether it succeeded (for recovery times). */
export interface ProcedureRun {
  readonly procedure: string;
  readonly startedAt: number;
  readonly success: boolean;
}

/** An attach and the group it was for. */
export interface GroupAttach {
  readonly group: string;
  readonly outcome: AttachOutcome;
}

/**
 * Everything a scenario's steps share while it runs: the simulator, the
 * subscribers by group, live calls, and what was measured.
 */
export class RunState {
  readonly sim: AnySimulator;
  readonly faults: FaultControl;
  readonly random: SeededRandom;
  /** How many subscribers a step runs at once: 1 for small networked runs (each exchange a report step), all on the virtual clock. */
  readonly concurrency: number;
  readonly groups = new Map<string, Subscriber[]>();
  readonly groupOf = new Map<string, string>();
  readonly liveCalls = new Map<string, RoamingCall>();
  readonly samples = new MetricSamples();
  readonly attaches: GroupAttach[] = [];
  readonly calls: RoamingCall[] = [];
  readonly runs: ProcedureRun[] = [];
  /** Background steps (load phases) still running. */
  readonly background: Promise<void>[] = [];
  /** Which segment of the run this is (the whole run unless `ROAM_SEGMENT` says otherwise). */
  readonly segment: RunSegment;
  /** Classifies a sample by when it started relative to the faults, for drills' steady state. */
  phaseOf: (at: number) => string = () => 'steady';

  constructor(options: { sim: AnySimulator; faults: FaultControl; random: SeededRandom; concurrency: number; segment?: RunSegment }) {
    this.segment = options.segment ?? RunSegment.WHOLE;
    this.sim = options.sim;
    this.faults = options.faults;
    this.random = options.random;
    this.concurrency = options.concurrency;
  }

  /** Milliseconds on the run's clock. */
  now(): number {
    return this.sim.clock.monotonic();
  }

  /** The members of a group. */
  members(group: string): Subscriber[] {
    return this.groups.get(group) ?? [];
  }

  /** Records a latency and a success sample of `procedure` (e.g. `attach`), tagged. */
  measure(
    procedure: string,
    startedAt: number,
    success: boolean,
    latencyMs: number | undefined,
    tags: Record<string, string | undefined>,
    latencyMetric = `${procedure}_latency`,
  ): void {
    const clean: Record<string, string> = { phase: this.phaseOf(startedAt) };
    for (const [k, v] of Object.entries(tags)) if (v !== undefined) clean[k] = v;
    this.samples.add(`${procedure}_success`, success, clean);
    if (success && latencyMs !== undefined) this.samples.add(latencyMetric, latencyMs, clean);
    this.runs.push({ procedure, startedAt, success });
  }

  /** Runs `work` for each member, at most {@link concurrency} at a time, in order of the list. */
  async forEach<T>(members: readonly T[], work: (member: T, index: number) => Promise<void>): Promise<void> {
    if (this.concurrency >= members.length) {
      await Promise.all(members.map((m, i) => work(m, i)));
      return;
    }
    let next = 0;
    const lane = async () => {
      while (next < members.length) {
        const i = next++;
        await work(members[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.concurrency) }, lane));
  }
}
