import { roamingNetworkProblem } from '../simulator/reference/roaming-networks.js';
import { stepsOf, type SpecDocumentSpec } from './schema.js';

/** A reference in a valid-looking spec that points at nothing. */
export interface DanglingReference {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Finds steps that name an undefined subscriber group or a network outside
 * the world, links between elements the world does not have, and world
 * networks that are not real roaming networks (not in the MCC/MNC reference
 * data, or internal-use codes such as 999-99), so they fail at load time
 * instead of mid-run (or, worse, pass).
 */
export function findDanglingReferences(spec: SpecDocumentSpec): DanglingReference[] {
  const problems: DanglingReference[] = [];
  const groups = Object.keys(spec.subscribers);
  const visited = spec.world.visited.map((v) => v.plmn as string);
  const home = spec.world.home.plmn;
  const elements = new Set(['ue', `hlr:${home}`, `billing:${home}`, ...visited.map((v) => `vlr:${v}`)]);
  const stepsKey = 'scenario' in spec ? 'steps' : 'method';

  const checkReal = (plmn: string, path: (string | number)[]) => {
    const problem = roamingNetworkProblem(plmn);
    if (problem) problems.push({ path, message: problem });
  };
  checkReal(home, ['world', 'home', 'plmn']);
  spec.world.visited.forEach((v, i) => checkReal(v.plmn, ['world', 'visited', i, 'plmn']));

  const checkGroup = (who: string, path: (string | number)[]) => {
    if (!groups.includes(who)) problems.push({ path, message: `no subscriber group "${who}"; defined: ${groups.join(', ') || 'none'}` });
  };
  const checkVisited = (plmn: string | undefined, path: (string | number)[]) => {
    if (plmn !== undefined && !visited.includes(plmn)) {
      problems.push({ path, message: `${plmn} is not a visited network of this world; visited: ${visited.join(', ')}` });
    }
  };
  const checkLink = (link: string, path: (string | number)[]) => {
    const [from, to] = link.split(' -> ') as [string, string];
    for (const end of [from, to]) {
      if (!elements.has(end)) problems.push({ path, message: `the world has no element "${end}"; it has ${[...elements].join(', ')}` });
    }
  };

  stepsOf(spec).forEach((step, i) => {
    const [kind, body] = Object.entries(step)[0] as [string, Record<string, unknown>];
    const at = (...rest: (string | number)[]) => [stepsKey, i, kind, ...rest];
    if (body && typeof body === 'object' && typeof body['who'] === 'string') checkGroup(body['who'], at('who'));
    if (kind === 'attach') {
      checkVisited(body['visited'] as string | undefined, at('visited'));
      ((body['networks'] as string[] | undefined) ?? []).forEach((n, j) => checkVisited(n, at('networks', j)));
    }
    if (kind === 'call') {
      checkVisited(body['visited'] as string | undefined, at('visited'));
      ((body['handoff'] as { to: string }[] | undefined) ?? []).forEach((h, j) => checkVisited(h.to, at('handoff', j, 'to')));
    }
    if (kind === 'handoff') checkVisited(body['to'] as string, at('to'));
    if (kind === 'load') ((body['visited'] as string[] | undefined) ?? []).forEach((n, j) => checkVisited(n, at('visited', j)));
    if (kind === 'fault') checkLink(body['link'] as string, at('link'));
    const expected = body?.['expect'] as { network?: string } | undefined;
    if (expected?.network) checkVisited(expected.network, at('expect', 'network'));
  });
  for (const [name, group] of Object.entries(spec.subscribers)) {
    if (group.home && group.home !== home) {
      problems.push({ path: ['subscribers', name, 'home'], message: `${group.home} is not this world's home network ${home}` });
    }
    (group.allowedNetworks ?? []).forEach((n, j) => checkVisited(n, ['subscribers', name, 'allowedNetworks', j]));
  }
  (spec.world.home.steering?.preferred ?? []).forEach((n, j) => checkVisited(n, ['world', 'home', 'steering', 'preferred', j]));
  for (const link of Object.keys(spec.links)) checkLink(link, ['links', link]);
  return problems;
}
