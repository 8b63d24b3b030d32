/**
 * Deadlines for many exchanges on one timer.
 *
 * A client with thousands of exchanges in flight would otherwise make one
 * timer (or one `AbortSignal.timeout`, which is much dearer) per exchange.
 * Exchanges of one client share one timeout, so their deadlines come in the
 * order they were armed: each timeout value gets a FIFO lane, and a single
 * unref'd timer waits for the earliest live deadline of all lanes. Arming
 * and cancelling are O(1); a cancelled deadline is dropped when it reaches
 * the head of its lane.
 *
 * @internal
 */

/** A deadline that has been armed; cancel it when the exchange ends first. */
export interface ArmedDeadline {
  cancel(): void;
}

interface Entry extends ArmedDeadline {
  readonly at: number;
  fire: (() => void) | undefined;
}

/** One FIFO of deadlines that share a timeout, so they expire in arming order. */
class Lane {
  readonly #entries: Entry[] = [];
  #head = 0;

  push(entry: Entry): void {
    this.#entries.push(entry);
  }

  /** The first deadline not cancelled, after dropping cancelled ones. */
  peek(): Entry | undefined {
    while (this.#head < this.#entries.length && this.#entries[this.#head]!.fire === undefined) this.#head++;
    this.#compact();
    return this.#entries[this.#head];
  }

  shift(): Entry | undefined {
    const entry = this.peek();
    if (entry) this.#head++;
    return entry;
  }

  #compact(): void {
    if (this.#head === this.#entries.length) {
      this.#entries.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries.splice(0, this.#head);
      this.#head = 0;
    }
  }
}

/**
 * Deadlines on one timer, for exchanges that share a few timeout values.
 *
 * @example
 * ```ts
 * const deadline = deadlines.arm(10_000, () => request.destroy(new Error('timeout')));
 * response.once('end', () => deadline.cancel());
 * ```
 */
export class DeadlineQueue {
  readonly #lanes = new Map<number, Lane>();
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;

  /** Calls `fire` after `timeoutMs` unless cancelled first. */
  arm(timeoutMs: number, fire: () => void): ArmedDeadline {
    const at = performance.now() + timeoutMs;
    const entry: Entry = {
      at,
      fire,
      cancel() {
        entry.fire = undefined;
      },
    };
    let lane = this.#lanes.get(timeoutMs);
    if (!lane) this.#lanes.set(timeoutMs, (lane = new Lane()));
    lane.peek();
    lane.push(entry);
    if (at < this.#timerAt) this.#schedule(at);
    return entry;
  }

  #schedule(at: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#expire(), Math.max(0, Math.ceil(at - performance.now())));
    this.#timer.unref();
  }

  #expire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    const due: Entry[] = [];
    for (const [timeoutMs, lane] of this.#lanes) {
      for (let head = lane.peek(); head && head.at <= now; head = lane.peek()) due.push(lane.shift()!);
      const head = lane.peek();
      if (head) next = Math.min(next, head.at);
      else this.#lanes.delete(timeoutMs);
    }
    // A late timer may find several lanes due: fire them in deadline order, not lane order.
    if (due.length > 1) due.sort((a, b) => a.at - b.at);
    for (const entry of due) {
      const fire = entry.fire;
      entry.fire = undefined;
      fire?.();
    }
    if (next < this.#timerAt) this.#schedule(next);
  }
}

/** The deadlines of every element client in this thread. */
export const exchangeDeadlines = new DeadlineQueue();
