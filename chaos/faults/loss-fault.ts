/**
 * Loss: a share of requests is lost on the way. On TCP nothing is lost for
 * good: a lost segment is sent again after the retransmission timeout, so a
 * lost request arrives late (`onLoss: 'retransmit'`, the default), unless a
 * middlebox gives up and resets the connection (`onLoss: 'reset'`).
 *
 * @module
 */
import { FAULT_DIRECTIONS, streamsOf, type FaultDirection } from '../fault.js';
import { burstParameters } from '../embedded/toxics/embedded-only/gilbert-elliott.js';
import { DEFAULT_RETRANSMIT_MS } from '../embedded/toxics/embedded-only/roam-loss.js';
import { FaultFields } from './fault-fields.js';
import type { FaultPlan, PlanContext, ToxicSpec } from './fault-plan.js';

/** Losses that come in bursts (the Gilbert-Elliott model). */
export interface LossBurst {
  /** Mean length of a burst, in requests (connections, per connection); at least 1. */
  readonly meanLength: number;
  /** Share lost inside a burst, percent (default 100). */
  readonly lossInBurstPercent?: number;
  /** Share lost outside bursts, percent (default 0). */
  readonly lossOutsideBurstPercent?: number;
}

/** Options of a loss fault. */
export interface LossFault {
  /** Share of requests lost, 0 to 100 (the long-run average when bursty). */
  readonly percent: number;
  /** Lose in bursts rather than independently (embedded-only). */
  readonly burst?: LossBurst;
  /** What a loss does: `retransmit` (default) delays the request by one RTO; `reset` resets the connection. */
  readonly onLoss?: 'retransmit' | 'reset';
  /** The first retransmission timeout, ms (default 200, Linux's minimum RTO). */
  readonly retransmitMs?: number;
  /** Default `forward`: requests are lost; `reverse` loses answers. */
  readonly direction?: FaultDirection;
  /** Default: `request` on request/response links (embedded-only), `connection` on stream links. */
  readonly per?: 'request' | 'connection';
  /** Seeds the dice (embedded-only; default random). */
  readonly seed?: number;
}

/**
 * Plans a loss fault. Per connection without bursts it is Toxiproxy's own
 * toxics at toxicity = percent/100: `latency` of one RTO (every request of
 * an unlucky connection waits one retransmission) or `reset_peer`. Per
 * request, bursty or seeded it is the embedded-only `roam_loss`.
 *
 * @example
 * ```ts
 * planLoss({ percent: 5 }, { link: 'a -> b', defaultPer: 'request' }).toxics[0].type // 'roam_loss'
 * ```
 */
export function planLoss(options: LossFault, context: PlanContext): FaultPlan {
  const fields = new FaultFields(`add loss on ${context.link}`);
  const percent = fields.percent('percent', options.percent);
  const onLoss = fields.oneOf('onLoss', options.onLoss ?? 'retransmit', ['retransmit', 'reset'] as const);
  const rto = fields.milliseconds('retransmitMs', options.retransmitMs ?? DEFAULT_RETRANSMIT_MS, 1);
  const direction = fields.oneOf('direction', options.direction ?? 'forward', FAULT_DIRECTIONS);
  const per = fields.oneOf('per', options.per ?? context.defaultPer, ['request', 'connection'] as const);
  const seed = fields.integer('seed', options.seed ?? 0, 0, 42);
  const loss = percent / 100;
  let chain = { goodLoss: loss, badLoss: 0, enter: 0, exit: 0 };
  let burstText = '';
  if (options.burst !== undefined) {
    const meanLength = fields.atLeast('burst.meanLength', options.burst.meanLength, 1, 3);
    const inBurst = fields.percent('burst.lossInBurstPercent', options.burst.lossInBurstPercent ?? 100) / 100;
    const outside = fields.percent('burst.lossOutsideBurstPercent', options.burst.lossOutsideBurstPercent ?? 0) / 100;
    if (!(loss >= outside && loss <= inBurst)) {
      throw fields.error(
        `percent ${percent} is not between burst.lossOutsideBurstPercent (${outside * 100}) and burst.lossInBurstPercent (${inBurst * 100})`,
        'The average loss must lie between the loss outside and inside bursts',
      );
    }
    chain = burstParameters(loss, meanLength, inBurst, outside);
    burstText = `, bursts of ${meanLength}`;
  }
  const portable = per === 'connection' && options.burst === undefined && seed === 0;
  const ppm = (p: number): number => Math.round(p * 1_000_000);
  const toxics = streamsOf(direction).map((stream): ToxicSpec => {
    if (!portable) {
      return {
        type: 'roam_loss',
        stream,
        toxicity: 1,
        attributes: {
          loss_ppm: ppm(chain.goodLoss),
          burst_enter_ppm: ppm(chain.enter),
          burst_exit_ppm: ppm(chain.exit),
          burst_loss_ppm: ppm(chain.badLoss),
          per_request: per === 'request' ? 1 : 0,
          retransmit_ms: rto,
          reset: onLoss === 'reset' ? 1 : 0,
          seed,
        },
      };
    }
    return onLoss === 'reset'
      ? { type: 'reset_peer', stream, toxicity: loss, attributes: { timeout: 0 } }
      : { type: 'latency', stream, toxicity: loss, attributes: { latency: rto, jitter: 0 } };
  });
  const effect = onLoss === 'reset' ? 'reset' : `retransmit after ${rto}ms`;
  return {
    kind: 'loss',
    description: `loss ${percent}% of ${per === 'request' ? 'requests' : 'connections'}${burstText} ${direction} (${effect}), per ${per}`,
    per,
    toxics,
    disablesProxy: false,
    portableHint: "use per: 'connection' without burst or seed",
  };
}
