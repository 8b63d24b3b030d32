/**
 * Errors of the roaming domain: malformed PLMNs and identities, illegal
 * state transitions, unknown names.
 *
 * @module
 */
import { RoamError } from '../core/errors.js';

/** An MCC, MNC or PLMN id that is not well formed. */
export class InvalidPlmnError extends RoamError {
  constructor(value: unknown, cause: string) {
    super('ROAM_INVALID_PLMN', `parse PLMN ${JSON.stringify(value)}`, cause, {
      hint: 'Write a PLMN as "MCC-MNC": three digits, a dash, then two or three digits, e.g. "262-01" or "310-410"',
    });
  }
}

/** An IMSI, MSISDN, K or OPc that is not well formed. */
export class InvalidIdentityError extends RoamError {
  /** Which identity was wrong: `imsi`, `msisdn`, `k`, `opc`, ... */
  readonly field: string;

  constructor(field: string, shown: string, cause: string, expected: string) {
    super('ROAM_INVALID_IDENTITY', `accept ${field} ${shown}`, cause, { hint: `A valid ${field} is ${expected}` });
    this.field = field;
  }
}

/** A state machine was asked to make a transition its table does not allow. */
export class IllegalTransitionError extends RoamError {
  readonly from: string;
  readonly to: string;

  constructor(machine: string, from: string, to: string, allowed: readonly string[]) {
    super(
      'ROAM_ILLEGAL_TRANSITION',
      `move ${machine} from ${from} to ${to}`,
      `the transition table allows only ${allowed.length ? allowed.join(', ') : 'nothing'} after ${from}`,
      { hint: 'This is a bug in the procedure that drove the machine, or a table that is missing a row' },
    );
    this.from = from;
    this.to = to;
  }
}

/** A name (network, subscriber, element) that nothing was registered under. */
export class UnknownNameError extends RoamError {
  constructor(kind: string, name: string, known: readonly string[]) {
    super('ROAM_UNKNOWN_NAME', `find ${kind} ${JSON.stringify(name)}`, `no ${kind} has that name`, {
      hint: known.length ? `Known: ${known.join(', ')}` : `Register the ${kind} first`,
    });
  }
}
