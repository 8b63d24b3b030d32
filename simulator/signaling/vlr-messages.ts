import type { PlmnId } from '../plmn.js';
import type { SignalingStep } from './signaling-step.js';
import { RoamError } from '../../core/errors.js';
import type { CallDirection } from './ports.js';

/**
 * The requests a subscriber (or the network on its behalf) sends a visited
 * VLR after attach, and the VLR's answers. They are plain data, so the mock
 * VLR can carry them over HTTP unchanged. Every answer lists the signalling
 * the VLR did for it in `steps`.
 *
 * @module
 */

/** The VLR's challenge to a subscriber: RAND and AUTN of one vector. */
export interface AuthenticationChallenge {
  readonly kind: 'challenge';
  /** Names this attach on the VLR; send it back with the answer. */
  readonly transactionId: string;
  readonly rand: string;
  readonly autn: string;
  /** What the VLR did to build the challenge. */
  readonly steps: readonly SignalingStep[];
}

/** The VLR accepted the attach: the subscriber is registered here. */
export interface AttachAccept {
  readonly kind: 'accept';
  readonly transactionId: string;
  readonly msisdn: string;
  readonly steps: readonly SignalingStep[];
}

/** What the subscriber answers to a challenge (the USIM's verdict, as sent on the air). */
export type ChallengeResponse =
  | { readonly kind: 'response'; readonly res: string }
  | { readonly kind: 'sync-failure'; readonly auts: string }
  | { readonly kind: 'mac-failure' };

/** A transaction id the VLR does not know (expired, finished or invented). */
export class UnknownTransactionError extends RoamError {
  constructor(transactionId: string) {
    super(
      'ROAM_UNKNOWN_TRANSACTION',
      `continue attach ${JSON.stringify(transactionId)}`,
      'the VLR has no attach in progress with this id',
      {
        hint: 'Send the transactionId from the challenge of an attach that is still in progress',
      },
    );
  }
}

/** A location update: periodic (timer T3212/T3412) or after moving to another location area of the same VLR. */
export interface LocationUpdateRequest {
  readonly imsi: string;
  readonly kind: 'periodic' | 'moving';
  /** The location area the phone is in now; unchanged when omitted. */
  readonly lac?: number;
}

/** The VLR registered the subscriber at its new location (and the home HLR was told). */
export interface LocationUpdateAccept {
  readonly kind: 'location-updated';
  readonly lac: number;
  readonly steps: readonly SignalingStep[];
}

/** The subscriber switched off (IMSI detach). */
export interface DetachRequest {
  readonly imsi: string;
}

/** The VLR dropped the subscriber, and purged it at the home HLR. */
export interface DetachAccept {
  readonly kind: 'detached';
  /** Calls and data sessions the detach closed. */
  readonly closedSessions: number;
  readonly steps: readonly SignalingStep[];
}

/** A call the roamer makes (MO: `otherParty` is the called number). */
export interface CallRequest {
  readonly imsi: string;
  readonly otherParty: string;
}

/** A call set up: the other party answered and charging started. */
export interface CallConnected {
  readonly kind: 'connected';
  /** The call as the subscriber knows it; the same across handovers. */
  readonly callId: string;
  /** The charging session of this network's leg of the call. */
  readonly legId: string;
  readonly direction: CallDirection;
  readonly steps: readonly SignalingStep[];
}

/** A call ended: its duration and the charging it closed. */
export interface CallReleased {
  readonly kind: 'released';
  readonly callId: string;
  readonly legId: string;
  /** Seconds of this leg, as the network measured it. */
  readonly seconds: number;
  readonly steps: readonly SignalingStep[];
}

/** Hand a live call over to another visited network. */
export interface HandoverCommand {
  readonly callId: string;
  readonly targetPlmn: PlmnId;
}

/** A live call moved to the VLR of another network, which now serves it. */
export interface HandoverComplete {
  readonly kind: 'handed-over';
  readonly callId: string;
  readonly fromPlmn: PlmnId;
  readonly toPlmn: PlmnId;
  /** The leg closed in the old network and its seconds. */
  readonly closedLegId: string;
  readonly closedLegSeconds: number;
  /** The leg opened in the new network. */
  readonly legId: string;
  readonly steps: readonly SignalingStep[];
}

/** The subscriber asks for a data session (PDP context / PDN connection). */
export interface DataSessionRequest {
  readonly imsi: string;
  /** Access point name; `internet` when omitted. */
  readonly apn?: string;
}

/** A data session opened, with its charging session. */
export interface DataSessionOpened {
  readonly kind: 'data-session';
  readonly sessionId: string;
  readonly steps: readonly SignalingStep[];
}

/** Volumes since the last report (interim) or in all since the last report (stop). */
export interface DataUsageReport {
  readonly sessionId: string;
  readonly bytesUp: number;
  readonly bytesDown: number;
}

/** Volume counted on a data session so far, or at its close. */
export interface DataSessionUsage {
  readonly kind: 'data-usage';
  readonly sessionId: string;
  /** Bytes in both directions since the session opened. */
  readonly totalBytes: number;
  readonly closed: boolean;
  readonly steps: readonly SignalingStep[];
}

/** A short message the roamer sends (MO) or receives (MT). */
export interface ShortMessageRequest {
  readonly imsi: string;
  /** The other party: recipient for MO, sender for MT. */
  readonly otherParty: string;
  /** Concatenated SMS parts; 1 when omitted. */
  readonly segments?: number;
}

/** The SMS centre took a short message for delivery; each segment is charged. */
export interface ShortMessageAccepted {
  readonly kind: 'sms-accepted';
  readonly messageRef: string;
  readonly direction: CallDirection;
  readonly steps: readonly SignalingStep[];
}

/** A call id the VLR does not serve (released, handed over, or never set up here). */
export class UnknownCallError extends RoamError {
  constructor(callId: string, vlr: string) {
    super('ROAM_UNKNOWN_CALL', `find call ${JSON.stringify(callId)} in ${vlr}`, 'this VLR serves no call with that id', {
      hint: 'Use the callId from the CallConnected or HandoverComplete answer of the VLR that serves the call now',
    });
  }
}
