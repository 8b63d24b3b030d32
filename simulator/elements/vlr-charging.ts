import type { Clock } from '../../core/clock.js';
import type { PlmnId } from '../plmn.js';
import { recordStep, type SignalingStep } from '../signaling/signaling-step.js';
import type { ChargingEvent, ChargingPort } from '../signaling/ports.js';

/** A charging event before the VLR stamps it with its time and idempotency key. */
export type ChargingDraft = Omit<ChargingEvent, 'idempotencyKey' | 'at' | 'visitedPlmn'>;

/**
 * How a VLR reports usage to the home billing system: every event gets the
 * VLR's clock time and an idempotency key (`<session>:<kind>:<n>`) so a
 * retry is recorded once, and a failure to reach billing never fails the
 * subscriber's procedure: it is recorded as a failed step.
 */
export class VlrCharging {
  readonly #port: ChargingPort | undefined;
  readonly #clock: Clock;
  readonly #plmn: PlmnId;
  readonly #from: string;
  readonly #sequence = new Map<string, number>();
  readonly #background = new Set<Promise<unknown>>();

  constructor(options: { port: ChargingPort | undefined; clock: Clock; plmn: PlmnId; name: string }) {
    this.#port = options.port;
    this.#clock = options.clock;
    this.#plmn = options.plmn;
    this.#from = options.name;
  }

  /** Sends one event, recording it as a step named `stepName`, and never throws. */
  async send(draft: ChargingDraft, stepName: string, steps: SignalingStep[], homePlmn: PlmnId): Promise<void> {
    const port = this.#port;
    if (!port) return;
    const n = (this.#sequence.get(draft.sessionId) ?? 0) + 1;
    if (draft.kind === 'stop' || draft.kind === 'event') this.#sequence.delete(draft.sessionId);
    else this.#sequence.set(draft.sessionId, n);
    const event: ChargingEvent = {
      ...draft,
      idempotencyKey: `${draft.sessionId}:${draft.kind}:${n}`,
      visitedPlmn: this.#plmn,
      at: this.#clock.now(),
    };
    await recordStep(steps, this.#clock, { name: stepName, from: this.#from, to: `billing:${homePlmn}` }, () => port.record(event)).catch(
      () => undefined,
    );
  }

  /** Sends without anyone waiting (e.g. after a CancelLocation); {@link settled} waits for these. */
  sendInBackground(draft: ChargingDraft, stepName: string, homePlmn: PlmnId): void {
    const sent = this.send(draft, stepName, [], homePlmn).finally(() => this.#background.delete(sent));
    this.#background.add(sent);
  }

  /** Resolves when every background event has been sent or has failed. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#background]);
  }
}
