import type { Clock } from '../../core/clock.js';
import type { ChargingEvent, ChargingPort } from '../../simulator/signaling/ports.js';
import { ElementRequestError } from '../http/client.js';

/** Retry, circuit-breaker and replay settings of a {@link ReliableChargingSender}. */
export interface ChargingSenderOptions {
  readonly clock: Clock;
  /** Uniform [0, 1); seed it for repeatable runs. Default Math.random. */
  readonly random?: () => number;
  /** Attempts per event before it is parked (default 4). */
  readonly attempts?: number;
  /** First backoff in ms (default 50); doubles per attempt, with full jitter. */
  readonly baseDelayMs?: number;
  /** Longest backoff in ms (default 2,000). */
  readonly maxDelayMs?: number;
  /** Consecutive failed events that open the breaker (default 5). */
  readonly breakerThreshold?: number;
  /** How long the breaker stays open before one trial event (default 1,000 ms). */
  readonly breakerOpenMs?: number;
  /** How often parked events are retried while any are parked (default 500 ms). */
  readonly replayIntervalMs?: number;
}

/** A parked event and why it is parked. */
export interface DeadLetter {
  readonly event: ChargingEvent;
  readonly reason: string;
  /** A rejected event (HTTP 4xx, or an error marked `permanent`) is a bug or a refusal, not an outage: it is kept but never replayed. */
  readonly replayable: boolean;
}

/** What the sender did so far. */
export interface ChargingSenderStats {
  readonly delivered: number;
  readonly retries: number;
  readonly parked: number;
  readonly replayed: number;
  readonly rejected: number;
  readonly breaker: 'closed' | 'open' | 'half-open';
}

/**
 * The VLR's way of sending charging events so that no charge is lost or
 * doubled: retries with exponential backoff and full jitter, a circuit
 * breaker that stops hammering a billing system that is down, and a
 * dead-letter queue replayed in order once billing answers again. Every
 * event keeps its idempotency key, so billing drops the copies a retry of a
 * lost answer creates.
 *
 * `record` never fails for an outage: the event is delivered or parked.
 */
export class ReliableChargingSender implements ChargingPort {
  readonly #target: ChargingPort;
  readonly #options: Required<Omit<ChargingSenderOptions, 'clock' | 'random'>> & Pick<ChargingSenderOptions, 'clock'>;
  readonly #random: () => number;
  readonly #parked: DeadLetter[] = [];
  #consecutiveFailures = 0;
  #openedAt: number | undefined;
  #trialInFlight = false;
  #replaying: Promise<void> | undefined;
  #replayTimer = false;
  #stopped = false;
  #stats = { delivered: 0, retries: 0, parked: 0, replayed: 0, rejected: 0 };

