import type { ChargingEvent } from '../signaling/ports.js';

/** What the ledger did with one event. */
export interface LedgerReceipt {
  /** True when an event with the same idempotency key was already recorded; nothing changed. */
  readonly duplicate: boolean;
  readonly event: ChargingEvent;
}

/**
 * The home billing system's record of charging events, exactly once per
 * idempotency key: a retried event is acknowledged again but not recorded
 * twice.
 */
export class ChargingLedger {
  readonly #byKey = new Map<string, ChargingEvent>();

  /** Records `event` unless its idempotency key was seen before. */
  record(event: ChargingEvent): LedgerReceipt {
    const existing = this.#byKey.get(event.idempotencyKey);
    if (existing) return { duplicate: true, event: existing };
    this.#byKey.set(event.idempotencyKey, event);
    return { duplicate: false, event };
  }

  /** Every event recorded, in arrival order. */
  events(): ChargingEvent[] {
    return [...this.#byKey.values()];
  }

  get size(): number {
    return this.#byKey.size;
  }

  clear(): void {
    this.#byKey.clear();
  }
}
