import { test, expect } from '@playwright/test';
import { IllegalTransitionError } from './errors.js';
import { ATTACH_TRANSITIONS } from './procedures/attach-states.js';
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