  constructor(target: ChargingPort, options: ChargingSenderOptions) {
    this.#target = target;
    this.#random = options.random ?? Math.random;
    this.#options = {
      clock: options.clock,
      attempts: options.attempts ?? 4,
      baseDelayMs: options.baseDelayMs ?? 50,
      maxDelayMs: options.maxDelayMs ?? 2_000,
      breakerThreshold: options.breakerThreshold ?? 5,
      breakerOpenMs: options.breakerOpenMs ?? 1_000,
      replayIntervalMs: options.replayIntervalMs ?? 500,
    };
  }

  get stats(): ChargingSenderStats {
    return { ...this.#stats, breaker: this.#breakerState() };
  }

  /** Events waiting for billing to come back (and rejected ones, kept for inspection). */
  get deadLetters(): readonly DeadLetter[] {
    return this.#parked;
  }

  async record(event: ChargingEvent): Promise<void> {
    if (!this.#mayTry()) return this.#park(event, 'circuit breaker open');
    const outcome = await this.#deliverWithRetries(event);
    if (outcome !== 'delivered') this.#park(event, outcome.reason, outcome.replayable);
  }

  /**
   * Tries to deliver the parked events, oldest first; stops at the first one
   * billing still refuses. Concurrent calls share one replay.
   */
  replay(): Promise<void> {
    this.#replaying ??= this.#replayOnce().finally(() => (this.#replaying = undefined));
    return this.#replaying;
  }

  /** Waits until nothing replayable is parked, replaying as it goes; false if `timeoutMs` passes first. */
  async drain(timeoutMs = 30_000): Promise<boolean> {
    const deadline = this.#options.clock.monotonic() + timeoutMs;
    while (this.#parked.some((d) => d.replayable)) {
      if (this.#options.clock.monotonic() > deadline) return false;
      await this.replay();
      if (this.#parked.some((d) => d.replayable)) await this.#options.clock.sleep(Math.min(100, this.#options.replayIntervalMs));
    }
    return true;
  }

  /** Stops the background replay loop (parked events stay parked). */
  stop(): void {
    this.#stopped = true;
  }

  async #replayOnce(): Promise<void> {
    while (true) {
      const index = this.#parked.findIndex((d) => d.replayable);
      if (index < 0) return;
      if (!this.#mayTry()) return;
      const letter = this.#parked[index]!;
      const outcome = await this.#attempt(letter.event);
      if (outcome !== 'delivered') {
        if (!outcome.replayable) this.#parked[index] = { ...letter, reason: outcome.reason, replayable: false };
        return;
      }
      this.#parked.splice(index, 1);
      this.#stats.replayed++;
    }
  }

  async #deliverWithRetries(event: ChargingEvent): Promise<'delivered' | { reason: string; replayable: boolean }> {
    let last: { reason: string; replayable: boolean } = { reason: 'not sent', replayable: true };
    for (let attempt = 1; attempt <= this.#options.attempts; attempt++) {
      if (attempt > 1) {
        if (!this.#mayTry()) return { reason: 'circuit breaker open', replayable: true };
        this.#stats.retries++;
        await this.#options.clock.sleep(this.#backoff(attempt - 1));
      }
      const outcome = await this.#attempt(event);
      if (outcome === 'delivered' || !outcome.replayable) return outcome;
      last = outcome;
    }
    return last;
  }

  async #attempt(event: ChargingEvent): Promise<'delivered' | { reason: string; replayable: boolean }> {
    const trial = this.#breakerState() === 'half-open';
    if (trial) this.#trialInFlight = true;
    try {
      await this.#target.record(event);
      this.#stats.delivered++;
      this.#onSuccess();
      return 'delivered';
    } catch (error) {
      const rejected =
        (error instanceof ElementRequestError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) ||
        isPermanent(error);
      if (rejected) {
        this.#stats.rejected++;
        return { reason: `rejected: ${error instanceof Error ? error.message : String(error)}`, replayable: false };
      }
      this.#onFailure();
      return { reason: error instanceof Error ? error.message : String(error), replayable: true };
    } finally {
      if (trial) this.#trialInFlight = false;
    }
  }

  // Full jitter (AWS architecture blog): uniform between 0 and the capped exponential.
  #backoff(retry: number): number {
    const cap = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (retry - 1));
    return Math.round(this.#random() * cap);
  }

  #mayTry(): boolean {
    const state = this.#breakerState();
    if (state === 'closed') return true;
    return state === 'half-open' && !this.#trialInFlight;
  }

  #breakerState(): 'closed' | 'open' | 'half-open' {
    if (this.#openedAt === undefined) return 'closed';
    return this.#options.clock.monotonic() - this.#openedAt >= this.#options.breakerOpenMs ? 'half-open' : 'open';
  }

  #onSuccess(): void {
    const wasOpen = this.#openedAt !== undefined;
    this.#consecutiveFailures = 0;
    this.#openedAt = undefined;
    if (wasOpen) void this.replay();
  }

  #onFailure(): void {
    this.#consecutiveFailures++;
    if (this.#breakerState() === 'half-open' || this.#consecutiveFailures >= this.#options.breakerThreshold) {
      this.#openedAt = this.#options.clock.monotonic();
    }
  }

  #park(event: ChargingEvent, reason: string, replayable = true): void {
    this.#parked.push({ event, reason, replayable });
    this.#stats.parked++;
    if (replayable) this.#scheduleReplay();
  }

  #scheduleReplay(): void {
    if (this.#replayTimer || this.#stopped) return;
    this.#replayTimer = true;
    void (async () => {
      while (!this.#stopped && this.#parked.some((d) => d.replayable)) {
        await this.#options.clock.sleep(this.#options.replayIntervalMs);
        if (!this.#stopped) await this.replay();
      }
      this.#replayTimer = false;
    })();
  }
}

/**
 * Whether an error says the same event would be refused again: an error
 * marked `permanent: true` by the port that threw it (a Diameter OCS's
 * DIAMETER_CREDIT_LIMIT_REACHED, or a 5xxx result), whatever its protocol.
 */
function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}
