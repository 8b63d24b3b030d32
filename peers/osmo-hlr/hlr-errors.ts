/**
 * Errors of talking to osmo-hlr's management interfaces (VTY, CTRL) and of
 * starting it.
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';

/**
 * osmo-hlr's process has died (or was killed) while a VLR still needs it:
 * what a request to it fails with, instead of a bare lost connection.
 */
export class OsmoHlrDiedError extends RoamError {
  constructor(home: string, death: string, options: { cause?: unknown } = {}) {
    super('ROAM_OSMO_HLR_DIED', `reach the HLR of ${home}`, death, {
      hint: 'Its process is gone: look for what killed it (the OOM killer, a test, a crash in its log)',
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
    });
  }
}

/** Which management interface a command went to. */
export type HlrChannel = 'vty' | 'ctrl';

/**
 * osmo-hlr refused a VTY or CTRL command (a `% ...` line on the VTY, an
 * `ERROR` reply on CTRL). Command and reply are shown with keys redacted.
 *
 * @example
 * ```ts
 * await provisioning.createSubscriber(imsi).catch((e) => e instanceof HlrCommandRejectedError && console.log(e.reply));
 * ```
 */
export class HlrCommandRejectedError extends RoamError {
  readonly channel: HlrChannel;
  /** The command as sent, keys redacted. */
  readonly command: string;
  /** osmo-hlr's answer, keys redacted. */
  readonly reply: string;

  constructor(channel: HlrChannel, command: string, reply: string) {
    super(
      'ROAM_OSMO_HLR_REJECTED',
      `run ${channel.toUpperCase()} command ${JSON.stringify(command)}`,
      `osmo-hlr answered ${JSON.stringify(reply)}`,
      {
        hint: hintFor(reply),
      },
    );
    this.channel = channel;
    this.command = command;
    this.reply = reply;
  }
}

function hintFor(reply: string): string {
  if (/already exists/i.test(reply)) return 'The subscriber exists already; delete it first or skip creating it';
  if (/no (such )?subscriber/i.test(reply)) return 'Create the subscriber first (createSubscriber), or check the IMSI';
  if (/unknown command|no matched command|incomplete/i.test(reply))
    return "The command is not valid on this osmo-hlr version; type 'list' on its VTY to see the valid ones";
  return 'Check the arguments against the osmo-hlr VTY/CTRL reference';
}

/** Why a {@link HlrChannelError} happened. */
export type HlrChannelFailure = 'connect-failed' | 'timeout' | 'closed' | 'protocol';

/**
 * The VTY or CTRL connection failed, went silent, or spoke something else.
 *
 * @example
 * ```ts
 * await VtySession.open({ host: '127.0.0.9' }).catch((e) => e instanceof HlrChannelError && e.reason === 'connect-failed');
 * ```
 */
export class HlrChannelError extends RoamError {
  readonly channel: HlrChannel;
  readonly reason: HlrChannelFailure;

  constructor(channel: HlrChannel, failedTo: string, reason: HlrChannelFailure, cause: string, error?: unknown) {
    const port = channel === 'vty' ? 4258 : 4259;
    super('ROAM_OSMO_HLR_CHANNEL', failedTo, cause, {
      hint: `Check that osmo-hlr is running with its ${channel.toUpperCase()} bound to that address (port ${port}) and is not stuck`,
      cause: error,
    });
    this.channel = channel;
    this.reason = reason;
  }
}

/**
 * osmo-hlr could not be started: not installed, no free 127.0.0.x address,
 * it exited, or it never opened its ports. `log` holds the end of its output.
 *
 * @example
 * ```ts
 * await startOsmoHlr().catch((e) => e instanceof OsmoHlrLaunchError && console.log(e.log));
 * ```
 */
export class OsmoHlrLaunchError extends RoamError {
  /** The last lines osmo-hlr wrote, if it ran at all. */
  readonly log: string;

  constructor(cause: string, hint: string, log = '', error?: unknown) {
    super('ROAM_OSMO_HLR_LAUNCH', 'start osmo-hlr', cause, { hint, cause: error });
    this.log = log;
  }
}
