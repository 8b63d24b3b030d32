import type { ScenarioSpec } from './schema.js';

/** A reference in a valid-looking spec that points at nothing. */
export interface DanglingReference {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Finds steps that name an undefined subscriber group or a network outside
 * the world, and links between elements the world does not have, so they
 * fail at load time instead of mid-run.
 */
export function findDanglingReferences(spec: ScenarioSpec): DanglingReference[] {
  const problems: DanglingReference[] = [];
  const groups = Object.keys(spec.subscribers);
  const visited = spec.world.visited.map((v) => v.plmn);
  const home = spec.world.home.plmn;
  const elements = new Set(['ue', `hlr:${home}`, `billing:${home}`, ...visited.map((v) => `vlr:${v}`)]);
  spec.steps.forEach((step, i) => {
    const { who, visited: target } = step.attach;
    if (!groups.includes(who)) {
      problems.push({
        path: ['steps', i, 'attach', 'who'],
        message: `no subscriber group "${who}"; defined: ${groups.join(', ') || 'none'}`,
      });
    }
    if (!visited.includes(target)) {
      problems.push({
        path: ['steps', i, 'attach', 'visited'],
        message: `${target} is not a visited network of this world; visited: ${visited.join(', ')}`,
      });
    }
  });
  for (const [name, group] of Object.entries(spec.subscribers)) {
    if (group.home && group.home !== home) {
      problems.push({ path: ['subscribers', name, 'home'], message: `${group.home} is not this world's home network ${home}` });
    }
  }
  for (const link of Object.keys(spec.links)) {
    const [from, to] = link.split(' -> ') as [string, string];
    for (const end of [from, to]) {
      if (!elements.has(end))
        problems.push({ path: ['links', link], message: `the world has no element "${end}"; it has ${[...elements].join(', ')}` });
    }
  }
  return problems;
}
