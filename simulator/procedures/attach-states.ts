import type { TransitionTable } from '../state-machine.js';

/**
 * Mobility-management states of a subscriber during attach, as the
 * subscriber sees them (TS 24.008 GMM / TS 24.301 EMM, simplified).
 */
export type AttachState = 'IDLE' | 'AUTHENTICATING' | 'UPDATING_LOCATION' | 'REGISTERED' | 'REJECTED' | 'FAILED';

/** The only transitions an attach may make. */
export const ATTACH_TRANSITIONS: TransitionTable<AttachState> = {
  IDLE: ['AUTHENTICATING', 'FAILED'],
  // A reject here is an unknown IMSI or a failed challenge; a re-challenge after resync stays here.
  AUTHENTICATING: ['UPDATING_LOCATION', 'REJECTED', 'FAILED'],
  // A reject here is the home network refusing roaming in this PLMN.
  UPDATING_LOCATION: ['REGISTERED', 'REJECTED', 'FAILED'],
  REGISTERED: ['IDLE'],
  REJECTED: ['IDLE'],
  FAILED: ['IDLE'],
};
