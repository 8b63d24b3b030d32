import { IllegalTransitionError } from '../domain-errors.js';
import type { SignalingStep } from '../signaling/signaling-step.js';
import type { TransitionTable } from '../state-machine.js';

/** One message in a sequence diagram. */
export interface SequenceMessage {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  /** A reply (dashed arrow). */
  readonly reply?: boolean;
}

/** The messages each transition of a table sends, keyed `FROM>TO`. */
export type TransitionSignalling<S extends string> = Partial<Record<`${S}>${S}`, readonly SequenceMessage[]>>;

/** A flow through a state machine: a path of states and the signalling of each step. */
export interface FlowSpec<S extends string> {
  readonly title: string;
  readonly participants: readonly { readonly id: string; readonly label: string }[];
  readonly table: TransitionTable<S>;
  readonly path: readonly S[];
  readonly signalling: TransitionSignalling<S>;
}

/**
 * The messages of a flow, in order, grouped by the transition that sends
 * them. Every step of the path is checked against the transition table.
 *
 * @throws {IllegalTransitionError} when the path takes a transition the table does not allow.
 */
export function flowMessages<S extends string>(flow: FlowSpec<S>): { transition: `${S}>${S}`; messages: readonly SequenceMessage[] }[] {
  const out: { transition: `${S}>${S}`; messages: readonly SequenceMessage[] }[] = [];
  for (let i = 1; i < flow.path.length; i++) {
    const from = flow.path[i - 1]!;
    const to = flow.path[i]!;
    if (!flow.table[from].includes(to)) throw new IllegalTransitionError(`${flow.title} diagram`, from, to, flow.table[from]);
    out.push({ transition: `${from}>${to}`, messages: flow.signalling[`${from}>${to}`] ?? [] });
  }
  return out;
}

/** A flow as a Mermaid `sequenceDiagram`, with each state the call enters as a note. */
export function mermaidSequenceDiagram<S extends string>(flow: FlowSpec<S>): string {
  const lines = ['sequenceDiagram', `    title ${flow.title}`];
  for (const p of flow.participants) lines.push(`    participant ${p.id} as ${p.label}`);
  const first = flow.participants[0]!.id;
  const last = flow.participants[flow.participants.length - 1]!.id;
  for (const { transition, messages } of flowMessages(flow)) {
    const [from, to] = transition.split('>');
    lines.push(`    Note over ${first},${last}: ${from} → ${to}`);
    for (const m of messages) lines.push(`    ${m.from}${m.reply ? '-->>' : '->>'}${m.to}: ${m.text}`);
  }
  return lines.join('\n') + '\n';
}

/** A flow as numbered ASCII lines under the transition that sends them. */
export function asciiSequenceDiagram<S extends string>(flow: FlowSpec<S>): string {
  const label = new Map(flow.participants.map((p) => [p.id, p.label]));
  const width = Math.max(...flow.participants.map((p) => p.label.length));
  const lines = [flow.title, '='.repeat(flow.title.length)];
  let n = 0;
  for (const { transition, messages } of flowMessages(flow)) {
    lines.push(`[${transition.replace('>', ' → ')}]`);
    for (const m of messages) {
      const arrow = m.reply ? '<··' : '──>';
      const [left, right] = m.reply ? [m.to, m.from] : [m.from, m.to];
      lines.push(`  ${String(++n).padStart(2)}. ${label.get(left)!.padEnd(width)} ${arrow} ${label.get(right)!.padEnd(width)}  ${m.text}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A Mermaid `sequenceDiagram` of what really happened: the signalling steps
 * a procedure recorded (with their durations), e.g. for a report.
 *
 * @example
 * ```ts
 * const call = await sim.initiateCall({ ... });
 * mermaidFromSteps(call.steps, 'Call set-up as it ran');
 * ```
 */
export function mermaidFromSteps(steps: readonly SignalingStep[], title: string): string {
  const id = (name: string) => name.replace(/[^A-Za-z0-9]/g, '_');
  const participants = [...new Set(steps.flatMap((s) => [s.from, s.to]))];
  const lines = ['sequenceDiagram', `    title ${title}`, ...participants.map((p) => `    participant ${id(p)} as ${p}`)];
  for (const s of steps) {
    const outcome = s.result === 'ok' ? '' : ` ✗ ${s.detail ?? 'error'}`;
    lines.push(`    ${id(s.from)}->>${id(s.to)}: ${s.name} (${s.durationMs.toFixed(1)} ms)${outcome}`);
  }
  return lines.join('\n') + '\n';
}
