import { test, expect } from '@playwright/test';
import { IllegalTransitionError, UnknownNameError } from '../domain-errors.js';
import { CALL_STATES, CALL_TRANSITIONS, type CallState } from '../procedures/call-states.js';
import { RoamingSimulator } from '../simulation/roaming-simulator.js';
import type { TransitionTable } from '../state-machine.js';
import { CALL_FLOW } from './call-flows.js';
import { DIAGRAM_TYPES, allDiagrams, renderDiagram, type DiagramType } from './diagrams.js';
import { asciiSequenceDiagram, mermaidFromSteps, type FlowSpec } from './sequence-diagram.js';
import { asciiStateDiagram, mermaidStateDiagram } from './state-diagram.js';

test('the Mermaid state diagram has exactly one arrow per row of the transition table', () => {
  const text = mermaidStateDiagram(CALL_TRANSITIONS, { initial: 'IDLE' });
  const arrows = text.split('\n').filter((l) => /^\s+[A-Z_]+ --> [A-Z_]+$/.test(l));
  const table = Object.entries(CALL_TRANSITIONS).flatMap(([from, tos]) => (tos as CallState[]).map((to) => `    ${from} --> ${to}`));
  expect(arrows.sort()).toEqual(table.sort());
  expect(text.startsWith('stateDiagram-v2\n    [*] --> IDLE\n')).toBe(true);
});

test('the ASCII state tree reaches every state, marks loops, and follows a changed table', () => {
  const text = asciiStateDiagram(CALL_TRANSITIONS, { initial: 'IDLE' });
  for (const state of CALL_STATES) expect(text).toContain(state);
  expect(text).toContain('↺ CONNECTED');
  expect(text.split('\n')[0]).toBe('IDLE');
  // Drawn from the table: a table without handoffs draws none.
  const noHandoffs = { ...CALL_TRANSITIONS, CONNECTED: ['CALL_TEARDOWN'] } as TransitionTable<CallState>;
  const drawn = asciiStateDiagram(noHandoffs, { initial: 'IDLE' });
  expect(drawn).not.toContain('HANDOFF_INITIATED\n');
  expect(drawn).toContain('(not reachable from IDLE: HANDOFF_INITIATED, HANDOFF_IN_PROGRESS, HANDOFF_COMPLETE)');
});

test('flow diagrams walk a path through the real table; a path it does not allow fails loudly', () => {
  const ascii = asciiSequenceDiagram(CALL_FLOW);
  expect(ascii).toContain('[HLR_LOOKUP → VLR_REGISTRATION]');
  expect(ascii).toMatch(/Visited VLR\/MSC ──> Home HLR\/AuC\s+SendAuthInfo/);
  const broken: FlowSpec<CallState> = { ...CALL_FLOW, table: { ...CALL_TRANSITIONS, HLR_LOOKUP: ['FAILED'] } };
  expect(() => asciiSequenceDiagram(broken)).toThrow(IllegalTransitionError);
  expect(() => asciiSequenceDiagram(broken)).toThrow(/move Roaming call flow diagram from HLR_LOOKUP to VLR_REGISTRATION/);
});

test('all four diagrams, in Mermaid and ASCII', () => {
  expect(DIAGRAM_TYPES).toEqual(['call-flow', 'handoff-flow', 'state-machine', 'hlr-vlr-architecture']);
  const mermaid = allDiagrams('mermaid');
  expect(mermaid['call-flow']).toMatch(/^sequenceDiagram\n/);
  expect(mermaid['handoff-flow']).toContain('VLRA->>BILL: ChargingStop (voice, leg n in network A): the billing split');
  expect(mermaid['state-machine']).toContain('stateDiagram-v2');
  expect(mermaid['hlr-vlr-architecture']).toMatch(/^flowchart LR\n/);
  const ascii = allDiagrams('ascii');
  for (const type of DIAGRAM_TYPES) expect(ascii[type].length).toBeGreaterThan(100);
  expect(() => renderDiagram('network' as DiagramType)).toThrow(UnknownNameError);
});

test('the architecture diagram is drawn from a simulator’s own networks and agreements', () => {
  const sim = new RoamingSimulator({ seed: 1 });
  sim.registerHomeNetwork('262-01');
  sim.registerVisitedNetwork('208-01');
  sim.registerVisitedNetwork('214-03');
  sim.agreements.bar('262-01', '214-03');
  const text = sim.diagram('hlr-vlr-architecture', 'mermaid');
  expect(text).toContain('subgraph home_262_01 ["Home 262-01 Telekom"]');
  expect(text).toContain('subgraph visited_208_01 ["Visited 208-01 Orange"]');
  expect(text).toContain('VLR_208_01 -- "charging (standard)" --> BILL_262_01');
  expect(text).toContain('VLR_214_03 -. "barred: no roaming" .-> HLR_262_01');
  expect(sim.diagram('hlr-vlr-architecture', 'ascii')).toContain('x-- barred --x  home 262-01');
});

test('a sequence diagram of what really ran, from a call’s signalling steps', async () => {
  const sim = new RoamingSimulator({ seed: 1 });
  sim.registerHomeNetwork('262-01');
  sim.registerVisitedNetwork('208-01');
  const [roamer] = sim.createSubscribers({ home: '262-01' });
  const call = await sim.initiateCall({ subscriber: roamer!, calledParty: '+33612345678', visited: '208-01' });
  const text = mermaidFromSteps(call.steps, 'Call set-up as it ran');
  expect(text).toMatch(/ue->>vlr_208_01: Location Request \(\d+\.\d ms\)/);
  expect(text).toMatch(/vlr_208_01->>hlr_262_01: SendAuthInfo/);
  expect(text).toMatch(/vlr_208_01->>gmsc: IAM \(call setup\)/);
});
