import { test, expect } from '@playwright/test';
import { IllegalTransitionError } from './domain-errors.js';
import { ATTACH_TRANSITIONS } from './procedures/attach-states.js';
import { CALL_TRANSITIONS } from './procedures/call-states.js';
import { StateMachine } from './state-machine.js';

test('follows the table and records the path', () => {
  let now = 1000;
  const machine = new StateMachine('attach', ATTACH_TRANSITIONS, 'IDLE', () => now++);
  machine.moveTo('AUTHENTICATING');
  machine.moveTo('UPDATING_LOCATION');
  machine.moveTo('REGISTERED');
  expect(machine.path).toEqual(['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED']);
  expect(machine.history.map((t) => t.at)).toEqual([1000, 1001, 1002]);
});

test('refuses a transition the table does not list, and stays where it was', () => {
  const machine = new StateMachine('attach', ATTACH_TRANSITIONS, 'IDLE', () => 0);
  expect(() => machine.moveTo('REGISTERED')).toThrow(IllegalTransitionError);
  expect(() => machine.moveTo('REGISTERED')).toThrow(/from IDLE to REGISTERED: the transition table allows only AUTHENTICATING, FAILED/);
  expect(machine.state).toBe('IDLE');
  expect(machine.history).toHaveLength(0);
});

test('the call table: the happy path, a handoff loop, and FAILED from every set-up stage', () => {
  const machine = new StateMachine('call', CALL_TRANSITIONS, 'IDLE', () => 0);
  for (const to of ['LOCATION_REQUEST', 'HLR_LOOKUP', 'VLR_REGISTRATION', 'CALL_SETUP', 'CONNECTED'] as const) machine.moveTo(to);
  for (const to of ['HANDOFF_INITIATED', 'HANDOFF_IN_PROGRESS', 'HANDOFF_COMPLETE', 'CONNECTED', 'CALL_TEARDOWN', 'IDLE'] as const)
    machine.moveTo(to);
  expect(machine.history).toHaveLength(11);
  for (const stage of ['LOCATION_REQUEST', 'HLR_LOOKUP', 'VLR_REGISTRATION', 'CALL_SETUP'] as const)
    expect(CALL_TRANSITIONS[stage]).toContain('FAILED');
  expect(CALL_TRANSITIONS.CONNECTED).not.toContain('FAILED');
  expect(() => new StateMachine('call', CALL_TRANSITIONS, 'CONNECTED', () => 0).moveTo('HANDOFF_COMPLETE')).toThrow(
    /move call from CONNECTED to HANDOFF_COMPLETE: the transition table allows only HANDOFF_INITIATED, CALL_TEARDOWN after CONNECTED/,
  );
});
