/**
 * Which way along a link a fault acts. `forward` is the way the link's
 * arrow points (requests, Toxiproxy's `upstream` stream), `reverse` the
 * other way (responses, `downstream`), `both` is both.
 */
export type FaultDirection = 'forward' | 'reverse' | 'both';

/** Every direction, for validation and docs. */
export const FAULT_DIRECTIONS: readonly FaultDirection[] = ['forward', 'reverse', 'both'];

/**
 * What a fault's dice are rolled for. Toxiproxy rolls `toxicity` once per
 * *connection*; on keep-alive HTTP links one connection carries many
 * requests, so `request` (the default on request/response links) rolls
 * again at each request. `link` means the fault has no dice: it acts on
 * everything that crosses the link (a partition, a bandwidth cap).
 */
export type FaultScope = 'request' | 'connection' | 'link';

/** The fault kinds of the vocabulary. */
export type FaultKind = 'latency' | 'loss' | 'partition' | 'bandwidth' | 'flapping' | 'slow-close' | 'reset';

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
  /** What kind of fault it is. */
  readonly kind: FaultKind;
  /** What it is, e.g. `latency 200ms ±0ms forward, per request`. */
  readonly description: string;
  /** Whether its dice roll per request, per connection, or it acts on the whole link. */
  readonly per: FaultScope;
  /** True if it needs the embedded server's own toxic types. */
  readonly embeddedOnly: boolean;
  /** The Toxiproxy toxics that implement it (none for a refused partition or between flaps). */
  readonly toxics: readonly string[];
  /** When it was put in effect (ms since the epoch). */
  readonly startedAt: number;
  /** When it was taken away (ms since the epoch); undefined while in effect. */
  readonly endedAt: number | undefined;
  /** Takes the fault away. Safe to call twice. */
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
