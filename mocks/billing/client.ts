import type { z } from 'zod';
import type { ChargingEvent, ChargingPort } from '../../simulator/signaling/ports.js';
import { callEndpoint, type ClientOptions } from '../http/client.js';
import { billingContract as c } from './contract.js';

/** What `GET /billing/v1/cdrs` answers: closed CDRs, open sessions and what was dropped. */
export type CdrListing = z.output<typeof c.listCdrs.response>;
/** What `GET /billing/v1/cdrs/rated` answers: rated CDRs (`BilledRecord`s) and those no agreement rates. */
export type RatedCdrListing = z.output<typeof c.listRatedCdrs.response>;
/** What billing answers a charging event with. */
export type ChargingReceipt = z.output<typeof c.recordChargingEvent.response>;
/** What `GET /billing/v1/intake/rejections` answers. */
export type IntakeRejectionListing = z.output<typeof c.listIntakeRejections.response>;

/**
 * A typed client of the mock billing API: a VLR's {@link ChargingPort} in
 * networked worlds, and the reconciliation's view of what billing holds.
 *
 * @example
 * ```ts
 * const billing = new BillingClient({ baseUrl: served.url });
 * const { records } = await billing.ratedCdrs();
 * expect(reconcile(journal.records, records, { rating }).clean).toBe(true);
 * ```
 */
export class BillingClient implements ChargingPort {
  readonly #options: ClientOptions;

  /**
   * @param options `authorization`: the `Authorization` header this element sends with every
   * request, e.g. `credentials.authorizationFor('vlr:208-01')`; billing of a world takes charging
   * events only with it.
   */
  constructor(options: ClientOptions & { readonly authorization?: string }) {
    const { authorization, ...rest } = options;
    this.#options = authorization ? { ...rest, headers: { ...rest.headers, authorization } } : rest;
  }

  async record(event: ChargingEvent): Promise<void> {
    await this.recordEvent(event);
  }

  /** Sends one charging event and returns billing's acknowledgement: `duplicate` when nothing new was billed. */
  recordEvent(event: ChargingEvent): Promise<ChargingReceipt> {
    return callEndpoint(this.#options, c.recordChargingEvent, event);
  }

  /** Every charging event billing holds, for reconciliation. */
  async list(): Promise<ChargingEvent[]> {
    return (await callEndpoint(this.#options, c.listChargingEvents, undefined)).events;
  }

  /** The usage records (CDRs) closed from start/interim/stop and event charging, and the sessions still open. */
  cdrs(): Promise<CdrListing> {
    return callEndpoint(this.#options, c.listCdrs, undefined);
  }

  /** The CDRs rated by agreement tariff (`records`, `BilledRecord`s to reconcile), and those that could not be rated. */
  ratedCdrs(): Promise<RatedCdrListing> {
    return callEndpoint(this.#options, c.listRatedCdrs, undefined);
  }

  /** Charging events billing refused at its intake: which element, 401 or 403, and why. */
  async intakeRejections(): Promise<IntakeRejectionListing['rejections']> {
    return (await callEndpoint(this.#options, c.listIntakeRejections, undefined)).rejections;
  }
}
