import { RoamError } from '../../core/errors.js';
import type { PlmnId } from '../plmn.js';
import type { SignalingStep } from '../signaling/signaling-step.js';
import type { VlrContext } from './vlr-context.js';
import type { DataSessionOpened, DataSessionRequest, DataSessionUsage, DataUsageReport } from '../signaling/vlr-messages.js';

interface DataSession {
  readonly sessionId: string;
  readonly imsi: string;
  readonly homePlmn: PlmnId;
  totalBytes: number;
}

/** A data session id the VLR does not know (closed, or opened elsewhere). */
export class UnknownDataSessionError extends RoamError {
  constructor(sessionId: string, vlr: string) {
    super('ROAM_UNKNOWN_DATA_SESSION', `find data session ${JSON.stringify(sessionId)} in ${vlr}`, 'no open data session has that id', {
      hint: 'Use the sessionId from the DataSessionOpened answer, before the session is stopped',
    });
  }
}

/** A usage report with a negative or fractional byte count. */
export class InvalidUsageError extends RoamError {
  constructor(shown: string) {
    super('ROAM_INVALID_USAGE', `record data usage ${shown}`, 'byte counts must be whole numbers of at least 0', {
      hint: 'Report bytesUp and bytesDown as non-negative integers, e.g. { bytesUp: 1200, bytesDown: 48000 }',
    });
  }
}

/**
 * Packet data sessions of a VLR/SGSN (PDP contexts, simplified): opening,
 * interim usage reports and closing, each a charging event with the volumes
 * since the last one.
 */
export class VlrDataSessions {
  readonly #vlr: VlrContext;
  readonly #sessions = new Map<string, DataSession>();

  constructor(vlr: VlrContext) {
    this.#vlr = vlr;
  }

  get size(): number {
    return this.#sessions.size;
  }

  async open(request: DataSessionRequest): Promise<DataSessionOpened> {
    const record = this.#vlr.requireRecord(request.imsi, 'open data session', 'data');
    const steps: SignalingStep[] = [];
    const session: DataSession = { sessionId: this.#vlr.nextId('pdp'), imsi: record.imsi, homePlmn: record.homePlmn, totalBytes: 0 };
    this.#sessions.set(session.sessionId, session);
    await this.#vlr.charging.send(
      { kind: 'start', sessionId: session.sessionId, imsi: session.imsi, service: 'data' },
      'ChargingStart (data)',
      steps,
      session.homePlmn,
    );
    return { kind: 'data-session', sessionId: session.sessionId, steps };
  }

  /** Interim (`close` false) or final usage. */
  async report(report: DataUsageReport, close: boolean): Promise<DataSessionUsage> {
    const session = this.#sessions.get(report.sessionId);
    if (!session) throw new UnknownDataSessionError(report.sessionId, this.#vlr.name);
    for (const n of [report.bytesUp, report.bytesDown]) {
      if (!Number.isSafeInteger(n) || n < 0)
        throw new InvalidUsageError(JSON.stringify({ bytesUp: report.bytesUp, bytesDown: report.bytesDown }));
    }
    const bytes = report.bytesUp + report.bytesDown;
    session.totalBytes += bytes;
    if (close) this.#sessions.delete(session.sessionId);
    const steps: SignalingStep[] = [];
    const kind = close ? 'stop' : 'interim';
    await this.#vlr.charging.send(
      { kind, sessionId: session.sessionId, imsi: session.imsi, service: 'data', usage: { bytes } },
      close ? 'ChargingStop (data)' : 'ChargingInterim (data)',
      steps,
      session.homePlmn,
    );
    return { kind: 'data-usage', sessionId: session.sessionId, totalBytes: session.totalBytes, closed: close, steps };
  }

  /** Closes every session of `imsi` (CancelLocation, detach) with no further volume. Returns how many. */
  async closeAll(imsi: string, steps?: SignalingStep[]): Promise<number> {
    const mine = [...this.#sessions.values()].filter((s) => s.imsi === imsi);
    for (const s of mine) {
      const usage = await this.report({ sessionId: s.sessionId, bytesUp: 0, bytesDown: 0 }, true);
      steps?.push(...usage.steps);
    }
    return mine.length;
  }
}
