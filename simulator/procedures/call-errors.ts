import { RoamError } from '../../core/errors.js';

/**
 * Asked to hang up a call that is still being set up or handed over: it can
 * be released once it is connected (or has failed, which ends it).
 */
export class CallNotConnectedError extends RoamError {
  /** The state the call is in, e.g. `HANDOFF_IN_PROGRESS`. */
  readonly state: string;

  constructor(callId: string, state: string) {
    super('ROAM_CALL_NOT_CONNECTED', `hang up call ${callId}`, `the call is in ${state}, not connected`, {
      hint: 'Wait for its set-up or handoff to finish, then hang up',
    });
    this.state = state;
  }
}
