/**
 * Errors of a Diameter peer connection: no answer in time, a connection that
 * could not be opened or was lost, a capabilities exchange the peer refused,
 * and an answer with a result the caller did not expect.
 *
 * @module
 */
import { resultName, type DiameterResult } from '../../protocols/diameter/result-codes.js';
import { RoamError } from '../../core/errors.js';

/** A request got no answer within its Tx timeout. */
export class DiameterTimeoutError extends RoamError {
  /** The request, e.g. `AIR`. */
  readonly command: string;
  readonly timeoutMs: number;

  constructor(command: string, peer: string, timeoutMs: number) {
    super('ROAM_DIAMETER_TIMEOUT', `get an answer to ${command} from ${peer}`, `no answer within ${timeoutMs} ms`, {
      hint: 'Check that the peer is up and that no partition or latency fault is on the link; raise requestTimeoutMs if the peer is just slow',
    });
    this.command = command;
    this.timeoutMs = timeoutMs;
  }
}

/** A connection that could not be opened, or was closed or reset while a request waited. */
export class DiameterConnectionError extends RoamError {
  /** Why: `ECONNREFUSED`, `ECONNRESET`, `closed`, `not open`, `watchdog`... */
  readonly reason: string;

  constructor(failedTo: string, reason: string, cause?: unknown) {
    super('ROAM_DIAMETER_CONNECTION', failedTo, `the connection is down (${reason})`, {
      hint: 'Check that the Diameter peer listens on that host and port and that no fault is on the link; the client reconnects on the next request',
      cause,
    });
    this.reason = reason;
  }
}

/** The peer refused the capabilities exchange (CEA with a failure), or sent something else first. */
export class DiameterCapabilitiesError extends RoamError {
  readonly result: DiameterResult | undefined;

  constructor(peer: string, cause: string, result?: DiameterResult) {
    super('ROAM_DIAMETER_CAPABILITIES', `exchange capabilities with ${peer}`, result ? `${cause}: ${resultName(result)}` : cause, {
      hint: 'Check that the peer knows our Origin-Host and realm (its peer list) and supports the application (S6a 16777251 or Gy 4)',
    });
    this.result = result;
  }
}

/** An answer whose result the caller could not turn into an outcome of its own. */
export class DiameterResultError extends RoamError {
  readonly result: DiameterResult;
  /** The Error-Message of the answer, if any. */
  readonly errorMessage: string | undefined;

  constructor(procedure: string, peer: string, result: DiameterResult, errorMessage?: string) {
    super(
      'ROAM_DIAMETER_RESULT',
      `${procedure} at ${peer}`,
      `the answer was ${resultName(result)}${errorMessage ? ` (${errorMessage})` : ''}`,
      {
        hint: 'See the peer log for why it refused; a 3xxx result is a protocol or routing problem, 5xxx a permanent refusal',
      },
    );
    this.result = result;
    this.errorMessage = errorMessage;
  }
}
