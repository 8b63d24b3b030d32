/**
 * The device watchdog of RFC 3539 §3.4 as RFC 6733 §5.5 uses it: a quiet
 * connection is probed with a DWR every Tw; any message from the peer
 * proves it alive. A probe still unanswered when the timer fires again
 * makes the peer SUSPECT; one more silent period and it is DOWN and the
 * connection is closed, so requests fail over instead of waiting on a dead
 * link.
 *
 * @module
 */

/** Watchdog states (RFC 3539's OKAY, SUSPECT, DOWN). */
export type WatchdogState = 'okay' | 'suspect' | 'down';

/** What the watchdog does to its connection. */
export interface WatchdogActions {
  /** Sends a DWR (its answer must reach {@link PeerWatchdog.received}). */
  probe(): void;
  /** Called on every state change. */
  changed(state: WatchdogState): void;
}

/**
 * One connection's watchdog.
 *
 * @example
 * ```ts
 * const watchdog = new PeerWatchdog(6_000, { probe: () => sendDwr(), changed: (s) => s === 'down' && socket.destroy() });
 * watchdog.start();
 * socket.on('data', () => watchdog.received());
 * ```
 */
export class PeerWatchdog {
  readonly #intervalMs: number;
  readonly #actions: WatchdogActions;
  #timer: NodeJS.Timeout | undefined;
  #state: WatchdogState = 'okay';
  #heard = false;
  #probing = false;

  /** @param intervalMs Tw, the watchdog interval (RFC 3539 suggests 30 s; at least 6 s against real peers). */
  constructor(intervalMs: number, actions: WatchdogActions) {
    this.#intervalMs = intervalMs;
    this.#actions = actions;
  }

  get state(): WatchdogState {
    return this.#state;
  }

  /** Starts the timer. */
  start(): void {
    this.stop();
    this.#timer = setInterval(() => this.#expired(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer (the connection is closing). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Any message from the peer: it is alive. */
  received(): void {
    this.#heard = true;
    this.#probing = false;
    if (this.#state === 'suspect') this.#set('okay');
  }

  #expired(): void {
    if (this.#heard) {
      this.#heard = false;
      return;
    }
    if (!this.#probing) {
      this.#probing = true;
      this.#actions.probe();
      return;
    }
    if (this.#state === 'okay') this.#set('suspect');
    else if (this.#state === 'suspect') {
      this.#set('down');
      this.stop();
    }
  }

  #set(state: WatchdogState): void {
    this.#state = state;
    this.#actions.changed(state);
  }
}
