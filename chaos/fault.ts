/**
 * Which way along a link a fault acts. `forward` is the way the link's
 * arrow points (requests, Toxiproxy's `upstream` stream), `reverse` the
 * other way (responses, `downstream`), `both` is both.
 */
export type FaultDirection = 'forward' | 'reverse' | 'both';

/** The Toxiproxy streams a direction covers. */
export function streamsOf(direction: FaultDirection): ('upstream' | 'downstream')[] {
  if (direction === 'forward') return ['upstream'];
  if (direction === 'reverse') return ['downstream'];
  return ['upstream', 'downstream'];
}

/** A fault in effect on a link. Remove it, or let `await using` remove it. */
export interface ActiveFault {
  /** The link it acts on, e.g. `vlr:208-01 -> hlr:262-01`. */
  readonly link: string;
  /** What it is, e.g. `latency 200ms ±0ms forward`. */
  readonly description: string;
  /** The Toxiproxy toxics that implement it. */
  readonly toxics: readonly string[];
  /** When it was put in effect (ms since the epoch). */
  readonly startedAt: number;
  /** Takes the fault away. Safe to call twice. */
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
