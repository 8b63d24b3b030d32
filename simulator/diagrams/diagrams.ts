import { UnknownNameError } from '../domain-errors.js';
import { CALL_TRANSITIONS } from '../procedures/call-states.js';
import { EXAMPLE_ARCHITECTURE, asciiArchitecture, mermaidArchitecture, type ArchitectureModel } from './architecture-diagram.js';
import { CALL_FLOW, HANDOFF_FLOW } from './call-flows.js';
import { asciiSequenceDiagram, mermaidSequenceDiagram } from './sequence-diagram.js';
import { asciiStateDiagram, mermaidStateDiagram } from './state-diagram.js';

/** The diagrams the harness draws of its own flows: architecture, call and handoff sequences, state machines. */
export type DiagramType = 'call-flow' | 'handoff-flow' | 'state-machine' | 'hlr-vlr-architecture';

/** Every diagram type, in the order they are printed. */
export const DIAGRAM_TYPES: readonly DiagramType[] = ['call-flow', 'handoff-flow', 'state-machine', 'hlr-vlr-architecture'];

/** `mermaid` text (for Markdown, Allure, mermaid.live) or `ascii` (for a terminal). */
export type DiagramFormat = 'mermaid' | 'ascii';

/**
 * Draws one diagram. Flows and the state machine come from the real
 * {@link CALL_TRANSITIONS} table; the architecture from `model` (the networks
 * and agreements of a simulator, see `RoamingSimulator.architecture()`), or
 * an example world.
 *
 * @throws {UnknownNameError} for a type that is not a {@link DiagramType}.
 * @example
 * ```ts
 * console.log(renderDiagram('state-machine', 'ascii'));
 * await writeFile('call-flow.mmd', renderDiagram('call-flow', 'mermaid'));
 * ```
 */
export function renderDiagram(
  type: DiagramType,
  format: DiagramFormat = 'mermaid',
  model: ArchitectureModel = EXAMPLE_ARCHITECTURE,
): string {
  switch (type) {
    case 'call-flow':
      return format === 'mermaid' ? mermaidSequenceDiagram(CALL_FLOW) : asciiSequenceDiagram(CALL_FLOW);
    case 'handoff-flow':
      return format === 'mermaid' ? mermaidSequenceDiagram(HANDOFF_FLOW) : asciiSequenceDiagram(HANDOFF_FLOW);
    case 'state-machine': {
      const options = { initial: 'IDLE' as const, title: 'Roaming call state machine' };
      return format === 'mermaid' ? mermaidStateDiagram(CALL_TRANSITIONS, options) : asciiStateDiagram(CALL_TRANSITIONS, options);
    }
    case 'hlr-vlr-architecture':
      return format === 'mermaid' ? mermaidArchitecture(model) : asciiArchitecture(model);
    default:
      throw new UnknownNameError('diagram', String(type), DIAGRAM_TYPES);
  }
}

/** Every diagram in one format, keyed by type. */
export function allDiagrams(format: DiagramFormat = 'ascii', model?: ArchitectureModel): Record<DiagramType, string> {
  return Object.fromEntries(DIAGRAM_TYPES.map((type) => [type, renderDiagram(type, format, model)])) as Record<DiagramType, string>;
}
