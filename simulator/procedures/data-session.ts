import type { UsageJournal } from '../billing/usage-record.js';
import { RoamError } from '../../core/errors.js';
import type { PlmnId } from '../plmn.js';
import type { MobilityContext } from './mobility.js';
import { ProcedureRecorder, failureOf, type ProcedureFailure } from './procedure-recorder.js';

/** A data session from the phone's side: opened, used, reported, closed. */
export interface DataSessionContext extends MobilityContext {
  readonly apn?: string;
  /** Where the session's usage goes as ground truth when it closes. */
  readonly journal?: UsageJournal;
}

/**
 * A packet data session of a roamer: opened in the visited network, with
 * interim volume reports while it lasts and the last volumes when it
 * closes. The bytes the phone counted are the ground truth billing is
 * checked against.
 *
 * @example
 * ```ts
 * const session = await RoamingDataSession.open({ ...context, network, visited: '208-01', journal });
 * await session.report(20_000, 1_500_000);
 * await session.close(1_000, 250_000);
 * ```
 */
export class RoamingDataSession {
  readonly #context: DataSessionContext;
  readonly #recorder: ProcedureRecorder;
  readonly #startedAt: number;
  #sessionId: string | undefined;
  /** When the network could have started its count: the open exchange, sent to answered. */
  #openWindow: readonly [number, number] = [0, 0];
  #lastSentAt = 0;
  #bytes = 0;
  #closed = false;
  #failure: ProcedureFailure | undefined;

  private constructor(context: DataSessionContext) {
    this.#context = context;
    this.#recorder = new ProcedureRecorder(context);
    this.#startedAt = context.clock.now();
  }

  /** Opens a session; check {@link failure} (e.g. `GPRS_NOT_ALLOWED`) when it could not. */
  static async open(context: DataSessionContext): Promise<RoamingDataSession> {
    const session = new RoamingDataSession(context);
    const { network, subscriber, visited } = context;
    try {
      const { reply } = await session.#recorder.exchange('Activate PDP Context', `vlr:${visited}`, () =>
        network.openDataSession({ imsi: subscriber.imsi, ...(context.apn ? { apn: context.apn } : {}) }),
      );
      session.#sessionId = reply.sessionId;
      session.#openWindow = [session.#startedAt, context.clock.now()];
      session.#recorder.emit('data_session', visited, 'in_progress');
    } catch (error) {
      session.#failed(error);
    }
    return session;
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }
  get visited(): PlmnId {
    return this.#context.visited;
  }
  /** Bytes counted by the phone so far, both directions. */
  get bytes(): number {
    return this.#bytes;
  }
  get open(): boolean {
    return this.#sessionId !== undefined && !this.#closed && this.#failure === undefined;
  }
  get failure(): ProcedureFailure | undefined {
    return this.#failure;
  }
  get steps() {
    return this.#recorder.steps;
  }

  /** An interim report of the volumes since the last one. Returns false when the network refused it. */
  report(bytesUp: number, bytesDown: number): Promise<boolean> {
    return this.#send(bytesUp, bytesDown, false);
  }

  /** Closes the session with the volumes since the last report. Returns false when the network refused it. */
  close(bytesUp = 0, bytesDown = 0): Promise<boolean> {
    return this.#send(bytesUp, bytesDown, true);
  }

  async #send(bytesUp: number, bytesDown: number, close: boolean): Promise<boolean> {
    const sessionId = this.#sessionId;
    if (!this.open || sessionId === undefined) {
      throw new RoamError('ROAM_DATA_SESSION_CLOSED', 'report data usage', 'the session is not open (never opened, closed or failed)', {
        hint: 'Open a session with RoamingDataSession.open and check its failure before reporting',
      });
    }
    const { network, visited } = this.#context;
    const report = { sessionId, bytesUp, bytesDown };
    this.#lastSentAt = this.#context.clock.now();
    try {
      await this.#recorder.exchange(close ? 'Deactivate PDP Context' : 'Usage Report', `vlr:${visited}`, () =>
        close ? network.closeDataSession(report) : network.reportDataUsage(report),
      );
      this.#bytes += bytesUp + bytesDown;
      if (close) this.#finish();
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  #finish(): void {
    this.#closed = true;
    this.#recorder.emit('data_session', this.#context.visited, 'success');
    this.#journal();
  }

  // What the phone used in this network, up to the last volumes the network acknowledged.
  #journal(): void {
    const { subscriber, journal, visited } = this.#context;
    journal?.add({
      sessionId: this.#sessionId!,
      imsi: subscriber.imsi,
      homePlmn: subscriber.home.id,
      visitedPlmn: visited,
      service: 'data',
      startedAt: this.#startedAt,
      bytes: this.#bytes,
      correlationId: this.#context.correlationId,
      window: { start: this.#openWindow, end: [this.#lastSentAt || this.#openWindow[1], this.#context.clock.now()] },
    });
  }

  #failed(error: unknown): void {
    this.#failure = failureOf(error);
    this.#recorder.emit('data_session', this.#context.visited, 'failure', this.#failure.cause);
    if (this.#sessionId !== undefined) this.#journal();
  }
}
