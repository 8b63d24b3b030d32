/**
 * Latency: every request (or chunk) on the link waits `ms` ± `jitterMs`.
 *
 * @module
 */
import { FAULT_DIRECTIONS, streamsOf, type FaultDirection } from '../fault.js';
import { DISTRIBUTIONS, type Distribution } from '../embedded/toxics/embedded-only/random-source.js';
import { FaultFields } from './fault-fields.js';
import type { FaultPlan, PlanContext, ToxicSpec } from './fault-plan.js';

/** Options of a latency fault. */
export interface LatencyFault {
  /** Added delay in ms, at least 0: the mean of the distribution. */
  readonly ms: number;
  /** Spread in ms (default 0): ± for `uniform`, the standard deviation for `normal` and `pareto`. */
  readonly jitterMs?: number;
  /** How delays spread around `ms` (default `uniform`, as Toxiproxy's). `normal` and `pareto` are embedded-only. */
  readonly distribution?: Distribution;
  /** Default `forward`: the requests along the link's arrow are delayed. */
  readonly direction?: FaultDirection;
  /** Probability (0 to 1) that a request (or connection, see `per`) is affected (default 1). */
  readonly toxicity?: number;
  /**
   * What `toxicity` is rolled for. Default: `request` on request/response
   * links, `connection` on stream links. Per request with toxicity below 1,
   * or any non-uniform distribution, is embedded-only.
   */
  readonly per?: 'request' | 'connection';
  /** Seeds the dice of the embedded-only toxic (default: random). */
  readonly seed?: number;
}

/**
 * Plans a latency fault. Toxicity 1 with uniform jitter is Toxiproxy's own
 * `latency` toxic, whatever `per` says (every request is delayed either way;
 * like Toxiproxy it draws jitter per chunk). Anything else is `roam_latency`.
 *
 * @example
 * ```ts
 * planLatency({ ms: 200, jitterMs: 20 }, { link: 'a -> b', defaultPer: 'request' }).toxics[0].type // 'latency'
 * ```
 */
export function planLatency(options: LatencyFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add latency on ${context.link}`);
  const ms = fields.milliseconds('ms', options.ms);
  const jitter = fields.milliseconds('jitterMs', options.jitterMs ?? 0);
  const distribution = fields.oneOf('distribution', options.distribution ?? 'uniform', DISTRIBUTIONS);
  const direction = fields.oneOf('direction', options.direction ?? 'forward', FAULT_DIRECTIONS);
  const toxicity = fields.probability('toxicity', options.toxicity ?? 1);
  const per = fields.oneOf('per', options.per ?? context.defaultPer, ['request', 'connection'] as const);
  const seed = fields.integer('seed', options.seed ?? 0, 0, 42);

  const portable = distribution === 'uniform' && (toxicity === 1 || per === 'connection') && seed === 0;
  const shape = distribution === 'uniform' ? `±${jitter}ms` : `σ${jitter}ms ${distribution}`;
  const chance = toxicity === 1 ? '' : `, ${Math.round(toxicity * 1000) / 10}% of ${per === 'request' ? 'requests' : 'connections'}`;
  const description = `latency ${ms}ms ${shape} ${direction}${chance}, per ${per}`;
  const toxics = streamsOf(direction).map((stream): ToxicSpec =>
    portable
      ? { type: 'latency', stream, toxicity, attributes: { latency: ms, jitter } }
      : {
          type: 'roam_latency',
          stream,
          toxicity,
          attributes: {
            latency: ms,
            jitter,
            distribution: DISTRIBUTIONS.indexOf(distribution),
            per_request: per === 'request' ? 1 : 0,
            seed,
          },
        },
  );
  return {
    kind: 'latency',
    description,
    per,
    toxics,
    disablesProxy: false,
    portableHint: "use distribution 'uniform' with toxicity 1, or per: 'connection'",
  };
}
