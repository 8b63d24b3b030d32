import type { TransitionTable } from '../state-machine.js';

/** The states of a table, in the order their rows are written. */
export function statesOf<S extends string>(table: TransitionTable<S>): S[] {
  return Object.keys(table) as S[];
}

/**
 * A Mermaid `stateDiagram-v2` of a transition table: one arrow per allowed
 * transition, nothing else, so the diagram cannot drift from the code.
 *
 * @example
 * ```ts
 * mermaidStateDiagram(CALL_TRANSITIONS, { initial: 'IDLE' })
 * // stateDiagram-v2
 * //     [*] --> IDLE
 * //     IDLE --> LOCATION_REQUEST
 * //     ...
 * ```
 */
export function mermaidStateDiagram<S extends string>(table: TransitionTable<S>, options: { initial: S; title?: string }): string {
  const lines = [...(options.title ? ['---', `title: ${options.title}`, '---'] : []), 'stateDiagram-v2', `    [*] --> ${options.initial}`];
  for (const from of statesOf(table)) for (const to of table[from]) lines.push(`    ${from} --> ${to}`);
  return lines.join('\n') + '\n';
}

/**
 * The same table as an ASCII tree from the initial state, as the first
 * simulator drew it. A state already drawn is shown as `↺ STATE` instead
 * of being expanded again, so loops (a handoff back to CONNECTED) are visible
 * and the drawing is finite.
 *
 * @example
 * ```ts
 * console.log(asciiStateDiagram(CALL_TRANSITIONS, { initial: 'IDLE' }));
 * ```
 */
export function asciiStateDiagram<S extends string>(table: TransitionTable<S>, options: { initial: S; title?: string }): string {
  const lines: string[] = options.title ? [options.title, '='.repeat(options.title.length)] : [];
  const drawn = new Set<S>([options.initial]);
  lines.push(options.initial);
  const walk = (state: S, prefix: string) => {
    const next = table[state];
    next.forEach((to, i) => {
      const last = i === next.length - 1;
      const branch = last ? '└─> ' : '├─> ';
      if (drawn.has(to)) {
        lines.push(`${prefix}${branch}↺ ${to}`);
        return;
      }
      drawn.add(to);
      lines.push(`${prefix}${branch}${to}`);
      walk(to, prefix + (last ? '    ' : '│   '));
    });
  };
  walk(options.initial, '');
  const unreachable = statesOf(table).filter((s) => !drawn.has(s));
  if (unreachable.length > 0) lines.push(`(not reachable from ${options.initial}: ${unreachable.join(', ')})`);
  return lines.join('\n') + '\n';
}
