import type { TransitionTable } from '../state-machine.js';

/** The states of a roaming call, from dialling to release, handovers included. */
export type CallState =
  | 'IDLE'
  | 'LOCATION_REQUEST'
  | 'HLR_LOOKUP'
  | 'VLR_REGISTRATION'
  | 'CALL_SETUP'
  | 'CONNECTED'
  | 'HANDOFF_INITIATED'
  | 'HANDOFF_IN_PROGRESS'
  | 'HANDOFF_COMPLETE'
  | 'CALL_TEARDOWN'
  | 'FAILED';

/** Every call state, in the order of a call's life. */
export const CALL_STATES: readonly CallState[] = [
  'IDLE',
  'LOCATION_REQUEST',
  'HLR_LOOKUP',
  'VLR_REGISTRATION',
  'CALL_SETUP',
  'CONNECTED',
  'HANDOFF_INITIATED',
  'HANDOFF_IN_PROGRESS',
  'HANDOFF_COMPLETE',
  'CALL_TEARDOWN',
  'FAILED',
];

/**
 * The only transitions a roaming call may make. Diagrams are drawn from this
 * table, and {@link StateMachine} refuses anything it does not list.
 */
export const CALL_TRANSITIONS: TransitionTable<CallState> = {
  IDLE: ['LOCATION_REQUEST'],
  // Straight to CALL_SETUP when the phone is already registered in this VLR; FAILED when the VLR does not answer.
  LOCATION_REQUEST: ['HLR_LOOKUP', 'CALL_SETUP', 'FAILED'],
  // FAILED here: the home HLR does not know the subscriber (IMSI unknown), or authentication failed.
  HLR_LOOKUP: ['VLR_REGISTRATION', 'FAILED'],
  // FAILED here: the home network refuses roaming in this PLMN.
  VLR_REGISTRATION: ['CALL_SETUP', 'FAILED'],
  CALL_SETUP: ['CONNECTED', 'FAILED'],
  CONNECTED: ['HANDOFF_INITIATED', 'CALL_TEARDOWN'],
  // Back to CONNECTED: the handoff was abandoned before it began.
  HANDOFF_INITIATED: ['HANDOFF_IN_PROGRESS', 'CONNECTED'],
  // CONNECTED: the target refused (the call stays where it was); FAILED: the call dropped.
  HANDOFF_IN_PROGRESS: ['HANDOFF_COMPLETE', 'CONNECTED', 'FAILED'],
  HANDOFF_COMPLETE: ['CONNECTED'],
  CALL_TEARDOWN: ['IDLE'],
  FAILED: ['IDLE'],
};
