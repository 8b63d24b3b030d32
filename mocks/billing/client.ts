import type { ChargingEvent, ChargingPort } from '../../simulator/elements/ports.js';
import { callEndpoint, type ClientOptions } from '../http/client.js';
import { billingContract as c } from './contract.js';

/** A typed client of the mock billing API: a VLR's {@link ChargingPort} in networked worlds. */
export class BillingClient implements ChargingPort {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  async record(event: ChargingEvent): Promise<void> {
    await callEndpoint(this.#options, c.recordChargingEvent, event);
  }

  /** Every charging event billing holds, for reconciliation. */
  async list(): Promise<ChargingEvent[]> {
    return (await callEndpoint(this.#options, c.listChargingEvents, undefined)).events;
  }
}
