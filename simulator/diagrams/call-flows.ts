import { CALL_TRANSITIONS, type CallState } from '../procedures/call-states.js';
import type { FlowSpec, TransitionSignalling } from './sequence-diagram.js';

/**
 * The signalling each transition of {@link CALL_TRANSITIONS} carries, as the
 * procedures and elements of this package send it. A flow diagram walks a
 * path through the table and prints these, so a transition removed from the
 * table breaks the diagram instead of leaving it wrong.
 */
export const CALL_SIGNALLING: TransitionSignalling<CallState> = {
  'IDLE>LOCATION_REQUEST': [{ from: 'UE', to: 'VLR', text: 'Location Request (IMSI)' }],
  'LOCATION_REQUEST>HLR_LOOKUP': [
    { from: 'VLR', to: 'HLR', text: 'SendAuthInfo (IMSI)' },
    { from: 'HLR', to: 'VLR', text: 'vectors: RAND, AUTN, XRES, CK, IK (Milenage)', reply: true },
    { from: 'VLR', to: 'UE', text: 'Authentication Request (RAND, AUTN)' },
  ],
  'HLR_LOOKUP>VLR_REGISTRATION': [
    { from: 'UE', to: 'VLR', text: 'Authentication Response (RES from the SIM’s own K)' },
    { from: 'VLR', to: 'HLR', text: 'UpdateLocation (VLR number, visited PLMN)' },
    { from: 'HLR', to: 'VLR', text: 'InsertSubscriberData (MSISDN, services)', reply: true },
    { from: 'VLR', to: 'BILL', text: 'ChargingStart (registration)' },
  ],
  'LOCATION_REQUEST>CALL_SETUP': [{ from: 'UE', to: 'VLR', text: 'Setup (already registered here)' }],
  'VLR_REGISTRATION>CALL_SETUP': [
    { from: 'VLR', to: 'UE', text: 'Location Updating Accept', reply: true },
    { from: 'UE', to: 'VLR', text: 'Setup (called party)' },
    { from: 'VLR', to: 'GMSC', text: 'IAM (call set-up)' },
  ],
  'CALL_SETUP>CONNECTED': [
    { from: 'GMSC', to: 'VLR', text: 'ANM (answered)', reply: true },
    { from: 'VLR', to: 'BILL', text: 'ChargingStart (voice, leg 1)' },
    { from: 'VLR', to: 'UE', text: 'Connect', reply: true },
  ],
  'CONNECTED>CALL_TEARDOWN': [
    { from: 'UE', to: 'VLR', text: 'Disconnect' },
    { from: 'VLR', to: 'BILL', text: 'ChargingStop (voice, seconds of the leg)' },
  ],
  'CALL_TEARDOWN>IDLE': [{ from: 'VLR', to: 'UE', text: 'Release Complete', reply: true }],
};

/** The signalling of a handoff from one visited network's VLR (A) to another's (B). */
export const HANDOFF_SIGNALLING: TransitionSignalling<CallState> = {
  'CONNECTED>HANDOFF_INITIATED': [{ from: 'UE', to: 'VLRA', text: 'Measurement Report (network B is stronger)' }],
  'HANDOFF_INITIATED>HANDOFF_IN_PROGRESS': [
    { from: 'VLRA', to: 'VLRB', text: 'Prepare Handover (call id, leg n+1)' },
    { from: 'VLRB', to: 'HLR', text: 'UpdateLocation (roaming policy checked again)' },
    { from: 'HLR', to: 'VLRB', text: 'InsertSubscriberData', reply: true },
    { from: 'VLRB', to: 'BILL', text: 'ChargingStart (voice, leg n+1 in network B)' },
  ],
  'HANDOFF_IN_PROGRESS>HANDOFF_COMPLETE': [
    { from: 'VLRB', to: 'VLRA', text: 'Prepare Handover Ack', reply: true },
    { from: 'VLRA', to: 'BILL', text: 'ChargingStop (voice, leg n in network A): the billing split' },
    { from: 'VLRA', to: 'UE', text: 'Handover Command', reply: true },
    { from: 'HLR', to: 'VLRA', text: 'CancelLocation (subscriber moved to B)' },
  ],
  'HANDOFF_COMPLETE>CONNECTED': [{ from: 'UE', to: 'VLRB', text: 'Handover Complete (call continues in B)' }],
};

/** A roaming call from idle to connected and back, through the HLR lookup and VLR registration. */
export const CALL_FLOW: FlowSpec<CallState> = {
  title: 'Roaming call flow',
  participants: [
    { id: 'UE', label: 'Roamer (UE+SIM)' },
    { id: 'VLR', label: 'Visited VLR/MSC' },
    { id: 'HLR', label: 'Home HLR/AuC' },
    { id: 'GMSC', label: 'Gateway MSC' },
    { id: 'BILL', label: 'Home billing' },
  ],
  table: CALL_TRANSITIONS,
  path: ['IDLE', 'LOCATION_REQUEST', 'HLR_LOOKUP', 'VLR_REGISTRATION', 'CALL_SETUP', 'CONNECTED', 'CALL_TEARDOWN', 'IDLE'],
  signalling: CALL_SIGNALLING,
};

/** A live call handed over from visited network A to visited network B. */
export const HANDOFF_FLOW: FlowSpec<CallState> = {
  title: 'Handoff flow (inter-network)',
  participants: [
    { id: 'UE', label: 'Roamer (UE+SIM)' },
    { id: 'VLRA', label: 'VLR of network A' },
    { id: 'VLRB', label: 'VLR of network B' },
    { id: 'HLR', label: 'Home HLR' },
    { id: 'BILL', label: 'Home billing' },
  ],
  table: CALL_TRANSITIONS,
  path: ['CONNECTED', 'HANDOFF_INITIATED', 'HANDOFF_IN_PROGRESS', 'HANDOFF_COMPLETE', 'CONNECTED'],
  signalling: HANDOFF_SIGNALLING,
};
